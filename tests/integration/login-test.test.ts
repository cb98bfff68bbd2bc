/**
 * The login test end to end: real IdP software on 127.0.0.1 (saml-idp as a child process, samlp
 * in an express app), real Chromium, Playwright typing into the IdP's own form, the real capture
 * and the real analysis (node-saml signature checks, Flex rules).
 */
import { chromiumForTests } from '../support/chromium-for-tests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPlaywrightHost, startLoginTest, type LoginTestOptions } from '../../electron/services/login-test';
import { spValues } from '../../shared/domain/modes';
import { firstFlexOnlyWord } from '../support/flex-only-words';
import {
  createTestSigningKey,
  DEFAULT_TEST_USER,
  startSamlIdpProcess,
  startSamlpIdp,
  startTripwire,
  type Misconfiguration,
  type RunningIdp,
  type RunningSamlIdp,
  type TestSigningKey,
  type Tripwire,
} from '../support/idps';

const chromium = chromiumForTests('the login tests with real IdPs');
const CONNECTION = 'JQ00112233445566778899aabbccddeeff';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const SP_HOST = new URL(SP.acsUrl).hostname;

describe.skipIf(!chromium)('login test with real IdPs, judged by the analysis', () => {
  let key: TestSigningKey;
  let samlIdp: RunningSamlIdp;
  let samlp: RunningIdp;
  let tripwire: Tripwire;
  let pages: Page[] = [];

  const host = () =>
    createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
      onPage: (page) => pages.push(page),
    });
  const options = (patch: Partial<LoginTestOptions>): LoginTestOptions => ({
    mode: 'flex-enhanced',
    ids: { connectionId: CONNECTION },
    idp: 'generic',
    timeoutMs: 20_000,
    ...patch,
  });
  async function firstPage(): Promise<Page> {
    const deadline = Date.now() + 10_000;
    while (pages.length === 0) {
      if (Date.now() > deadline) throw new Error('the login window never appeared');
      await new Promise((r) => setTimeout(r, 20));
    }
    return pages[0]!;
  }
  async function signInAtSamlp(page: Page): Promise<void> {
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill(DEFAULT_TEST_USER.password);
    await page.locator('#sign-in').click();
  }

  beforeAll(async () => {
    key = createTestSigningKey();
    tripwire = await startTripwire();
    [samlIdp, samlp] = await Promise.all([
      startSamlIdpProcess({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:saml-idp', relayState: 'from-saml-idp' }),
      startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:samlp-idp', relayState: 'https://flex.twilio.com/my-runtime' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([samlIdp?.close(), samlp?.close(), tripwire?.close()]);
    key?.dispose();
  });

  it('SP-initiated through saml-idp: AuthnRequest from node-saml, InResponseTo checked, judged ok', async () => {
    pages = [];
    const before = tripwire.connections();
    const session = startLoginTest(host(), options({ idpSsoUrl: samlIdp.ssoUrl, idpCertPem: key.certPem, idpIssuer: samlIdp.issuer, relayState: 'sp-state' }));
    const page = await firstPage();
    // saml-idp's own form: the test user's NameID and attributes, then "Sign in".
    await page.locator('#userName').fill(DEFAULT_TEST_USER.email);
    await page.locator('#email').fill(DEFAULT_TEST_USER.email);
    await page.locator('#full_name').fill(DEFAULT_TEST_USER.fullName);
    await page.locator('#btn-sign-in').click();
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(
      final.report?.findings.filter((f) => f.severity === 'error'),
      JSON.stringify(final.report?.findings),
    ).toEqual([]);
    expect(final.report?.ok).toBe(true);
    expect(final.report?.signature).toMatchObject({ checked: true, valid: true, certificate: 'given' });
    expect(final.report?.facts?.inResponseTo).toBe(final.requestId);
    expect(final.report?.facts?.audience).toBe(SP.entityId);
    expect(final.relayState).toBe('sp-state');
    expect(final.report?.worker?.attributes).toMatchObject({ email: DEFAULT_TEST_USER.email, full_name: DEFAULT_TEST_USER.fullName });
    expect(final.captureToDiagnosisMs).toBeGreaterThan(0);
    expect(tripwire.connections() - before).toBe(0);
  });

  it('IdP-initiated through samlp with a login form: judged ok, RelayState shown', async () => {
    pages = [];
    samlp.misconfigure({});
    const before = tripwire.connections();
    const session = startLoginTest(host(), options({ idpInitUrl: samlp.initUrl, idpCertPem: key.certPem, idpIssuer: samlp.issuer }));
    await signInAtSamlp(await firstPage());
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(
      final.report?.findings.filter((f) => f.severity === 'error'),
      JSON.stringify(final.report?.findings),
    ).toEqual([]);
    expect(final.report?.ok).toBe(true);
    expect(final.relayState).toBe('https://flex.twilio.com/my-runtime');
    expect(final.report?.facts?.relayState ?? final.relayState).toBe('https://flex.twilio.com/my-runtime');
    expect(final.report?.worker?.attributes).toMatchObject({ roles: DEFAULT_TEST_USER.roles });
    expect(tripwire.connections() - before).toBe(0);
  });

  it('SP-initiated: a response that answers another request is caught', async () => {
    pages = [];
    samlp.misconfigure({});
    // The "SSO URL" given is samlp's IdP-initiated page: it ignores the AuthnRequest the test
    // built, so the response carries no InResponseTo, as a misconfigured SSO URL would.
    const session = startLoginTest(host(), options({ idpSsoUrl: samlp.initUrl, idpCertPem: key.certPem, idpIssuer: samlp.issuer }));
    await signInAtSamlp(await firstPage());
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.report?.ok).toBe(false);
    expect(final.report?.findings.map((f) => f.code)).toContain('in-response-to-mismatch');
  });

  // Enhanced Flex accepts a signed assertion alone (facts, section 1): only a note recommends both.
  const cases: Array<[string, Misconfiguration, string, 'error' | 'info']> = [
    ['namespaced claim names', { namespacedClaims: true }, 'namespaced-claim', 'error'],
    ['no roles claim', { noRoles: true }, 'missing-claim', 'error'],
    ['wrong audience', { audience: 'urn:flex:JQffffffffffffffffffffffffffffffff' }, 'audience-mismatch', 'error'],
    ['response not signed (assertion only)', { unsignedResponse: true }, 'response-unsigned', 'info'],
    ['expired assertion', { expired: true }, 'expired', 'error'],
    ['invalid typed attribute', { invalidTypedAttribute: true }, 'invalid-attribute-type', 'error'],
  ];
  it.each(cases)('a misconfigured IdP (%s) yields its finding through a full captured login', async (_label, misconfiguration, code, severity) => {
    pages = [];
    samlp.misconfigure(misconfiguration);
    const before = tripwire.connections();
    const session = startLoginTest(host(), options({ idpSsoUrl: samlp.ssoUrl, idpCertPem: key.certPem, idpIssuer: samlp.issuer }));
    await signInAtSamlp(await firstPage());
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.report?.ok).toBe(severity !== 'error');
    const finding = final.report?.findings.find((f) => f.code === code);
    expect(finding, JSON.stringify(final.report?.findings)).toBeDefined();
    expect(finding?.severity).toBe(severity);
    expect(finding?.fix.length).toBeGreaterThan(0);
    if (severity === 'error') expect(final.message).toMatch(/problem/);
    expect(tripwire.connections() - before).toBe(0);
  });

  it('uses the SP host of the mode (legacy / frontline hosts are intercepted too)', async () => {
    pages = [];
    const realm = 'JB00112233445566778899aabbccddeeff';
    const frontline = spValues('frontline', { realmSid: realm });
    const idp = await startSamlpIdp({ key, acsUrl: frontline.acsUrl, audience: frontline.entityId, issuer: 'urn:test:frontline-idp' });
    try {
      const frontlineHost = createPlaywrightHost({
        executablePath: chromium!,
        headless: true,
        twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
        onPage: (page) => pages.push(page),
      });
      const before = tripwire.connections();
      const session = startLoginTest(frontlineHost, {
        mode: 'frontline',
        ids: { realmSid: realm },
        idpSsoUrl: idp.ssoUrl,
        idpCertPem: key.certPem,
        idpIssuer: idp.issuer,
        timeoutMs: 20_000,
      });
      await signInAtSamlp(await firstPage());
      const final = await session.done;
      expect(final.phase, final.message).toBe('done');
      expect(final.postedTo).toBe(frontline.acsUrl);
      expect(final.report?.facts?.destination).toBe(frontline.acsUrl);
      // The diagnosis reads as Frontline: its summary, every finding and fix.
      // (The test certificate's subject, quoted in a finding, is data: it names the wizard.)
      const words = [final.message, ...(final.report?.findings ?? []).map((finding) => `${finding.message} ${finding.fix}`)]
        .join('\n')
        .replace(/CN=[^)]*/g, 'CN');
      expect(final.report?.findings.map((finding) => finding.code)).toContain('invalid-role');
      expect(firstFlexOnlyWord(words)).toBeNull();
      expect(tripwire.connections() - before).toBe(0);
      expect(new URL(frontline.acsUrl).hostname).not.toBe(SP_HOST);
    } finally {
      await idp.close();
    }
  });
});
