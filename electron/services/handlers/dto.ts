import type { AnalysisReportDto, MetadataReportDto } from '../../../shared/api';
import type { AnalysisReport, MetadataReport } from '../analysis';

// The analysis reports are plain interfaces; the contract's schemas (checked on every answer by
// dispatchApiCall) describe the same shapes and let later fields through.
export const metadataDto = (report: MetadataReport): MetadataReportDto => report as unknown as MetadataReportDto;
export const analysisDto = (report: AnalysisReport): AnalysisReportDto => report as unknown as AnalysisReportDto;
