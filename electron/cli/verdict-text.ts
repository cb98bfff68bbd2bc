import { isModeId, MODES, type ModeDefinition } from '../../shared/domain/modes';
import type { AnalysisReport } from '../../shared/saml/report';

/** The product the report was judged for (the preview's mode; Flex, the analysis's default, otherwise). */
function productOf(report: AnalysisReport): ModeDefinition['productName'] {
  const mode = report.worker?.mode;
  return mode !== undefined && isModeId(mode) ? MODES[mode].productName : 'Flex';
}

/** The first line of a response report in text form; its exit status follows the same verdict. */
export function verdictLine(report: AnalysisReport): string {
  const product = productOf(report);
  switch (report.verdict) {
    case 'ok':
      return `Verdict: ${product} would accept this response; its signature was checked against the given IdP certificate.`;
    case 'unverified':
      return 'Verdict: NOT VERIFIED. No error was found, but the signature was not checked against the IdP certificate, so anyone could have made this response: give the certificate pasted in Twilio with --idp-cert.';
    case 'fail':
      return 'Verdict: this response would not log the user in (see the errors below).';
  }
}

/** The preview's lines in a text report: what the product would write or receive for the user. */
export function previewLines(report: AnalysisReport): string[] {
  if (!report.worker) return [];
  const heading = productOf(report) === 'Flex' ? 'Worker attributes Flex would write:' : 'What Frontline receives for the user:';
  return ['', heading, JSON.stringify(report.worker.attributes, null, 2)];
}
