/**
 * Stable finding codes (kebab-case). The core set is a public contract (CLI JSON, playbook
 * troubleshooting entries); add new codes at the end, never rename one.
 */
export const FINDING_CODES = [
  'signature-invalid',
  'response-unsigned',
  'assertion-unsigned',
  'assertion-encrypted',
  'audience-mismatch',
  'destination-mismatch',
  'recipient-mismatch',
  'issuer-mismatch',
  'expired',
  'not-yet-valid',
  'cert-expired',
  'status-error',
  'invalid-nameid-policy',
  'namespaced-claim',
  'missing-claim',
  'invalid-role',
  'invalid-attribute-type',
  'session-too-short',
  'malformed-xml',
  'not-saml',
] as const;

export type CoreFindingCode = (typeof FINDING_CODES)[number];
/** Core codes plus any added later; a string so that new codes need no change here. */
export type FindingCode = CoreFindingCode | (string & {});

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, in plain words. */
  message: string;
  /** What to do about it, in the chosen IdP's vocabulary when one is known. */
  fix: string;
}
