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

/** How a finding's severity is said to the admin (the codes stay in JSON, never in what people read). */
export const SEVERITY_WORDS: Record<Severity, string> = { error: 'Problem', warning: 'Worth checking', info: 'Note' };

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, in plain words. */
  message: string;
  /** What to do about it, in the chosen IdP's vocabulary when one is known. */
  fix: string;
}

/**
 * What a finding means, as a short title people read: the "Fixes in <IdP>" table of the checklist
 * names each problem this way, never by its code. Every code a playbook gives a fix for has one
 * (shared/idps/playbooks.test.ts).
 */
export const TROUBLE_TITLES: Readonly<Record<string, string>> = {
  'signature-invalid': 'The signature does not match the certificate in Twilio',
  'response-unsigned': 'The response is not signed',
  'assertion-unsigned': 'The assertion is not signed',
  'assertion-encrypted': 'The assertion is encrypted',
  'audience-mismatch': "The audience is not Twilio's Entity ID",
  'destination-mismatch': 'The response is sent to another address (Destination)',
  'recipient-mismatch': 'The assertion is meant for another address (Recipient)',
  'issuer-mismatch': 'The issuer is not the one entered in Twilio',
  'cert-expired': 'The signing certificate has expired',
  'status-error': 'The identity provider refused the login',
  'invalid-nameid-policy': 'The identity provider cannot make the NameID asked for',
  'namespaced-claim': 'An attribute name carries a namespace (a URI in front)',
  'missing-claim': 'A required attribute is missing',
  'invalid-role': 'A role Twilio does not know',
  'invalid-attribute-type': 'An attribute value does not fit its type',
  'session-too-short': 'The session ends too soon',
  'not-assigned': 'The user is not assigned to the app',
};

export function troubleTitle(code: string): string {
  return TROUBLE_TITLES[code] ?? code;
}
