import type { CaptureDigest } from '../../../shared/capture/digest';
import { planCaptureDiagnosis, type CaptureJudgement } from '../../../shared/capture/diagnose';
import { assembleCaptureReport, type CaptureReport } from '../../../shared/capture/report';
import type { AnalysisReport } from '../../../shared/saml/report';
import { isIdpId } from '../../../shared/idps';
import { analyzeSamlResponse, type AnalyzeOptions } from '../analysis';

export interface AnalyzeCaptureOptions {
  /** Replace NameID and attribute values in the report (exports); default true. */
  redact?: boolean;
  fileName?: string;
  /** Where each response is analysed: the main side passes its analysis thread; in-process by default (the CLI). */
  analyze?: (xml: string, options: AnalyzeOptions) => Promise<AnalysisReport>;
}

/**
 * The diagnosis of a capture: each response goes through `analyzeSamlResponse`, exactly as a
 * captured login test does, judged at the moment the capture says it was sent. The request id is
 * not passed as `expectedInResponseTo`: the pairing already matched it (node-saml would verify the
 * signature a second time only to confirm it), and the plan checks the assertion's own value.
 */
export async function analyzeCapture(digest: CaptureDigest, judgement: CaptureJudgement, options: AnalyzeCaptureOptions = {}): Promise<CaptureReport> {
  const plan = planCaptureDiagnosis(digest, judgement);
  const analyze = options.analyze ?? analyzeSamlResponse;
  const analyses: Array<AnalysisReport | null> = [];
  for (const planned of plan.exchanges) {
    if (!planned.analysis) {
      analyses.push(null);
      continue;
    }
    const { xml, options: o } = planned.analysis;
    analyses.push(
      await analyze(xml, {
        ...(o.mode ? { mode: o.mode } : {}),
        ...(o.ids ? { ids: o.ids } : {}),
        ...(o.idp && isIdpId(o.idp) ? { idp: o.idp } : {}),
        ...(o.idpCertPem ? { idpCertPem: o.idpCertPem } : {}),
        ...(o.idpIssuer ? { idpIssuer: o.idpIssuer } : {}),
        ...(o.now ? { now: new Date(o.now) } : {}),
      }),
    );
  }
  return assembleCaptureReport(plan, analyses, { redact: options.redact ?? true, ...(options.fileName ? { fileName: options.fileName } : {}) });
}
