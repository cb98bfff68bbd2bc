/**
 * Responses made by real IdP software started here (samlp 8 in express 4, and saml-idp as a
 * child process), fetched over HTTP without a browser, then analysed. Every finding code the
 * product promises is produced by at least one scenario, and xmlsec1 independently confirms which
 * responses carry a valid signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../shared/findings';
import { spValues } from '../../shared/domain/modes';
import { analyzeSamlResponse, type AnalysisReport } from '../../electron/services/analysis';
import {
  appendForgedAssertion,
  createTestCertificate,
  editXml,
  resign,
  samlIdpLogin,
  samlpLogin,
  setNameId,
  startSamlIdp,
  startSamlpServer,
  wrapAssertionInExtensions,
  wrapResponse,
  xmlsecVerify,
  type LoginResult,
  type RunningSamlIdp,
  type RunningSamlpIdp,
  type SamlpVariant,
  type TestCertificate,
} from '../support/idps';

const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const MODE = { mode: 'flex-enhanced' as const, ids: { connectionId: CONNECTION } };
const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

let key: TestCertificate;
let otherKey: TestCertificate;
let expiredKey: TestCertificate;
let expiringKey: TestCertificate;
let encryptionKey: TestCertificate;
let samlp: RunningSamlpIdp;
let samlpExpired: RunningSamlpIdp;
let samlpExpiring: RunningSamlpIdp;
const seenCodes = new Set<string>();

function codes(report: AnalysisReport): string[] {
  for (const f of report.findings) seenCodes.add(f.code);
  return report.findings.map((f) => f.code);
}

function errors(report: AnalysisReport): string[] {
  return report.findings.filter((f) => f.severity === 'error').map((f) => f.code);
}

async function login(variant: SamlpVariant = {}, idp = samlp): Promise<LoginResult> {
  return samlpLogin(idp, { entityId: SP.entityId, acsUrl: SP.acsUrl, relayState: 'test-relay-state' }, variant);
}

async function analyze(input: string, extra: Parameters<typeof analyzeSamlResponse>[1] = {}, cert: string | null = key.certPem): Promise<AnalysisReport> {
  const report = await analyzeSamlResponse(input, { ...MODE, idpIssuer: samlp.issuer, ...(cert ? { idpCertPem: cert } : {}), ...extra });
  codes(report);
  return report;
}

beforeAll(async () => {
  const day = 86_400_000;
  [key, otherKey, expiredKey, expiringKey, encryptionKey] = await Promise.all([
    createTestCertificate(),
    createTestCertificate({ commonName: 'Rotated test IdP key (test-only)' }),
    createTestCertificate({
      commonName: 'Expired test IdP key (test-only)',
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - 30 * day),
    }),
    createTestCertificate({ commonName: 'Expiring test IdP key (test-only)', notAfter: new Date(Date.now() + 10 * day) }),
    createTestCertificate({ commonName: 'Test SP encryption key (test-only)' }),
  ]);
  [samlp, samlpExpired, samlpExpiring] = await Promise.all([
    startSamlpServer({ key }),
    startSamlpServer({ key: expiredKey }),
    startSamlpServer({ key: expiringKey }),
  ]);
});

afterAll(async () => {
  await Promise.all([samlp?.close(), samlpExpired?.close(), samlpExpiring?.close()]);
  for (const k of [key, otherKey, expiredKey, expiringKey, encryptionKey]) k?.dispose();
});

describe('samlp (express 4): a correct setup', () => {
  it('is ok, verified against the given certificate, with the Worker preview', async () => {
    const result = await login();
    expect(result.action).toBe(SP.acsUrl);
    expect(xmlsecVerify(result.xml, key.certPem, 'Response')).toBe(true);
    expect(xmlsecVerify(result.xml, key.certPem, 'Assertion')).toBe(true);
    const report = await analyze(result.samlResponse, { expectedInResponseTo: result.requestId });
    expect(errors(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.verdict).toBe('ok');
    expect(report.signature).toEqual({ checked: true, valid: true, certificate: 'given' });
    expect(report.facts).toMatchObject({
      readFrom: 'verified-signature',
      issuer: samlp.issuer,
      destination: SP.acsUrl,
      recipient: SP.acsUrl,
      audience: SP.entityId,
      inResponseTo: result.requestId,
      responseSigned: true,
      assertionSigned: true,
      encrypted: false,
      nameId: 'grace.hopper@example.com',
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
    });
    expect(report.worker?.attributes).toMatchObject({ email: 'grace.hopper@example.com', full_name: 'Grace Hopper', roles: ['agent', 'supervisor'] });
    expect(report.worker?.written).toBe(true);
  });

  it('reads a raw POST body (SAMLResponse=…&RelayState=…) and the decoded XML the same way', async () => {
    const result = await login();
    const fromBody = await analyze(result.postBody);
    const fromXml = await analyze(result.xml);
    expect(fromBody.ok).toBe(true);
    expect(fromBody.facts?.relayState).toBe('test-relay-state');
    expect(fromXml.facts?.relayState).toBeNull();
    expect({ ...fromXml.facts, relayState: 'x' }).toEqual({ ...fromBody.facts, relayState: 'x' });
  });

  it('without a certificate: verdict unverified, never ok, even with no error (integrity only, embedded certificate)', async () => {
    const result = await login();
    const report = await analyze(result.samlResponse, {}, null);
    expect(errors(report)).toEqual([]);
    expect(report.verdict).toBe('unverified');
    expect(report.ok).toBe(false);
    expect(report.signature).toEqual({ checked: true, valid: true, certificate: 'embedded' });
    expect(report.facts?.readFrom).toBe('embedded-signature');
    expect(codes(report)).toContain('trust-not-checked');
    expect(report.findings.find((f) => f.code === 'trust-not-checked')?.severity).toBe('warning');
  });

  it('without a mode says the ACS and Entity ID were not compared', async () => {
    const result = await login();
    const report = await analyzeSamlResponse(result.samlResponse, { idpCertPem: key.certPem });
    codes(report);
    expect(report.findings.map((f) => f.code)).toEqual(['mode-not-given']);
    expect(report.ok).toBe(true);
  });
});

describe('samlp: each misconfiguration gives its finding', () => {
  // Signing per mode (facts, section 1): in enhanced mode one signature covering the assertion is
  // enough (a note recommends both); legacy Flex and Frontline reject an unsigned Response.
  const table: Array<{
    name: string;
    variant: SamlpVariant;
    code: string;
    xmlsec: { response: boolean; assertion: boolean };
    severity?: 'info';
    mode?: 'flex-legacy';
  }> = [
    {
      name: 'response not signed (enhanced)',
      variant: { signResponse: false },
      code: 'response-unsigned',
      xmlsec: { response: false, assertion: true },
      severity: 'info',
    },
    {
      name: 'assertion not signed (enhanced)',
      variant: { signAssertion: false },
      code: 'assertion-unsigned',
      xmlsec: { response: true, assertion: false },
      severity: 'info',
    },
    {
      name: 'response not signed (legacy)',
      variant: { signResponse: false },
      code: 'response-unsigned',
      xmlsec: { response: false, assertion: true },
      mode: 'flex-legacy',
    },
    { name: 'wrong Audience', variant: { audience: 'https://wrong.example.com/sp' }, code: 'audience-mismatch', xmlsec: { response: true, assertion: true } },
    {
      name: 'wrong Destination',
      variant: { destination: 'https://iam.twilio.com/v1/Accounts/AC0123456789abcdef0123456789abcdef/saml2' },
      code: 'destination-mismatch',
      xmlsec: { response: true, assertion: true },
    },
    {
      name: 'wrong Recipient',
      variant: { recipient: 'https://login.flex.us1.twilio.com/login/callback' },
      code: 'recipient-mismatch',
      xmlsec: { response: true, assertion: true },
    },
    {
      name: 'namespaced claims',
      variant: { claims: { email: null, 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'grace.hopper@example.com' } },
      code: 'namespaced-claim',
      xmlsec: { response: true, assertion: true },
    },
    { name: 'no roles', variant: { claims: { roles: null } }, code: 'missing-claim', xmlsec: { response: true, assertion: true } },
    { name: 'no full_name', variant: { claims: { full_name: null } }, code: 'missing-claim', xmlsec: { response: true, assertion: true } },
    { name: 'unknown role', variant: { claims: { roles: ['agent', 'superuser'] } }, code: 'invalid-role', xmlsec: { response: true, assertion: true } },
    {
      name: 'typed value that does not fit',
      variant: { claims: { 'skill.int': 'expert' } },
      code: 'invalid-attribute-type',
      xmlsec: { response: true, assertion: true },
    },
    { name: 'assertion encrypted', variant: { encryptionCertPem: 'ENC' }, code: 'assertion-encrypted', xmlsec: { response: true, assertion: false } },
    {
      name: 'SHA-1 signatures',
      variant: { signatureAlgorithm: 'rsa-sha1', digestAlgorithm: 'sha1' },
      code: 'weak-signature-algorithm',
      xmlsec: { response: true, assertion: true },
    },
  ];
  for (const row of table) {
    it(`${row.name} → ${row.code}`, async () => {
      const variant = row.variant.encryptionCertPem ? { ...row.variant, encryptionCertPem: encryptionKey.certPem } : row.variant;
      const result = await login(variant);
      expect(xmlsecVerify(result.xml, key.certPem, 'Response')).toBe(row.xmlsec.response);
      expect(xmlsecVerify(result.xml, key.certPem, 'Assertion')).toBe(row.xmlsec.assertion);
      const report = await analyze(result.samlResponse, row.mode ? { mode: row.mode, ids: { accountSid: 'AC0123456789abcdef0123456789abcdef' } } : {});
      expect(codes(report)).toContain(row.code);
      const finding = report.findings.find((f) => f.code === row.code)!;
      expect(finding.fix.length).toBeGreaterThan(10);
      expect(finding.severity).toBe(row.severity ?? (row.code === 'weak-signature-algorithm' ? 'warning' : 'error'));
      if (finding.severity === 'error') expect(report.ok).toBe(false);
      else expect(report.verdict).toBe('ok');
      // What the document says about its own signatures matches xmlsec1.
      expect(report.facts?.responseSigned).toBe(row.xmlsec.response);
      if (row.code !== 'assertion-encrypted') expect(report.facts?.assertionSigned).toBe(row.xmlsec.assertion);
      expect(report.signature.valid).toBe(true);
    });
  }

  it('an Issuer that is not the configured one → issuer-mismatch', async () => {
    const result = await login();
    const report = await analyze(result.samlResponse, { idpIssuer: 'https://sts.windows.net/00000000-0000-0000-0000-000000000000/' });
    expect(errors(report)).toEqual(['issuer-mismatch']);
  });

  it('judged later than its window → expired; earlier → not-yet-valid (explicit now)', async () => {
    const result = await login();
    const later = await analyze(result.samlResponse, { now: new Date(Date.now() + 3 * 3_600_000) });
    expect(errors(later)).toEqual(['expired']);
    const earlier = await analyze(result.samlResponse, { now: new Date(Date.now() - 3_600_000) });
    expect(errors(earlier)).toEqual(['not-yet-valid']);
    const skew = await analyze(result.samlResponse, { now: new Date(Date.now() - 60_000) });
    expect(errors(skew)).toEqual([]);
  });

  it('signed with an expired certificate → cert-expired; one about to expire → cert-expiring', async () => {
    const result = await login({}, samlpExpired);
    const report = await analyze(result.samlResponse, { idpIssuer: samlpExpired.issuer }, expiredKey.certPem);
    expect(report.signature.valid).toBe(true);
    expect(errors(report)).toEqual(['cert-expired']);
    const soon = await login({}, samlpExpiring);
    const warned = await analyze(soon.samlResponse, {}, expiringKey.certPem);
    expect(warned.ok).toBe(true);
    expect(codes(warned)).toContain('cert-expiring');
  });

  it('verified against the wrong certificate → signature-invalid, nothing presented as verified, rotation hinted', async () => {
    const result = await login();
    expect(xmlsecVerify(result.xml, otherKey.certPem, 'Response')).toBe(false);
    const report = await analyze(result.samlResponse, {}, otherKey.certPem);
    expect(report.signature).toEqual({ checked: true, valid: false, certificate: null });
    expect(errors(report)).toEqual(['signature-invalid']);
    expect(report.findings[0]!.message).toMatch(/rotation/);
    expect(report.facts?.readFrom).toBe('unverified-document');
    expect(report.worker).toBeNull();
  });

  it('changed after signing → signature-invalid (xmlsec1 agrees)', async () => {
    const result = await login();
    const tampered = editXml(result.xml, (doc) => setNameId(doc.getElementsByTagNameNS(ASSERTION_NS, 'Assertion')[0] as Element, 'mallory@example.com'));
    expect(xmlsecVerify(tampered, key.certPem, 'Assertion')).toBe(false);
    expect(xmlsecVerify(tampered, key.certPem, 'Response')).toBe(false);
    const report = await analyze(tampered);
    expect(report.ok).toBe(false);
    expect(report.signature.valid).toBe(false);
    expect(codes(report)).toContain('signature-invalid');
    expect(report.worker).toBeNull();
  });

  it('status AuthnFailed / RequestDenied → status-error naming it; InvalidNameIDPolicy → invalid-nameid-policy', async () => {
    for (const status of ['urn:oasis:names:tc:SAML:2.0:status:AuthnFailed', 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied']) {
      const result = await login({ status: { code: status, message: 'The user is not assigned to this application' } });
      const report = await analyze(result.samlResponse);
      expect(errors(report)).toEqual(['status-error']);
      expect(report.findings[0]!.message).toContain(status.split(':').pop()!);
      expect(report.findings[0]!.message).toContain('not assigned');
    }
    const result = await login({ status: { code: 'urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy' } });
    const report = await analyze(result.samlResponse);
    expect(errors(report)).toEqual(['invalid-nameid-policy']);
  });

  it('a session shorter than an hour → session-too-short (error), shorter than a shift → warning', async () => {
    const result = await login();
    const withSession = (minutes: number) =>
      resign(result.xml, key, { assertion: true, response: true }, (doc) => {
        const authn = doc.getElementsByTagNameNS(ASSERTION_NS, 'AuthnStatement')[0] as Element;
        const start = Date.parse(authn.getAttribute('AuthnInstant')!);
        authn.setAttribute('SessionNotOnOrAfter', new Date(start + minutes * 60_000).toISOString());
      });
    const short = withSession(30);
    expect(xmlsecVerify(short, key.certPem, 'Response')).toBe(true);
    expect(xmlsecVerify(short, key.certPem, 'Assertion')).toBe(true);
    const report = await analyze(short);
    expect(report.signature.valid).toBe(true);
    expect(errors(report)).toEqual(['session-too-short']);
    const four = await analyze(withSession(240));
    expect(four.ok).toBe(true);
    expect(four.findings.find((f) => f.code === 'session-too-short')?.severity).toBe('warning');
    const twelve = await analyze(withSession(720));
    expect(codes(twelve)).not.toContain('session-too-short');
  });

  it('answers another request → in-response-to-mismatch; the right one passes', async () => {
    const result = await login();
    const right = await analyze(result.samlResponse, { expectedInResponseTo: result.requestId });
    expect(right.ok).toBe(true);
    const wrong = await analyze(result.samlResponse, { expectedInResponseTo: '_some-other-request' });
    expect(errors(wrong)).toContain('in-response-to-mismatch');
  });

  it('broken input → malformed-xml; an AuthnRequest → not-saml; a DOCTYPE → dtd-refused', async () => {
    const result = await login();
    const truncated = await analyze(result.xml.slice(0, Math.floor(result.xml.length / 2)));
    expect(errors(truncated)).toEqual(['malformed-xml']);
    expect(truncated.facts).toBeNull();
    const request = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2025-01-01T00:00:00Z"/>`;
    expect(errors(await analyze(request))).toEqual(['not-saml']);
    const doctype = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${result.xml.replace(/^<\?xml[^>]*>/, '')}`;
    expect(errors(await analyze(doctype))).toEqual(['dtd-refused']);
  });

  it("fixes speak the chosen IdP's words", async () => {
    const result = await login({ claims: { full_name: null, 'http://schemas.microsoft.com/identity/claims/displayname': 'Grace Hopper' } });
    const azure = await analyze(result.samlResponse, { idp: 'azure-ad' });
    expect(azure.findings.find((f) => f.code === 'namespaced-claim')?.fix).toMatch(/Namespace/);
    const generic = await analyze(result.samlResponse);
    expect(generic.findings.find((f) => f.code === 'namespaced-claim')?.fix).not.toBe(azure.findings.find((f) => f.code === 'namespaced-claim')?.fix);
  });
});

describe('samlp: the XML signature-wrapping family is rejected', () => {
  const forge = (assertion: Element) => setNameId(assertion, 'admin@victim.example');
  const attacks: Array<[string, (xml: string) => string]> = [
    ['signed assertion moved into Extensions, forged copy in its place', (xml) => wrapAssertionInExtensions(xml, forge)],
    ['an extra unsigned assertion appended', (xml) => appendForgedAssertion(xml, forge)],
    ['signed Response hidden in StatusDetail of an unsigned Response with the same ID', (xml) => wrapResponse(xml, forge)],
  ];
  for (const [name, attack] of attacks) {
    it(name, async () => {
      const result = await login();
      const forged = attack(result.xml);
      for (const cert of [key.certPem, null]) {
        const report = await analyze(forged, {}, cert);
        expect(report.ok).toBe(false);
        expect(codes(report)).toContain('signature-wrapping');
        expect(report.signature.valid === true).toBe(false);
        expect(report.worker).toBeNull();
        expect(report.facts?.readFrom).toBe('unverified-document');
      }
    });
  }
});

describe('saml-idp (child process)', () => {
  let signed: RunningSamlIdp;
  let assertionOnly: RunningSamlIdp;
  let wrongAudience: RunningSamlIdp;
  // (saml-idp's own encryption option crashes with samlp 8 — it calls samlp.auth without `next` —
  // so encrypted assertions come from samlp above.)
  const frontlineEntityId = spValues('frontline', { realmSid: 'JB0123456789abcdef0123456789abcdef' }).entityId;
  beforeAll(async () => {
    [signed, assertionOnly, wrongAudience] = await Promise.all([
      startSamlIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId }),
      startSamlIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, signResponse: false }),
      startSamlIdp({ key, acsUrl: SP.acsUrl, audience: frontlineEntityId, issuer: 'urn:test:saml-idp:audience' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([signed?.close(), assertionOnly?.close(), wrongAudience?.close()]);
  });

  it('a correct setup is ok, both signatures confirmed by xmlsec1', async () => {
    const result = await samlIdpLogin(signed, { entityId: SP.entityId, acsUrl: SP.acsUrl });
    expect(xmlsecVerify(result.xml, key.certPem, 'Response')).toBe(true);
    expect(xmlsecVerify(result.xml, key.certPem, 'Assertion')).toBe(true);
    const report = await analyze(result.samlResponse, { idpIssuer: signed.issuer, expectedInResponseTo: result.requestId });
    expect(errors(report)).toEqual([]);
    expect(report.signature).toEqual({ checked: true, valid: true, certificate: 'given' });
    expect(report.worker?.attributes).toMatchObject({ email: 'katherine.johnson@example.com', full_name: 'Katherine Johnson', roles: ['agent'] });
  });

  it('assertion-only signing: accepted by enhanced Flex (a note recommends both); response-unsigned for Frontline', async () => {
    const result = await samlIdpLogin(assertionOnly, { entityId: SP.entityId, acsUrl: SP.acsUrl });
    expect(xmlsecVerify(result.xml, key.certPem, 'Response')).toBe(false);
    expect(xmlsecVerify(result.xml, key.certPem, 'Assertion')).toBe(true);
    const report = await analyze(result.samlResponse, { idpIssuer: assertionOnly.issuer });
    expect(errors(report)).toEqual([]);
    expect(report.verdict).toBe('ok');
    expect(report.findings.find((f) => f.code === 'response-unsigned')?.severity).toBe('info');
    expect(report.signature.valid).toBe(true);
    const frontline = await analyze(result.samlResponse, {
      idpIssuer: assertionOnly.issuer,
      mode: 'frontline',
      ids: { realmSid: 'JB0123456789abcdef0123456789abcdef' },
    });
    const unsigned = frontline.findings.find((f) => f.code === 'response-unsigned');
    expect(unsigned?.severity).toBe('error');
    expect(unsigned?.message).toMatch(/not verified/);
  });

  it('the Frontline Entity ID as Audience in a Flex app → audience-mismatch', async () => {
    const result = await samlIdpLogin(wrongAudience, { entityId: SP.entityId, acsUrl: SP.acsUrl });
    expect(xmlsecVerify(result.xml, key.certPem, 'Response')).toBe(true);
    const report = await analyze(result.samlResponse, { idpIssuer: wrongAudience.issuer });
    expect(report.facts?.audience).toBe(frontlineEntityId);
    expect(errors(report)).toEqual(['audience-mismatch']);
  });
});

describe('coverage', () => {
  it('every core finding code was produced by a scenario above', () => {
    const core = FINDING_CODES.slice(0, FINDING_CODES.indexOf('not-saml') + 1);
    expect(core.filter((code) => !seenCodes.has(code))).toEqual([]);
  });
});
