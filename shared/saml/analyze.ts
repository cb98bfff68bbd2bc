/**
 * Response analysis, the pure half: decode and parse the input, read its structure, then (after
 * the Node side has verified the signature) turn facts into findings and a Worker preview.
 *
 * Facts are read from one element only: the top-level assertion of the document as parsed here.
 * What the signature covers is decided by identity, never by comparing re-serialized text: the
 * element a signature's Reference resolves to must be that assertion (or the Response holding
 * it), and the assertion the Node side verified must carry that assertion's ID.
 */
import type { Finding, FindingCode, Severity } from '../findings';
import { previewWorker } from '../domain/claims';
import { parseCertificate } from '../domain/certificate';
import { MODES, spValues, type ModeId, type ModeIds } from '../domain/modes';
import { checkSessionLifetime } from '../domain/session';
import { namespacedClaimAdvice } from '../idps/claim-names';
import { finding, fixFor, type FixContext } from './fixes';
import { decodeSamlInput, MAX_RESPONSE_CHARS, type InputKind } from './input';
import { verdictOf, type AnalysisReport, type ResponseFacts, type SignatureSummary } from './report';
import {
  describeNonResponse,
  isMetadataRoot,
  readAssertion,
  readEnvelope,
  readStructure,
  type AssertionFacts,
  type ResponseEnvelopeFacts,
  type ResponseStructure,
} from './response';
import { signingFindings } from './signing';
import { parseXmlSafely, type XElement } from './xml';

export const CLOCK_SKEW_MS = 3 * 60_000;

export type PreparedResponse =
  | {
      ok: true;
      xml: string;
      kind: InputKind;
      relayState: string | null;
      root: XElement;
      structure: ResponseStructure;
      envelope: ResponseEnvelopeFacts;
      /** Read from the top-level assertion of the document as parsed here (trusted once a signature covering it verifies). */
      assertion: AssertionFacts | null;
    }
  | { ok: false; code: 'malformed-xml' | 'not-saml' | 'dtd-refused' | 'input-too-large'; message: string; isMetadata?: boolean };

/** Decodes, parses (safely) and reads a response; never throws. */
export function prepareResponse(input: string, maxChars = MAX_RESPONSE_CHARS): PreparedResponse {
  const decoded = decodeSamlInput(input, maxChars);
  if (!decoded.ok) return decoded;
  const parsed = parseXmlSafely(decoded.xml, maxChars);
  if (!parsed.ok) return parsed;
  const notResponse = describeNonResponse(parsed.root);
  if (notResponse) return { ok: false, code: 'not-saml', message: notResponse, isMetadata: isMetadataRoot(parsed.root) };
  const structure = readStructure(parsed.root);
  return {
    ok: true,
    xml: decoded.xml,
    kind: decoded.kind,
    relayState: decoded.relayState,
    root: parsed.root,
    structure,
    envelope: readEnvelope(parsed.root),
    assertion: structure.mainAssertion ? readAssertion(structure.mainAssertion) : null,
  };
}

/** What the Node side found about the signatures. */
export interface SignatureVerdict {
  summary: SignatureSummary;
  /**
   * The ID of the assertion the verified signature covers, as the signature library read it from
   * the covered content (null when nothing was verified or there is no assertion).
   */
  verifiedAssertionId: string | null;
  /** A failure, already mapped to a finding code. */
  problem: { code: FindingCode; message: string } | null;
  /** The certificate (base64 DER) the signature verified against, when it did. */
  usedCertificate: string | null;
}

export interface ReportOptions {
  mode?: ModeId;
  ids?: ModeIds;
  idp?: string;
  idpIssuer?: string;
  /** The configured IdP certificate (PEM or base64), for its own checks (expiry). */
  idpCertPem?: string;
  now?: Date;
  expectedInResponseTo?: string;
}

export function inputFailureReport(code: FindingCode, message: string, idp?: string, fix?: string): AnalysisReport {
  const findings = [finding(code, 'error', message, { idp }, fix)];
  return {
    ok: false,
    verdict: 'fail',
    signature: { checked: false, valid: null, certificate: null },
    facts: null,
    findings,
    worker: null,
  };
}

function time(value: string | null): number | null {
  if (!value) return null;
  // xs:dateTime, UTC or with an offset; anything else is treated as unreadable.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) return Number.NaN;
  return Date.parse(value.trim());
}

function shortStatus(uri: string | null): string {
  return (uri ?? '').replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '') || 'unknown';
}

function urlHint(actual: string, expected: string): string {
  if (actual.toLowerCase() === expected.toLowerCase()) return ' (they differ only in upper/lower case)';
  if (actual.replace(/\/+$/, '') === expected.replace(/\/+$/, '')) return ' (they differ only by a trailing slash)';
  if (actual.split('?')[0] === expected.split('?')[0]) return ' (the query part, e.g. ?connection=…, differs)';
  return '';
}

function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${(minutes / 60).toFixed(minutes % 60 === 0 ? 0 : 1)} hours`;
}

const SHA1 = /#(rsa-sha1|dsa-sha1|sha1|hmac-sha1|ecdsa-sha1)$/;
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** What every check section reads, and where it writes its findings. */
interface ReportContext {
  prepared: Extract<PreparedResponse, { ok: true }>;
  structure: ResponseStructure;
  envelope: ResponseEnvelopeFacts;
  /** The assertion facts are read from: the document's top-level assertion. */
  assertion: AssertionFacts | null;
  options: ReportOptions;
  idp: string | undefined;
  now: Date;
  success: boolean;
  add: (code: FindingCode, severity: Severity, message: string, fix?: string) => void;
}

/**
 * Whether the verified signature covers the assertion facts are read from, by identity: the
 * structure already holds the element each Reference resolves to; the Node side reports the ID of
 * the assertion it verified. Returns the reasons it does not (empty when it does).
 */
function coverageProblems(prepared: Extract<PreparedResponse, { ok: true }>, verdict: SignatureVerdict): string[] {
  const { structure } = prepared;
  const reasons = [...structure.wrapping];
  if (verdict.summary.valid !== true || !structure.mainAssertion) return reasons;
  if (!structure.responseSigned && !structure.assertionSigned) reasons.push('no signature covers the assertion the document presents');
  const presented = prepared.assertion?.assertionId ?? null;
  if (verdict.verifiedAssertionId === null) reasons.push('the signature check did not say which assertion it covers');
  else if (verdict.verifiedAssertionId !== presented) {
    reasons.push(`the assertion the signature covers ("${verdict.verifiedAssertionId.slice(0, 80)}") is not the one the document presents`);
  }
  return reasons;
}

function checkStatus(ctx: ReportContext): void {
  const { envelope, success, add } = ctx;
  if (success) return;
  const name = `${shortStatus(envelope.statusCode)}${envelope.statusSubcode ? ` / ${shortStatus(envelope.statusSubcode)}` : ''}`;
  const said = envelope.statusMessage ? ` It says: "${envelope.statusMessage.slice(0, 300)}"` : '';
  if ([envelope.statusCode, envelope.statusSubcode].some((code) => code?.endsWith(':InvalidNameIDPolicy'))) {
    add('invalid-nameid-policy', 'error', `The IdP refused the login with status ${name}: it could not produce the NameID in the format asked for.${said}`);
  } else if (envelope.statusCode === null) {
    add('status-error', 'error', 'The response has no Status code, so it does not say whether the login succeeded.');
  } else {
    add(
      'status-error',
      'error',
      `The IdP refused the login with status ${name}.${said}`,
      statusMessageFix(envelope.statusMessage, { idp: ctx.idp, mode: ctx.options.mode }),
    );
  }
}

/**
 * When the IdP's status message names what it refused (the ACS URL, the Entity ID), the fix is
 * that value's fix, not the IdP's general advice for a refused login. Google Workspace says, for
 * example, "ACS Url in request … doesn't match configured ACS Url …".
 */
export function statusMessageFix(message: string | null, about: FixContext): string | undefined {
  if (!message) return undefined;
  if (/\bACS\b|assertion ?consumer ?service|reply ?url|callback url|\brecipient\b|\bdestination\b/i.test(message)) return fixFor('destination-mismatch', about);
  if (/entity ?id|\baudience\b/i.test(message)) return fixFor('audience-mismatch', about);
  return undefined;
}

/** Signatures per mode, malformed signatures, encryption and algorithms: what is present, whatever the verification said. */
function checkSigning(ctx: ReportContext, facts: ResponseFacts): void {
  const { structure, assertion, success, add } = ctx;
  for (const parent of structure.malformedSignatures) {
    add(
      'signature-malformed',
      'error',
      `The signature at ${parent} is incomplete (it lacks SignedInfo, SignatureValue or a Reference), so it signs nothing and the document cannot be trusted.`,
    );
  }
  if (structure.encrypted || (assertion?.encryptedParts.length ?? 0) > 0) {
    const parts = structure.encrypted ? 'the assertion' : `parts of the assertion (${assertion!.encryptedParts.join(', ')})`;
    add('assertion-encrypted', 'error', `The IdP encrypted ${parts}. Twilio does not support encrypted assertions and rejects the login.`);
  }
  const loginResponse = success && structure.assertionCount > 0;
  for (const f of signingFindings(
    { responseSigned: structure.responseSigned, assertionSigned: structure.assertionSigned, loginResponse },
    ctx.options.mode,
    ctx.idp,
  )) {
    add(f.code, f.severity, f.message);
  }
  if (success && structure.assertionCount === 0) {
    add('no-assertion', 'error', 'The status says Success but the response carries no assertion, so there is nobody to log in.');
  }
  const sha1 = facts.signatureAlgorithms.filter((a) => SHA1.test(a));
  if (sha1.length > 0) add('weak-signature-algorithm', 'warning', `The response is signed with SHA-1 (${sha1.join(', ')}); Twilio's guides ask for SHA-256.`);
}

function checkTrust(ctx: ReportContext, summary: SignatureSummary, signatureFailed: boolean): void {
  const { structure, add } = ctx;
  if (!summary.checked && !signatureFailed && (structure.responseSigned || structure.assertionSigned)) {
    add(
      'trust-not-checked',
      'warning',
      'No IdP certificate was given and the document carries none, so the signature was not verified: trust was not checked and the facts below are unverified.',
    );
  } else if (summary.certificate === 'embedded' && summary.valid === true && !signatureFailed) {
    add(
      'trust-not-checked',
      'warning',
      'The signature was verified only against the certificate inside the document: that proves the content was not altered, not that your IdP sent it. Give the IdP certificate pasted in Twilio to check trust.',
    );
  }
}

function checkCertificates(ctx: ReportContext, verdict: SignatureVerdict, summary: SignatureSummary): void {
  const { options, now, add } = ctx;
  if (options.idpCertPem) {
    const cert = parseCertificate(options.idpCertPem, now);
    if (cert.ok) {
      for (const problem of cert.problems) add(problem.code, problem.severity, `The configured IdP certificate (${cert.subject}): ${problem.message}`);
    }
  } else if (verdict.usedCertificate && summary.certificate === 'embedded') {
    const cert = parseCertificate(verdict.usedCertificate, now);
    if (cert.ok) {
      for (const problem of cert.problems.filter((p) => p.code === 'cert-expired' || p.code === 'cert-expiring')) {
        add(problem.code, problem.severity, `The certificate the IdP signed with (${cert.subject}): ${problem.message}`);
      }
    }
  }
}

function checkIssuer(ctx: ReportContext, facts: ResponseFacts): void {
  const { options, assertion, envelope, add } = ctx;
  if (options.idpIssuer !== undefined && options.idpIssuer.trim() !== '') {
    const expected = options.idpIssuer.trim();
    const actual = facts.issuer;
    if (actual === null) add('issuer-mismatch', 'error', `The response carries no Issuer; Twilio expects "${expected}".`);
    else if (actual !== expected)
      add(
        'issuer-mismatch',
        'error',
        `The Issuer is "${actual}" but Twilio's Identity Provider Issuer is "${expected}"${urlHint(actual, expected)}. Twilio rejects the login when they differ.`,
      );
  }
  if (assertion?.issuer && envelope.issuer && assertion.issuer !== envelope.issuer) {
    add('issuer-mismatch', 'error', `The Response's Issuer ("${envelope.issuer}") and the assertion's Issuer ("${assertion.issuer}") differ.`);
  }
}

function checkInResponseTo(ctx: ReportContext): void {
  const { options, envelope, assertion, add } = ctx;
  if (!options.expectedInResponseTo) return;
  const expected = options.expectedInResponseTo;
  const seen = [envelope.inResponseTo, assertion?.subjectInResponseTo ?? null].filter((v): v is string => v !== null);
  if (seen.length === 0)
    add(
      'in-response-to-mismatch',
      'error',
      `The response does not say which request it answers; the test sent request "${expected}". An IdP-initiated response cannot answer a test that started at Twilio's side.`,
    );
  else if (seen.some((v) => v !== expected))
    add('in-response-to-mismatch', 'error', `The response answers request "${seen.find((v) => v !== expected)}", not the one the test sent ("${expected}").`);
}

function checkAddressing(ctx: ReportContext): void {
  const { options, envelope, assertion, success, add } = ctx;
  let sp: { acsUrl: string; entityId: string } | null = null;
  if (options.mode) {
    try {
      sp = spValues(options.mode, options.ids ?? {});
    } catch {
      sp = null;
    }
  }
  if (!success) return;
  if (!sp) {
    if (!options.mode)
      add('mode-not-given', 'info', "No mode was given, so Destination, Recipient and Audience were not compared with Twilio's ACS URL and Entity ID.");
    return;
  }
  const { acsUrl, entityId } = sp;
  if (envelope.destination === null) add('destination-mismatch', 'warning', `The Response has no Destination; it should be Twilio's ACS URL ${acsUrl}.`);
  else if (envelope.destination !== acsUrl)
    add(
      'destination-mismatch',
      'error',
      `The response is addressed to ${envelope.destination} (Destination), but Twilio's ACS URL is ${acsUrl}${urlHint(envelope.destination, acsUrl)}.`,
    );
  if (!assertion) return;
  if (assertion.recipient === null) add('recipient-mismatch', 'error', `The assertion names no Recipient; it should be Twilio's ACS URL ${acsUrl}.`);
  else if (assertion.recipient !== acsUrl)
    add(
      'recipient-mismatch',
      'error',
      `The assertion's Recipient is ${assertion.recipient}, but Twilio's ACS URL is ${acsUrl}${urlHint(assertion.recipient, acsUrl)}.`,
    );
  if (assertion.audiences.length === 0) add('audience-mismatch', 'error', `The assertion names no Audience; it should be Twilio's Entity ID ${entityId}.`);
  else if (!assertion.audiences.includes(entityId)) {
    add(
      'audience-mismatch',
      'error',
      `The assertion is meant for ${assertion.audiences.map((a) => `"${a}"`).join(', ')} (Audience), but Twilio's Entity ID is ${entityId}${urlHint(assertion.audiences[0]!, entityId)}.`,
    );
  }
}

function checkTimeWindow(ctx: ReportContext): void {
  const { assertion, now, add } = ctx;
  if (!assertion) return;
  const nowMs = now.getTime();
  const notBefore = time(assertion.notBefore);
  const ends = [
    ['Conditions NotOnOrAfter', time(assertion.notOnOrAfter)],
    ['SubjectConfirmationData NotOnOrAfter', time(assertion.subjectNotOnOrAfter)],
  ] as const;
  if (notBefore !== null && Number.isNaN(notBefore)) add('not-yet-valid', 'error', `The assertion's NotBefore "${assertion.notBefore}" is not a valid time.`);
  else if (notBefore !== null && nowMs + CLOCK_SKEW_MS < notBefore) {
    add(
      'not-yet-valid',
      'error',
      `The assertion is valid only from ${assertion.notBefore}, and it is now ${now.toISOString()} (${durationText(notBefore - nowMs)} early, beyond the ${CLOCK_SKEW_MS / 60_000}-minute tolerance).`,
    );
  }
  for (const [label, end] of ends) {
    if (end === null) continue;
    if (Number.isNaN(end)) add('expired', 'error', `The ${label} value is not a valid time.`);
    else if (nowMs - CLOCK_SKEW_MS >= end) {
      add(
        'expired',
        'error',
        `The assertion expired at ${new Date(end).toISOString()} (${label}); it is now ${now.toISOString()}, ${durationText(nowMs - end)} later.`,
      );
      break;
    }
  }
}

function checkSession(ctx: ReportContext): void {
  const { assertion, envelope, add } = ctx;
  if (!assertion?.sessionNotOnOrAfter || Number.isNaN(time(assertion.sessionNotOnOrAfter))) return;
  // Measured from the earliest moment the IdP may count from (see checkSessionLifetime).
  const starts = [assertion.authnInstant, assertion.issueInstant, envelope.issueInstant].filter((t): t is string => !!t && !Number.isNaN(time(t)));
  for (const problem of checkSessionLifetime(starts.length > 0 ? starts : [ctx.now], assertion.sessionNotOnOrAfter, ctx.options.mode))
    add(problem.code, problem.severity, problem.message);
}

function checkClaims(ctx: ReportContext): AnalysisReport['worker'] {
  const { assertion, success, options, idp, add } = ctx;
  if (!assertion || !success) return null;
  const mode = options.mode ?? 'flex-enhanced';
  if (!assertion.nameId) add('missing-nameid', 'error', `The assertion has no NameID, the unique user id ${MODES[mode].productName} needs.`);
  const attributes: Record<string, string[]> = {};
  for (const a of assertion.attributes) (attributes[a.name] ??= []).push(...a.values);
  const preview = previewWorker({ nameId: assertion.nameId ?? '', attributes, mode });
  for (const problem of preview.problems) {
    if (problem.attribute === 'NameID' && !assertion.nameId) continue;
    if (problem.code === 'namespaced-claim' && problem.attribute) {
      // The IdP's own sense of the URI and its own words for the fix.
      const advice = namespacedClaimAdvice(problem.attribute, idp, mode);
      if (advice) {
        const missing = problem.severity === 'error' && advice.becomes ? ` The ${advice.becomes} claim is missing.` : '';
        add(problem.code, problem.severity, `${advice.message}${missing}`, advice.fix);
        continue;
      }
    }
    add(problem.code, problem.severity, problem.message);
  }
  return { attributes: preview.attributes, written: preview.written, mode };
}

function readFacts(ctx: ReportContext, readFrom: ResponseFacts['readFrom']): ResponseFacts {
  const { envelope, structure, assertion, prepared } = ctx;
  return {
    readFrom,
    responseId: envelope.responseId,
    assertionId: assertion?.assertionId ?? null,
    issuer: assertion?.issuer ?? envelope.issuer,
    responseIssuer: envelope.issuer,
    destination: envelope.destination,
    inResponseTo: envelope.inResponseTo,
    issueInstant: envelope.issueInstant,
    statusCode: envelope.statusCode,
    statusSubcode: envelope.statusSubcode,
    statusMessage: envelope.statusMessage,
    responseSigned: structure.responseSigned,
    assertionSigned: structure.assertionSigned,
    encrypted: structure.encrypted,
    assertionCount: structure.allAssertionCount,
    signatureAlgorithms: [...new Set(structure.signatures.map((s) => s.signatureAlgorithm).filter((a): a is string => !!a))],
    nameId: assertion?.nameId ?? null,
    nameIdFormat: assertion?.nameIdFormat ?? null,
    audience: assertion?.audience ?? null,
    recipient: assertion?.recipient ?? null,
    notBefore: assertion?.notBefore ?? null,
    notOnOrAfter: assertion?.notOnOrAfter ?? null,
    subjectNotOnOrAfter: assertion?.subjectNotOnOrAfter ?? null,
    sessionNotOnOrAfter: assertion?.sessionNotOnOrAfter ?? null,
    relayState: prepared.relayState,
    attributes: (assertion?.attributes ?? []).map((a) => ({ name: a.name, nameFormat: a.nameFormat, values: a.values })),
  };
}

/** Findings, facts and Worker preview from a prepared response and the signature verdict. */
export function buildReport(prepared: Extract<PreparedResponse, { ok: true }>, verdict: SignatureVerdict, options: ReportOptions): AnalysisReport {
  const findings: Finding[] = [];
  const idp = options.idp;
  const ctx: ReportContext = {
    prepared,
    structure: prepared.structure,
    envelope: prepared.envelope,
    assertion: prepared.assertion,
    options,
    idp,
    now: options.now ?? new Date(),
    success: prepared.envelope.statusCode === SUCCESS,
    add: (code, severity, message, fix) => findings.push(finding(code, severity, message, { idp, mode: options.mode }, fix)),
  };

  const wrapping = coverageProblems(prepared, verdict);
  const malformed = prepared.structure.malformedSignatures.length > 0;
  let summary = verdict.summary;
  if (wrapping.length > 0 || malformed) summary = { ...summary, valid: summary.checked ? false : summary.valid, certificate: null };
  const signatureFailed = wrapping.length > 0 || malformed || summary.valid === false;
  if (wrapping.length > 0) {
    ctx.add(
      'signature-wrapping',
      'error',
      `The document is built like an XML signature-wrapping attack: ${wrapping.join('; ')}. Nothing in it can be trusted, and the other checks were skipped.`,
    );
  }
  if (verdict.problem && !(wrapping.length > 0 && verdict.problem.code === 'signature-invalid'))
    ctx.add(verdict.problem.code, 'error', verdict.problem.message);

  const readFrom: ResponseFacts['readFrom'] =
    summary.valid === true && !signatureFailed ? (summary.certificate === 'given' ? 'verified-signature' : 'embedded-signature') : 'unverified-document';
  const facts = readFacts(ctx, readFrom);

  checkStatus(ctx);
  checkSigning(ctx, facts);
  checkTrust(ctx, summary, signatureFailed);
  checkCertificates(ctx, verdict, summary);
  if (signatureFailed) return finish(findings, summary, facts, null);

  checkIssuer(ctx, facts);
  checkInResponseTo(ctx);
  checkAddressing(ctx);
  checkTimeWindow(ctx);
  checkSession(ctx);
  const worker = checkClaims(ctx);
  return finish(findings, summary, facts, worker);
}

function finish(findings: Finding[], signature: SignatureSummary, facts: ResponseFacts, worker: AnalysisReport['worker']): AnalysisReport {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.code}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => order[a.severity] - order[b.severity]);
  const verdict = verdictOf(unique, signature);
  return { ok: verdict === 'ok', verdict, signature, facts, findings: unique, worker };
}
