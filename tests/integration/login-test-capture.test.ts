/**
 * The capture itself, with real Chromium and real IdPs: nothing reaches the SP (tripwire), every
 * way a test can end without a response ends in a clear state, popups are captured too. The
 * response is checked here with xmlsec1 (an independent signature check) rather than the analysis.
 */
import { chromiumForTests } from '../support/chromium-for-tests';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromium as playwrightChromium } from 'playwright-core';
import { CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from '../../electron/services/chromium';
import { BROWSER_DID_NOT_START_MESSAGE, NO_DISPLAY_MESSAGE } from '../../electron/services/login-test/browser-start';
import {
  createPlaywrightHost,
  describePage,
  startLoginTest,
  timeoutMessage,
  type Analyze,
  type CdpClient,
  type LoginTestOptions,
} from '../../electron/services/login-test';
import { spValues } from '../../shared/domain/modes';
import {
  closedPort,
  createTestSigningKey,
  startSamlpIdp,
  startTripwire,
  DEFAULT_TEST_USER,
  type RunningIdp,
  type TestSigningKey,
  type Tripwire,
} from '../support/idps';

const chromium = chromiumForTests('the login-test capture tests');
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const SP_HOST = new URL(SP.acsUrl).hostname;

interface Recorded {
  bodies: string[];
}

/** Stands in for the analysis: keeps the body and checks the signature with xmlsec1. */
function recordingAnalyze(record: Recorded, certPem: string): Analyze {
  return async (input) => {
    record.bodies.push(input);
    const xml = Buffer.from(new URLSearchParams(input).get('SAMLResponse') ?? '', 'base64').toString('utf8');
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-xmlsec-'));
    try {
      writeFileSync(join(dir, 'response.as-captured.xml'), xml);
      writeFileSync(join(dir, 'idp-signing-cert.pem'), certPem);
      execFileSync(
        'xmlsec1',
        [
          '--verify',
          '--pubkey-cert-pem',
          join(dir, 'idp-signing-cert.pem'),
          '--id-attr:ID',
          'urn:oasis:names:tc:SAML:2.0:protocol:Response',
          join(dir, 'response.as-captured.xml'),
        ],
        { stdio: 'ignore' },
      );
      return { ok: true, signature: { checked: true, valid: true }, facts: {}, findings: [], worker: {} } as never;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe.skipIf(!chromium)('login test capture (real Chromium, real IdP)', () => {
  let key: TestSigningKey;
  let idp: RunningIdp;
  let tripwire: Tripwire;
  const pages: Page[] = [];
  const profiles: string[] = [];

  const host = () =>
    createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
      onProfile: (dir) => profiles.push(dir),
      onPage: (page) => pages.push(page),
    });
  const base = (patch: Partial<LoginTestOptions>): LoginTestOptions => ({
    mode: 'flex-enhanced',
    ids: { connectionId: CONNECTION },
    timeoutMs: 20_000,
    ...patch,
  });

  async function signIn(page: Page): Promise<void> {
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill(DEFAULT_TEST_USER.password);
    await page.locator('#sign-in').click();
  }
  async function nextPage(from: number): Promise<Page> {
    const deadline = Date.now() + 10_000;
    while (pages.length <= from) {
      if (Date.now() > deadline) throw new Error('no page appeared');
      await new Promise((r) => setTimeout(r, 20));
    }
    return pages[from]!;
  }

  beforeAll(async () => {
    key = createTestSigningKey();
    tripwire = await startTripwire();
    idp = await startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, relayState: 'https://flex.twilio.com/my-runtime' });
  });
  afterAll(async () => {
    await idp?.close();
    await tripwire?.close();
    key?.dispose();
  });

  it('captures an SP-initiated login and nothing reaches the SP host (tripwire)', async () => {
    const before = tripwire.connections();
    const record: Recorded = { bodies: [] };
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpSsoUrl: idp.ssoUrl, relayState: 'state-123' }), { analyze: recordingAnalyze(record, key.certPem) });
    const page = await nextPage(from);
    await page.locator('#username').waitFor();
    expect(session.state().phase).toBe('waiting-for-login');
    await signIn(page);
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.relayState).toBe('state-123');
    expect(final.postedTo).toBe(SP.acsUrl);
    expect(final.requestId).toMatch(/^_[0-9a-f]{40}$/);
    expect(idp.requests.at(-1)).toMatchObject({ id: final.requestId, issuer: SP.entityId, acsUrl: SP.acsUrl });
    expect(final.captureToDiagnosisMs).toBeGreaterThan(0);
    expect(record.bodies).toHaveLength(1);
    const xml = Buffer.from(new URLSearchParams(record.bodies[0]).get('SAMLResponse')!, 'base64').toString('utf8');
    expect(xml).toContain(`InResponseTo="${final.requestId}"`);
    expect(tripwire.connections() - before).toBe(0);
    expect(existsSync(profiles.at(-1)!)).toBe(false);
  });

  it('captures a login in a popup the IdP opened (IdP-initiated), RelayState kept', async () => {
    const before = tripwire.connections();
    const record: Recorded = { bodies: [] };
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpInitUrl: idp.popupLauncherUrl }), { analyze: recordingAnalyze(record, key.certPem) });
    const launcher = await nextPage(from);
    await launcher.locator('#open-flex').click();
    const popup = await nextPage(from + 1);
    await popup.locator('#username').waitFor();
    await signIn(popup);
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.flow).toBe('idp-initiated');
    expect(final.requestId).toBeUndefined();
    expect(final.relayState).toBe('https://flex.twilio.com/my-runtime');
    expect(record.bodies).toHaveLength(1);
    expect(tripwire.connections() - before).toBe(0);
  });

  it('a wrong password first, then the right one: still one captured response', async () => {
    const record: Recorded = { bodies: [] };
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpInitUrl: idp.initUrl }), { analyze: recordingAnalyze(record, key.certPem) });
    const page = await nextPage(from);
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill('wrong');
    await page.locator('#sign-in').click();
    await page.locator('#error').waitFor();
    expect(session.state().phase).toBe('waiting-for-login');
    await signIn(page);
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(record.bodies).toHaveLength(1);
  });

  it('a second response in the same test is answered locally and not analysed', async () => {
    const before = tripwire.connections();
    const record: Recorded = { bodies: [] };
    const slow: Analyze = async (input, opts) => {
      await new Promise((r) => setTimeout(r, 1500));
      return recordingAnalyze(record, key.certPem)(input, opts);
    };
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpInitUrl: idp.doublePostUrl }), { analyze: slow });
    await signIn(await nextPage(from));
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.extraResponses).toBe(1);
    expect(final.message).toMatch(/second response/i);
    expect(record.bodies).toHaveLength(1);
    expect(tripwire.connections() - before).toBe(0);
  });

  it('times out saying what the window shows: headless, an IdP waiting for a password means "run without --headless"', async () => {
    // Long enough for the IdP's page to load on a busy machine before the test gives up.
    const session = startLoginTest(host(), base({ idpInitUrl: idp.initUrl, timeoutMs: 6000 }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) });
    const final = await session.done;
    expect(final).toMatchObject({ phase: 'timed-out', reason: 'timeout', lastPage: { url: idp.initUrl, title: 'Test IdP sign-in', passwordField: true } });
    expect(final.message).toMatch(/No SAML response arrived within 6 seconds/);
    expect(final.message).toContain(`It was showing "Test IdP sign-in" at ${idp.initUrl}.`);
    expect(final.message).toMatch(/The identity provider is waiting for a sign-in there: run the test without --headless/);
    expect(existsSync(profiles.at(-1)!)).toBe(false);
  });

  it('describes a page with no sign-in form without telling the admin to sign in (read without running script in the page)', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'flex-sso-describe-'));
    const context = await playwrightChromium.launchPersistentContext(profile, {
      executablePath: chromium!,
      headless: true,
      args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags()],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${idp.popupLauncherUrl}?from=launcher`);
      const session = await context.newCDPSession(page);
      const described = await describePage(session as unknown as CdpClient);
      expect(described).toEqual({ url: `${idp.popupLauncherUrl}…`, title: 'Test IdP apps', passwordField: false });
      const message = timeoutMessage(30, described, true);
      expect(message).toBe(
        `No SAML response arrived within 30 seconds; the test gave up and closed the window. It was showing "Test IdP apps" at ${idp.popupLauncherUrl}….`,
      );
      await page.goto(idp.initUrl);
      expect(await describePage(session as unknown as CdpClient)).toMatchObject({ title: 'Test IdP sign-in', passwordField: true });
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('ends as cancelled when the admin closes the login window', async () => {
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpInitUrl: idp.initUrl }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) });
    const page = await nextPage(from);
    await page.locator('#username').waitFor();
    await page.close();
    const final = await session.done;
    expect(final).toMatchObject({ phase: 'cancelled', reason: 'window-closed' });
    expect(final.message).toMatch(/window was closed/);
  });

  it('ends as cancelled when the wizard cancels the test', async () => {
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpInitUrl: idp.initUrl }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) });
    await (await nextPage(from)).locator('#username').waitFor();
    const final = await session.cancel();
    expect(final).toMatchObject({ phase: 'cancelled', reason: 'cancelled' });
    expect(session.state().phase).toBe('cancelled');
    expect(existsSync(profiles.at(-1)!)).toBe(false);
  });

  it('fails clearly on an IdP error page', async () => {
    const final = await startLoginTest(host(), base({ idpInitUrl: idp.errorUrl }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) }).done;
    expect(final).toMatchObject({ phase: 'failed', reason: 'idp-http-error' });
    expect(final.message).toContain('HTTP 500');
  });

  it.each([
    ['entra', 'azure-ad', 'AADSTS50105', /Users and groups/],
    ['okta', 'okta', 'not assigned this app', /Assignments tab/],
  ] as const)('ends promptly on an error page the IdP serves with HTTP 200 (%s), naming its code', async (kind, idpId, code, fix) => {
    const started = Date.now();
    const final = await startLoginTest(host(), base({ idpInitUrl: idp.errorPageUrls[kind], timeoutMs: 20_000 }), {
      analyze: recordingAnalyze({ bodies: [] }, key.certPem),
    }).done;
    expect(final, final.message).toMatchObject({ phase: 'failed', reason: 'idp-error-page', idpError: { idp: idpId, code, url: idp.errorPageUrls[kind] } });
    expect(final.message).toContain(code);
    expect(final.message).toMatch(fix);
    expect(final.message).not.toMatch(/\n/);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('does not take an ordinary sign-in page that mentions errors, or a wrong-password notice, for an error page', async () => {
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpInitUrl: idp.errorPageUrls.help }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) });
    const page = await nextPage(from);
    await page.locator('#username').waitFor();
    await new Promise((r) => setTimeout(r, 750));
    expect(session.state().phase, session.state().message).toBe('waiting-for-login');
    // A wrong password on the real form (an error notice on a 200 page) does not end it either.
    await page.goto(idp.initUrl);
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill('wrong');
    await page.locator('#sign-in').click();
    await page.locator('#error').waitFor();
    await new Promise((r) => setTimeout(r, 750));
    expect(session.state().phase, session.state().message).toBe('waiting-for-login');
    const final = await session.cancel();
    expect(final).toMatchObject({ phase: 'cancelled', reason: 'cancelled' });
    expect(final.idpError).toBeUndefined();
  });

  it('fails clearly when the IdP cannot be reached (closed port)', async () => {
    const port = await closedPort();
    const final = await startLoginTest(host(), base({ idpSsoUrl: `http://127.0.0.1:${port}/sso` }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) })
      .done;
    expect(final).toMatchObject({ phase: 'failed', reason: 'idp-unreachable' });
    expect(final.message).toMatch(/ERR_CONNECTION_REFUSED/);
  });

  it('fails clearly when a page of the IdP leads to an unreachable address', async () => {
    const port = await closedPort();
    const final = await startLoginTest(host(), base({ idpInitUrl: `${idp.deadEndUrl}?port=${port}` }), {
      analyze: recordingAnalyze({ bodies: [] }, key.certPem),
    }).done;
    expect(final).toMatchObject({ phase: 'failed', reason: 'idp-unreachable' });
    expect(final.message).toContain(`127.0.0.1:${port}`);
  });

  it('stops the browser at the SP host when the IdP sends it there without a response', async () => {
    const before = tripwire.connections();
    const final = await startLoginTest(host(), base({ idpInitUrl: idp.redirectToSpUrl }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) }).done;
    expect(final).toMatchObject({ phase: 'failed', reason: 'sent-to-sp-without-response' });
    expect(tripwire.connections() - before).toBe(0);
  });

  it('with allowRealLogin the response does go on to the SP (here: the tripwire), and says so', async () => {
    const before = tripwire.connections();
    const record: Recorded = { bodies: [] };
    const from = pages.length;
    const realHost = createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      // The admin allowed the network to Twilio; in this test "Twilio" is the tripwire.
      extraArgs: [`--host-resolver-rules=MAP ${SP_HOST} 127.0.0.1:${tripwire.port}`],
      onPage: (page) => pages.push(page),
    });
    const session = startLoginTest(realHost, base({ idpInitUrl: idp.initUrl, allowRealLogin: true }), {
      analyze: async (input, opts) => {
        const report = await recordingAnalyze(record, key.certPem)(input, opts);
        // Give the continued request time to reach the listener before the window closes.
        const deadline = Date.now() + 5000;
        while (tripwire.connections() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        return report;
      },
    });
    await signIn(await nextPage(from));
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.sentToTwilio).toBe(true);
    expect(final.message).toMatch(/billed Flex user/);
    expect(tripwire.connections() - before).toBeGreaterThan(0);
  });

  it('control: without the capture, the same login does reach the SP host (so the tripwire can see it)', async () => {
    const before = tripwire.connections();
    const profile = mkdtempSync(join(tmpdir(), 'flex-sso-control-'));
    const context = await playwrightChromium.launchPersistentContext(profile, {
      executablePath: chromium!,
      headless: true,
      args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags(), `--host-resolver-rules=MAP ${SP_HOST} 127.0.0.1:${tripwire.port}`],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(idp.initUrl);
      await signIn(page);
      const deadline = Date.now() + 10_000;
      while (tripwire.connections() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(tripwire.connections() - before).toBeGreaterThan(0);
  });

  it('control: with the capture but the predictor left on, Chromium still pre-connects to the SP host', async () => {
    // Why the throwaway profile turns network prediction off: interception alone does not stop it.
    const before = tripwire.connections();
    const leaky = createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
      onProfile: (dir) => rmSync(join(dir, 'Default', 'Preferences')),
    });
    const final = await startLoginTest(leaky, base({ idpInitUrl: idp.autoLoginUrl }), { analyze: recordingAnalyze({ bodies: [] }, key.certPem) }).done;
    expect(final.phase, final.message).toBe('done');
    expect(tripwire.connections() - before).toBeGreaterThan(0);
  });

  it('fails clearly when the browser cannot start, and leaves no profile behind', async () => {
    const created: string[] = [];
    const broken = createPlaywrightHost({ executablePath: '/bin/false', headless: true, onProfile: (dir) => created.push(dir) });
    const final = await startLoginTest(broken, base({ idpInitUrl: idp.initUrl })).done;
    expect(final).toMatchObject({ phase: 'failed', reason: 'browser-failed' });
    expect(final.message).toBe(BROWSER_DID_NOT_START_MESSAGE);
    expect(created).toHaveLength(1);
    expect(existsSync(created[0]!)).toBe(false);
  });

  it("a test window where there is no desktop display (over SSH): plain words and what to do instead, never the library's text", async () => {
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    try {
      // No display at all: said before Chromium is even started.
      delete process.env.DISPLAY;
      delete process.env.WAYLAND_DISPLAY;
      const none = await startLoginTest(createPlaywrightHost({ executablePath: chromium!, headless: false }), base({ idpInitUrl: idp.initUrl })).done;
      // A display that does not answer: Chromium itself fails, and its words are mapped.
      process.env.DISPLAY = ':987';
      const dead = await startLoginTest(createPlaywrightHost({ executablePath: chromium!, headless: false }), base({ idpInitUrl: idp.initUrl })).done;
      for (const final of [none, dead]) {
        expect(final).toMatchObject({ phase: 'failed', reason: 'browser-failed', message: NO_DISPLAY_MESSAGE });
        expect(final.message).toMatch(/needs a desktop display.*--headless.*analyse the capture/);
        expect(final.message).not.toMatch(/browserType|launchPersistentContext|Target page|\$DISPLAY/);
      }
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('refuses bad options before opening anything', () => {
    expect(() => startLoginTest(host(), base({}))).toThrow(/either the IdP SSO URL/);
    expect(() => startLoginTest(host(), base({ idpSsoUrl: 'ftp://idp.example.com/sso' }))).toThrow(/https:\/\//);
    expect(() => startLoginTest(host(), base({ idpSsoUrl: idp.ssoUrl, timeoutMs: 0 }))).toThrow(/timeout/);
    expect(() => startLoginTest(host(), { ...base({ idpSsoUrl: idp.ssoUrl }), ids: { connectionId: 'JQ123' } })).toThrow(/connectionId/);
  });
});
