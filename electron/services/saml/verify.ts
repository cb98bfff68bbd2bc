/**
 * Signature verification with @node-saml/node-saml (loaded lazily: it pulls in xml-crypto and
 * friends, which the CLI's other commands do not need).
 *
 * node-saml decides whether the signatures verify and reports which assertion they cover (the
 * ID in its own reading of the covered content); the analysis checks that it is the assertion
 * the facts are read from. Its own time and audience checks are switched off here because the
 * analysis makes them itself, against an explicit `now` and the mode's values.
 */
import { createHash } from 'node:crypto';
import type * as NodeSamlModule from '@node-saml/node-saml';
import type { FindingCode } from '../../../shared/findings';
import type { PreparedResponse, SignatureVerdict } from '../../../shared/saml/analyze';
import { parseCertificate } from '../../../shared/domain/certificate';

type Prepared = Extract<PreparedResponse, { ok: true }>;

type NodeSaml = typeof NodeSamlModule;
let nodeSaml: Promise<NodeSaml> | null = null;
let nodeSamlXml: Promise<{
  getVerifiedXml: (xml: string, node: unknown, pems: string[]) => string | null;
  parseDomFromString: (xml: string) => Promise<{ documentElement: unknown }>;
}> | null = null;

function loadNodeSaml(): Promise<NodeSaml> {
  nodeSaml ??= import('@node-saml/node-saml');
  return nodeSaml;
}

function loadNodeSamlXml() {
  // node-saml's own verifier, used for a signed Response around an encrypted assertion (which
  // validatePostResponseAsync cannot reach without the decryption key).
  // @ts-expect-error -- deep import of node-saml's compiled module; it has no type re-export.
  nodeSamlXml ??= import('@node-saml/node-saml/lib/xml.js').then((m) => m.default ?? m);
  return nodeSamlXml!;
}

export interface VerifyOptions {
  /** The configured IdP certificate, PEM or base64. */
  idpCertPem?: string;
  expectedInResponseTo?: string;
  /** Twilio's values for the mode when known (node-saml requires some; they are not compared here). */
  spEntityId?: string;
  acsUrl?: string;
}

interface Outcome {
  ok: boolean;
  /** The ID of the assertion node-saml verified, from its own reading of the covered content. */
  assertionId: string | null;
  error: Error | null;
}

/** The assertion's ID from node-saml's profile (its xml2js reading of the verified assertion). */
function verifiedAssertionId(profile: unknown): string | null {
  const getAssertion = (profile as { getAssertion?: () => unknown } | null)?.getAssertion;
  if (typeof getAssertion !== 'function') return null;
  const parsed = getAssertion() as { Assertion?: { $?: { ID?: unknown } } } | null;
  const id = parsed?.Assertion?.$?.ID;
  return typeof id === 'string' ? id : null;
}

function toPem(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function mapError(error: Error): { code: FindingCode; message: string } {
  const text = error.message || String(error);
  if (/multiple assertions|more than one element|does not refer to it's parent|Too many signatures/i.test(text)) {
    return { code: 'signature-wrapping', message: `The signature check refused the document's structure (${text}).` };
  }
  if (/InResponseTo|subject confirmation/i.test(text)) {
    return { code: 'in-response-to-mismatch', message: `The response does not answer the request the test sent (${text}).` };
  }
  if (/too many transforms/i.test(text)) return { code: 'signature-invalid', message: 'The signature uses more transforms than SAML allows; it was refused.' };
  if (/Invalid (document )?signature|Cannot obtain assertion|No response found/i.test(text)) {
    return {
      code: 'signature-invalid',
      message: 'The signature does not verify: the document was changed after signing, or it was signed with a different certificate.',
    };
  }
  return { code: 'signature-invalid', message: `The signature check failed (${text.slice(0, 200)}).` };
}

async function runNodeSaml(prepared: Prepared, pems: string[], options: VerifyOptions, inResponseTo: string | null): Promise<Outcome> {
  const { SAML, SamlStatusError } = await loadNodeSaml();
  const createdAt = new Date().toISOString();
  const saml = new SAML({
    idpCert: pems,
    issuer: options.spEntityId ?? 'urn:flex-sso-wizard:analysis',
    callbackUrl: options.acsUrl ?? 'https://localhost/flex-sso-wizard/acs',
    audience: false,
    acceptedClockSkewMs: -1,
    maxAssertionAgeMs: 0,
    wantAuthnResponseSigned: prepared.structure.responseSigned,
    wantAssertionsSigned: prepared.structure.assertionSigned === true,
    validateInResponseTo: (inResponseTo ? 'always' : 'never') as never,
    cacheProvider: {
      saveAsync: async () => null,
      getAsync: async (key: string) => (inResponseTo !== null && key === inResponseTo ? createdAt : null),
      removeAsync: async () => null,
    },
  });
  try {
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(prepared.xml, 'utf8').toString('base64') });
    return { ok: true, assertionId: verifiedAssertionId(profile), error: null };
  } catch (error) {
    if (error instanceof SamlStatusError) return { ok: true, assertionId: null, error };
    return { ok: false, assertionId: null, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

async function verifyResponseOnly(prepared: Prepared, pems: string[]): Promise<Outcome> {
  const xml = await loadNodeSamlXml();
  try {
    const doc = await xml.parseDomFromString(prepared.xml);
    const verified = xml.getVerifiedXml(prepared.xml, doc.documentElement, pems);
    return verified ? { ok: true, assertionId: null, error: null } : { ok: false, assertionId: null, error: new Error('Invalid document signature') };
  } catch (error) {
    return { ok: false, assertionId: null, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

async function attempt(prepared: Prepared, pems: string[], options: VerifyOptions): Promise<Outcome> {
  const { structure } = prepared;
  if (structure.encrypted && !structure.mainAssertion) {
    if (!structure.responseSigned) return { ok: false, assertionId: null, error: new Error('Invalid document signature') };
    return verifyResponseOnly(prepared, pems);
  }
  return runNodeSaml(prepared, pems, options, null);
}

function describe(base64: string): string {
  const cert = parseCertificate(base64);
  return cert.ok ? `"${cert.subject}", SHA-256 ${cert.sha256Fingerprint}` : 'an unreadable certificate';
}

/**
 * Verdicts for the same bytes checked with the same certificate(s) and request id do not change,
 * and the wizard re-analyses one captured response whenever the user edits the mode, IdP or
 * issuer: keep the last few (node-saml's own time and audience checks are off, so a verdict does
 * not depend on the clock).
 */
const VERDICT_CACHE_SIZE = 32;
const verdictCache = new Map<string, SignatureVerdict>();

function cloneVerdict(verdict: SignatureVerdict): SignatureVerdict {
  return { ...verdict, summary: { ...verdict.summary }, problem: verdict.problem ? { ...verdict.problem } : null };
}

/** Verifies the signatures of a prepared response; never throws on a bad document. */
export async function verifySignatures(prepared: Prepared, options: VerifyOptions): Promise<SignatureVerdict> {
  const key = createHash('sha256')
    .update(prepared.xml)
    .update('\0')
    .update(options.idpCertPem ?? '')
    .update('\0')
    .update(options.expectedInResponseTo ?? '')
    .digest('base64');
  const cached = verdictCache.get(key);
  if (cached) {
    verdictCache.delete(key);
    verdictCache.set(key, cached);
    return cloneVerdict(cached);
  }
  const verdict = await verifyUncached(prepared, options);
  verdictCache.set(key, cloneVerdict(verdict));
  if (verdictCache.size > VERDICT_CACHE_SIZE) verdictCache.delete(verdictCache.keys().next().value!);
  return verdict;
}

async function verifyUncached(prepared: Prepared, options: VerifyOptions): Promise<SignatureVerdict> {
  const { structure } = prepared;
  const signedSomething = structure.responseSigned || structure.assertionSigned === true;
  const embedded = [...new Set(structure.signatures.filter((s) => s.covers === 'response' || s.covers === 'assertion').flatMap((s) => s.embeddedCertificates))];
  const none: SignatureVerdict = {
    summary: { checked: false, valid: null, certificate: null },
    verifiedAssertionId: null,
    problem: null,
    usedCertificate: null,
  };

  let pems: string[];
  let source: 'given' | 'embedded';
  let given: string | null = null;
  if (options.idpCertPem !== undefined && options.idpCertPem.trim() !== '') {
    const cert = parseCertificate(options.idpCertPem);
    if (!cert.ok) {
      return {
        ...none,
        problem: { code: 'signature-invalid', message: `The configured IdP certificate cannot be read (${cert.message}), so the signature was not checked.` },
      };
    }
    pems = [cert.pem];
    given = cert.base64;
    source = 'given';
  } else {
    const usable = embedded.filter((b64) => parseCertificate(b64).ok);
    if (usable.length === 0) return none;
    pems = usable.map(toPem);
    source = 'embedded';
  }

  if (structure.wrapping.length > 0 || structure.malformedSignatures.length > 0) {
    // Never run a wrapped document, or one with a signature missing its parts, through to a verdict of "valid".
    return { summary: { checked: true, valid: false, certificate: null }, verifiedAssertionId: null, problem: null, usedCertificate: null };
  }
  if (!signedSomething) {
    return {
      summary: { checked: true, valid: structure.mainAssertion || structure.encrypted ? false : null, certificate: null },
      verifiedAssertionId: null,
      problem: null,
      usedCertificate: null,
    };
  }

  const outcome = await attempt(prepared, pems, options);
  if (!outcome.ok) {
    const problem = mapError(outcome.error ?? new Error('Invalid signature'));
    if (source === 'given' && problem.code === 'signature-invalid') {
      const usable = embedded.filter((b64) => b64 !== given && parseCertificate(b64).ok);
      if (usable.length > 0) {
        const second = await attempt(prepared, usable.map(toPem), options);
        if (second.ok) {
          problem.message = `The signature does not verify against the configured certificate (${describe(given!)}), but it does against the certificate inside the response (${describe(usable[0]!)}): the IdP signs with another certificate, probably after a rotation. Paste the IdP's current certificate into Twilio.`;
        }
      }
    }
    return { summary: { checked: true, valid: false, certificate: null }, verifiedAssertionId: null, problem, usedCertificate: null };
  }

  // A signature that verified; when a request id is expected, let node-saml check it as well.
  let problem: SignatureVerdict['problem'] = null;
  if (options.expectedInResponseTo && !(structure.encrypted && !structure.mainAssertion)) {
    const checked = await runNodeSaml(prepared, pems, options, options.expectedInResponseTo);
    if (!checked.ok && checked.error) problem = mapError(checked.error);
  }
  const used = source === 'given' ? given : (embedded.find((b64) => parseCertificate(b64).ok) ?? null);
  const statusOnly = !structure.mainAssertion && !structure.encrypted;
  return {
    summary: { checked: true, valid: statusOnly && !structure.responseSigned ? null : true, certificate: source },
    verifiedAssertionId: outcome.assertionId,
    problem,
    usedCertificate: used,
  };
}
