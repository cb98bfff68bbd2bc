/** The shapes the analysis returns (CLI JSON, IPC, renderer). */
import type { Finding } from '../findings';
import type { SamlAttribute } from './response';

/**
 * A response report's verdict: 'ok' (Flex would accept it, and its signature was checked against
 * the certificate the admin gives Twilio), 'fail' (an error finding), 'unverified' (no error
 * found, but trust was not checked: no certificate was given, or only the document's own one).
 */
export const ANALYSIS_VERDICTS = ['ok', 'fail', 'unverified'] as const;
export type AnalysisVerdict = (typeof ANALYSIS_VERDICTS)[number];

export interface SignatureSummary {
  /** True when a signature was verified against some certificate (given or embedded). */
  checked: boolean;
  /** True: every signature present verified and one covers the assertion; false: failed or missing; null: not checked. */
  valid: boolean | null;
  /** 'given': against the configured IdP certificate (trust); 'embedded': against the certificate inside the document (integrity only); null: nothing verified. */
  certificate: 'given' | 'embedded' | null;
}

export interface ResponseFacts {
  /**
   * Where the assertion facts were read from: 'verified-signature' (the part the signature covers,
   * checked against the given certificate), 'embedded-signature' (the covered part, checked only
   * against the document's own certificate), 'unverified-document' (nothing verified: shown for
   * diagnosis, not to be trusted).
   */
  readFrom: 'verified-signature' | 'embedded-signature' | 'unverified-document';
  responseId: string | null;
  assertionId: string | null;
  /** The assertion's Issuer when there is an assertion, else the Response's. */
  issuer: string | null;
  responseIssuer: string | null;
  destination: string | null;
  inResponseTo: string | null;
  issueInstant: string | null;
  statusCode: string | null;
  statusSubcode: string | null;
  statusMessage: string | null;
  responseSigned: boolean;
  assertionSigned: boolean | null;
  encrypted: boolean;
  /** saml:Assertion elements anywhere in the document (encrypted ones not counted). */
  assertionCount: number;
  signatureAlgorithms: string[];
  nameId: string | null;
  nameIdFormat: string | null;
  audience: string | null;
  recipient: string | null;
  notBefore: string | null;
  notOnOrAfter: string | null;
  subjectNotOnOrAfter: string | null;
  sessionNotOnOrAfter: string | null;
  relayState: string | null;
  attributes: Array<Pick<SamlAttribute, 'name' | 'nameFormat' | 'values'>>;
}

export interface WorkerSummary {
  /** The TaskRouter Worker attributes Flex would write on this login. */
  attributes: Record<string, unknown>;
  /** False when Flex would refuse the attributes (an invalid typed value) and change nothing. */
  written: boolean;
  /** The mode whose rules were applied. */
  mode: string;
}

export interface AnalysisReport {
  /** True only when the verdict is 'ok'. */
  ok: boolean;
  verdict: AnalysisVerdict;
  signature: SignatureSummary;
  facts: ResponseFacts | null;
  findings: Finding[];
  worker: WorkerSummary | null;
}

export interface MetadataCertificate {
  use: 'signing' | 'encryption' | 'unspecified';
  subject: string | null;
  notBefore: string | null;
  notAfter: string | null;
  sha256Fingerprint: string | null;
  pem: string;
  expired: boolean | null;
}

export interface MetadataReport {
  ok: boolean;
  entityId: string | null;
  /** Every IdP entity in an aggregate (EntitiesDescriptor); absent for a single EntityDescriptor. */
  entities?: string[];
  ssoUrls: Record<string, string>;
  certificates: MetadataCertificate[];
  consoleFields: {
    x509Certificate: string | null;
    identityProviderIssuer: string | null;
    singleSignOnUrl: string | null;
    certificateAdvice: string;
  };
  metadataSigned: boolean;
  findings: Finding[];
}

/** The verdict from the findings and the signature summary (see ANALYSIS_VERDICTS). */
export function verdictOf(findings: readonly Finding[], signature: SignatureSummary): AnalysisVerdict {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  return signature.checked && signature.valid === true && signature.certificate === 'given' ? 'ok' : 'unverified';
}
