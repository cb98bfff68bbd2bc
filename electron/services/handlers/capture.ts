/** A browser capture someone sent (HAR, SAML-tracer), diagnosed against the open customer's values. */
import type { ApiHandlers, CaptureReportDto } from '../../../shared/api';
import type { ApiServices } from '../api-services';
import { analyzeCapture } from '../capture';

export function captureHandlers(services: ApiServices): Pick<ApiHandlers, 'analyzeCapture'> {
  return {
    analyzeCapture: async ({ digest, fileName, mode, ids, idp, idpCertificatePem, idpIssuer }) => {
      const report = await analyzeCapture(
        digest,
        {
          ...(mode ? { mode, ids: ids ?? {} } : {}),
          ...(idp ? { idp } : {}),
          ...(idpCertificatePem?.trim() ? { idpCertPem: idpCertificatePem } : {}),
          ...(idpIssuer?.trim() ? { idpIssuer: idpIssuer.trim() } : {}),
        },
        // The wizard shows the users' values for the diagnosis; its export redacts them (renderer).
        { redact: false, ...(fileName ? { fileName } : {}), analyze: services.analysis.analyzeResponse },
      );
      return { report: report as unknown as CaptureReportDto };
    },
  };
}
