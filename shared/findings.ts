/** What only a browser capture shows (shared/capture): their fixes live with the capture diagnosis. */
export const CAPTURE_FINDING_CODES = [
  'capture-idp-error-page',
  'capture-no-response',
  'capture-redirect-loop',
  'capture-clock-difference',
  'capture-no-saml',
  'capture-truncated',
  'capture-entry-too-large',
  'capture-message-unreadable',
  'capture-limits',
  'capture-judged-as',
] as const;
export type CaptureFindingCode = (typeof CAPTURE_FINDING_CODES)[number];

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
  // Added by the SAML analysis (shared/saml): wrapping attacks, trust, input safety, metadata.
  'signature-wrapping',
  'trust-not-checked',
  'dtd-refused',
  'input-too-large',
  'in-response-to-mismatch',
  'no-assertion',
  'missing-nameid',
  'weak-signature-algorithm',
  'cert-expiring',
  'cert-not-yet-valid',
  'mode-not-given',
  'invalid-contact-uri',
  'metadata-sp-given',
  'metadata-no-idp',
  'metadata-no-certificate',
  'metadata-no-sso-url',
  'metadata-templated-entity-id',
  'metadata-several-signing-certificates',
  'metadata-entity-not-found',
  'metadata-not-https',
  'signature-malformed',
  'session-limit',
  // Added by the capture diagnosis (shared/capture): what only a browser capture shows.
  ...CAPTURE_FINDING_CODES,
  // The response was posted somewhere other than the mode's ACS URL (the login test and a browser capture).
  'acs-url-mismatch',
] as const;

export type CoreFindingCode = (typeof FINDING_CODES)[number];
/** Core codes plus any added later; a string so that new codes need no change here. */
export type FindingCode = CoreFindingCode | (string & {});

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, in plain words. */
  message: string;
  /** What to do about it, in the chosen IdP's vocabulary when one is known. */
  fix: string;
}
