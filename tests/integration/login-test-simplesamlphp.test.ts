/**
 * Real logins through an independent IdP nobody here wrote: Debian's SimpleSAMLphp 1.19 (PHP's
 * built-in server, a private configuration and a fresh key for this run), signing in at once
 * through exampleauth:StaticSource. Each case is a whole login through the product's login test
 * (real Chromium, the real capture), judged by the product's analysis; the expectations follow
 * ../shared/reference/flex-sso-facts.md section 1: enhanced Flex accepts the response or the
 * assertion signed; legacy Flex and Frontline need a signed Response.
 */
import { chromiumForTests } from '../support/chromium-for-tests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaywrightHost, startLoginTest, type LoginTestOptions } from '../../electron/services/login-test';
import { spValues, type ModeId, type ModeIds } from '../../shared/domain/modes';
import { createTestSigningKey, DEFAULT_TEST_USER, startTripwire, type TestSigningKey, type Tripwire } from '../support/idps';
import { simpleSamlPhpForTests, startSimpleSamlPhp, type RunningSimpleSamlPhp, type SimpleSamlSp } from '../support/idps/simplesamlphp';

const chromium = chromiumForTests('the SimpleSAMLphp logins');
const php = simpleSamlPhpForTests('the SimpleSAMLphp logins');

interface Variant {
  mode: ModeId;
  ids: ModeIds;
  sp: SimpleSamlSp;
}

/** One SP entry per case, each with its own id, so one SimpleSAMLphp serves the whole file. */
function variant(n: number, mode: ModeId, sp: Omit<SimpleSamlSp, 'entityId' | 'acsUrl'> & { audience?: string } = {}): Variant {
  const hex = n.toString(16).padStart(32, '0');
  const ids: ModeIds = mode === 'flex-enhanced' ? { connectionId: `JQ${hex}` } : mode === 'flex-legacy' ? { accountSid: `AC${hex}` } : { realmSid: `JB${hex}` };
  const { acsUrl, entityId } = spValues(mode, ids);
  const { audience, ...rest } = sp;
  // Frontline has the one role agent.
  const roles = mode === 'frontline' ? { roles: ['agent'] } : {};
  return { mode, ids, sp: { entityId: audience ?? entityId, acsUrl, ...roles, ...rest } };
}

const V = {
  enhanced: variant(1, 'flex-enhanced'),
  entraClaims: variant(2, 'flex-enhanced', { claims: 'entra' }),
  noRoles: variant(3, 'flex-enhanced', { claims: 'no-roles' }),
  // The IdP's app holds another Entity ID: its assertions name that audience, posted to this ACS.
  wrongAudience: variant(4, 'flex-enhanced', { audience: 'urn:flex:JQffffffffffffffffffffffffffffffff' }),
  enhancedAssertionOnly: variant(5, 'flex-enhanced', { signResponse: false }),
  enhancedResponseOnly: variant(6, 'flex-enhanced', { signAssertion: false }),
  sha1: variant(7, 'flex-enhanced', { algorithm: 'rsa-sha1' }),
  frontline: variant(8, 'frontline'),
  frontlineAssertionOnly: variant(9, 'frontline', { signResponse: false }),
  frontlineResponseOnly: variant(10, 'frontline', { signAssertion: false }),
  legacyAssertionOnly: variant(11, 'flex-legacy', { signResponse: false }),
} as const;

describe.skipIf(!chromium || !php)('login test through SimpleSAMLphp 1.19 (real IdP, real capture, real analysis)', () => {
  let key: TestSigningKey;
  let idp: RunningSimpleSamlPhp;
  let tripwire: Tripwire;

  beforeAll(async () => {
    key = createTestSigningKey('SimpleSAMLphp test IdP', 400);
    tripwire = await startTripwire();
    idp = await startSimpleSamlPhp(php!, { key, login: 'static', sps: Object.values(V).map((v) => v.sp) });
  });
  afterAll(async () => {
    await Promise.all([idp?.close(), tripwire?.close()]);
    key?.dispose();
  });

  async function login(v: Variant, flow: 'sp-initiated' | 'idp-initiated', patch: Partial<LoginTestOptions> = {}) {
    const before = tripwire.connections();
    const host = createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
      everyOtherHostTarget: `127.0.0.1:${tripwire.port}`,
    });
    const start = flow === 'sp-initiated' ? { idpSsoUrl: idp.ssoUrl } : { idpInitUrl: idp.idpInitiatedUrl(v.sp.entityId) };
    const final = await startLoginTest(host, {
      mode: v.mode,
      ids: v.ids,
      idp: 'generic',
      idpCertPem: key.certPem,
      idpIssuer: idp.issuer,
      timeoutMs: 20_000,
      ...start,
      ...patch,
    }).done;
    expect(final.phase, `${final.message}\n${idp.output().slice(-1500)}`).toBe('done');
    expect(final.postedToKind).toBe('expected');
    expect(tripwire.connections() - before, tripwire.describe(before)).toBe(0);
    const report = final.report!;
    return { final, report, codes: report.findings.map((f) => f.code), errors: report.findings.filter((f) => f.severity === 'error').map((f) => f.code) };
  }

  it('SP-initiated, bare claims, both signed: Flex would accept it, InResponseTo answers our request', async () => {
    const { final, report, errors } = await login(V.enhanced, 'sp-initiated');
    expect(errors, JSON.stringify(report.findings)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signature).toMatchObject({ checked: true, valid: true, certificate: 'given' });
    expect(report.facts).toMatchObject({
      issuer: idp.issuer,
      inResponseTo: final.requestId,
      audience: V.enhanced.sp.entityId,
      destination: V.enhanced.sp.acsUrl,
      nameId: DEFAULT_TEST_USER.email,
    });
    expect(report.worker?.attributes).toMatchObject({ email: DEFAULT_TEST_USER.email, full_name: DEFAULT_TEST_USER.fullName, roles: DEFAULT_TEST_USER.roles });
  });

  it('IdP-initiated (spentityid): judged ok, no InResponseTo', async () => {
    const { report, errors } = await login(V.enhanced, 'idp-initiated');
    expect(errors, JSON.stringify(report.findings)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.facts?.inResponseTo).toBeNull();
  });

  it('Entra-style namespaced claim names: each is named, with the bare name Flex reads', async () => {
    const { report, errors } = await login(V.entraClaims, 'idp-initiated');
    expect(report.ok).toBe(false);
    expect(errors).toContain('namespaced-claim');
    const text = report.findings
      .filter((f) => f.code === 'namespaced-claim')
      .map((f) => `${f.message} ${f.fix}`)
      .join('\n');
    expect(text).toContain('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress');
    expect(text).toMatch(/\bemail\b/);
  });

  it('no roles claim: missing-claim', async () => {
    const { report, errors } = await login(V.noRoles, 'idp-initiated');
    expect(report.ok).toBe(false);
    expect(errors).toContain('missing-claim');
    expect(report.findings.find((f) => f.code === 'missing-claim')?.message).toMatch(/roles/);
  });

  it('wrong audience: audience-mismatch, naming both Entity IDs', async () => {
    const { report, errors } = await login(V.wrongAudience, 'idp-initiated');
    expect(report.ok).toBe(false);
    expect(errors).toContain('audience-mismatch');
    const message = report.findings.find((f) => f.code === 'audience-mismatch')!.message;
    expect(message).toContain(V.wrongAudience.sp.entityId);
  });

  it('enhanced, only the assertion signed: accepted (one valid signature covering the assertion is enough)', async () => {
    const { report, errors } = await login(V.enhancedAssertionOnly, 'sp-initiated');
    expect(report.facts).toMatchObject({ responseSigned: false, assertionSigned: true });
    expect(errors, JSON.stringify(report.findings)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('enhanced, only the Response signed: accepted (the signed Response covers the assertion)', async () => {
    const { report, errors } = await login(V.enhancedResponseOnly, 'sp-initiated');
    expect(report.facts).toMatchObject({ responseSigned: true, assertionSigned: false });
    expect(errors, JSON.stringify(report.findings)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('SHA-1 signatures: weak-signature-algorithm', async () => {
    const { report, codes } = await login(V.sha1, 'idp-initiated');
    expect(codes).toContain('weak-signature-algorithm');
    expect(report.facts?.signatureAlgorithms.join(' ')).toMatch(/rsa-sha1/);
  });

  it('Frontline, SP-initiated, both signed: accepted', async () => {
    const { report, errors } = await login(V.frontline, 'sp-initiated');
    expect(errors, JSON.stringify(report.findings)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.facts?.destination).toBe(V.frontline.sp.acsUrl);
  });

  it('Frontline, the Response unsigned (assertion only): response-unsigned is an error', async () => {
    const { report, errors } = await login(V.frontlineAssertionOnly, 'idp-initiated');
    expect(report.ok).toBe(false);
    expect(errors).toContain('response-unsigned');
  });

  it('Frontline, only the Response signed: accepted (an unsigned assertion is not an error there)', async () => {
    const { report, errors } = await login(V.frontlineResponseOnly, 'idp-initiated');
    expect(errors, JSON.stringify(report.findings)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('legacy Flex, the Response unsigned: response-unsigned is an error', async () => {
    const { report, errors } = await login(V.legacyAssertionOnly, 'idp-initiated');
    expect(report.ok).toBe(false);
    expect(errors).toContain('response-unsigned');
  });
});
