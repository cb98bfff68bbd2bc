import type { AnalysisReport } from '../../shared/saml/report';

/** The first line of a response report in text form; its exit status follows the same verdict. */
export function verdictLine(report: AnalysisReport): string {
  switch (report.verdict) {
    case 'ok':
      return 'Verdict: Flex would accept this response; its signature was checked against the given IdP certificate.';
    case 'unverified':
      return 'Verdict: NOT VERIFIED. No error was found, but the signature was not checked against the IdP certificate, so anyone could have made this response: give the certificate pasted in Twilio with --idp-cert.';
    case 'fail':
      return 'Verdict: this response would not log the user in (see the errors below).';
  }
}
