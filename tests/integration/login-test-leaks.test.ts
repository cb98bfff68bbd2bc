/**
 * Capture everything, leak nothing (real Chromium, a real IdP): a SAML response posted anywhere
 * (any host, scheme, letter case, trailing dot, port) is captured, and diagnosed by where it went;
 * no Twilio host is reachable in any spelling; and the browser itself contacts nothing but the IdP.
 * One tripwire stands for every host but the IdP's 127.0.0.1: Twilio's hosts and every other host
 * resolve to it, so anything that leaves is counted, with the host it was meant for.
 */
import { chromiumForTests } from '../support/chromium-for-tests';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium as playwrightChromium, type Page } from 'playwright-core';
import { CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from '../../electron/services/chromium';
import { appHostResolverRules, createPlaywrightHost, startLoginTest, type Analyze, type LoginTestOptions } from '../../electron/services/login-test';
import { spValues } from '../../shared/domain/modes';
import { createTestSigningKey, DEFAULT_TEST_USER, startSamlpIdp, startTripwire, type RunningIdp, type TestSigningKey, type Tripwire } from '../support/idps';

const chromium = chromiumForTests('the capture-everything and background-traffic tests');
const CONNECTION = 'JQ5555555555555555555555555555aaaa';
const OTHER_CONNECTION = 'JQ0000000000000000000000000000beef';
const ACCOUNT = 'AC5555555555555555555555555555aaaa';
const REALM = 'JB5555555555555555555555555555aaaa';
const ENHANCED = spValues('flex-enhanced', { connectionId: CONNECTION });
const LEGACY = spValues('flex-legacy', { accountSid: ACCOUNT });
const FRONTLINE = spValues('frontline', { realmSid: REALM });
const OTHER_ENHANCED = spValues('flex-enhanced', { connectionId: OTHER_CONNECTION });
const ENHANCED_PATH = new URL(ENHANCED.acsUrl).pathname + new URL(ENHANCED.acsUrl).search;

/** Every wrong place of the issue: each spelling of Twilio's host, other modes' and customers' ACS URLs, not Twilio at all. */
const WRONG_PLACES = {
  'trailing dot': `https://login.flex.us1.twilio.com.${ENHANCED_PATH}`,
  'upper case': `https://LOGIN.FLEX.US1.TWILIO.COM${ENHANCED_PATH}`,
  'a port': `https://login.flex.us1.twilio.com:8443${ENHANCED_PATH}`,
  'http scheme': `http://login.flex.us1.twilio.com${ENHANCED_PATH}`,
  'IDNA (full-width letters)': `https://login.flex.us1.ｔｗｉｌｉｏ.com${ENHANCED_PATH}`,
  'the legacy ACS': LEGACY.acsUrl,
  'a Frontline ACS': FRONTLINE.acsUrl,
  "another connection's ACS": OTHER_ENHANCED.acsUrl,
  'not Twilio': 'https://sso.other-app.example/saml/acs',
} as const;

describe.skipIf(!chromium)('capture everything, leak nothing (real Chromium, samlp IdP, tripwire)', () => {
  let key: TestSigningKey;
  let idp: RunningIdp;
  let tripwire: Tripwire;
  let pages: Page[] = [];

  const host = (patch: { preferences?: object } = {}) =>
    createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
      everyOtherHostTarget: `127.0.0.1:${tripwire.port}`,
      onPage: (page) => pages.push(page),
      ...patch,
    });
  const options = (patch: Partial<LoginTestOptions>): LoginTestOptions => ({
    mode: 'flex-enhanced',
    ids: { connectionId: CONNECTION },
    idpCertPem: key.certPem,
    idpIssuer: idp.issuer,
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

  beforeAll(async () => {
    key = createTestSigningKey();
    tripwire = await startTripwire();
    idp = await startSamlpIdp({ key, acsUrl: ENHANCED.acsUrl, audience: ENHANCED.entityId, issuer: 'urn:test:leaks-idp' });
  });
  afterAll(async () => {
    await Promise.all([idp?.close(), tripwire?.close()]);
    key?.dispose();
  });

  it('captures a response posted to every wrong place at once (frames of one page): nothing reaches any of them', async () => {
    pages = [];
    const before = tripwire.connections();
    const places = Object.values(WRONG_PLACES);
    // A stand-in for the analysis (named so): it holds the test open until every POST was paused,
    // so none can be sent after the browser is gone and pass unseen.
    let session: ReturnType<typeof startLoginTest> | null = null;
    const waitForAll: Analyze = async () => {
      const deadline = Date.now() + 10_000;
      while ((session?.state().extraResponses ?? 0) < places.length - 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      // No analysis happened, so no verdict either way (shaped as the report the session expects).
      return {
        ok: false,
        verdict: 'unverified',
        signature: { checked: false, valid: null, certificate: null },
        facts: null,
        findings: [],
        worker: null,
      } as never;
    };
    session = startLoginTest(host(), options({ idpInitUrl: idp.scatterUrl(places) }), { analyze: waitForAll });
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.extraResponses).toBe(places.length - 1);
    expect(Object.values(WRONG_PLACES).map((url) => new URL(url).href)).toContain(final.postedTo);
    expect(tripwire.connections() - before, tripwire.describe(before)).toBe(0);
  });

  // Whole sessions for three places (every place and each IdP's wording: shared/saml/posted-to.test.ts).
  const diagnoses: Array<[string, Partial<LoginTestOptions>, string, RegExp, RegExp]> = [
    [
      'the legacy ACS during an enhanced test (mid-migration)',
      { idp: 'okta' },
      WRONG_PLACES['the legacy ACS'],
      /legacy Flex SSO ACS URL .*midway through a move to enhanced SSO/,
      /In Okta, set Single sign on URL to https:\/\/login\.flex\.us1\.twilio\.com\/login\/callback\?connection=JQ5555/,
    ],
    [
      'an address that is not Twilio',
      {},
      WRONG_PLACES['not Twilio'],
      /not a Twilio address/,
      /In the identity provider, set Assertion Consumer Service \(ACS\) URL/,
    ],
    [
      'a Flex connection\'s ACS during a Frontline test (not "could not reach the IdP")',
      { mode: 'frontline', ids: { realmSid: REALM }, idp: 'azure-ad' },
      OTHER_ENHANCED.acsUrl,
      /ACS URL of Flex \(enhanced SSO\) .*set up for Flex, perhaps for another customer, not for this Frontline setup/,
      /Reply URL \(Assertion Consumer Service URL\) to https:\/\/iam\.twilio\.com\/v2\/saml2\/authenticate\/JB5555/,
    ],
  ];
  it.each(diagnoses)('a response sent to %s is captured, analysed and diagnosed by where it went', async (_label, patch, postTo, message, fix) => {
    pages = [];
    const before = tripwire.connections();
    const final = await startLoginTest(host(), options({ idpInitUrl: idp.autoLoginPostingTo(postTo), ...patch })).done;
    expect(final.phase, final.message).toBe('done');
    expect(final.postedTo).toBe(new URL(postTo).href);
    expect(final.postedToKind).not.toBe('expected');
    expect(final.sentToTwilio).toBe(false);
    expect(final.report?.ok).toBe(false);
    const finding = final.report?.findings.find((f) => f.code === 'acs-url-mismatch');
    expect(finding, JSON.stringify(final.report?.findings.map((f) => f.code))).toBeDefined();
    expect(finding!.severity).toBe('error');
    expect(finding!.message).toContain(`the SAML response to ${new URL(postTo).href}; Twilio expects it at`);
    expect(finding!.message).toMatch(message);
    expect(finding!.fix).toMatch(fix);
    expect(final.message).toMatch(/kept on this computer/);
    expect(tripwire.connections() - before, tripwire.describe(before)).toBe(0);
  });

  it('with a real login allowed, a response posted to a wrong place is still kept on this computer', async () => {
    pages = [];
    const before = tripwire.connections();
    const realHost = createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      // The admin allowed the network to Twilio; here "Twilio" and everything else is the tripwire.
      everyOtherHostTarget: `127.0.0.1:${tripwire.port}`,
    });
    const final = await startLoginTest(realHost, options({ idpInitUrl: idp.autoLoginPostingTo(LEGACY.acsUrl), allowRealLogin: true })).done;
    expect(final.phase, final.message).toBe('done');
    expect(final.sentToTwilio).toBe(false);
    expect(final.message).not.toMatch(/billed/);
    expect(
      tripwire
        .seen()
        .slice(before)
        .filter((c) => c.samlResponse),
      tripwire.describe(before),
    ).toEqual([]);
  });

  it('the browser contacts nothing but the IdP during a whole typed login (wrong password, then the right one)', async () => {
    pages = [];
    const before = tripwire.connections();
    const session = startLoginTest(host(), options({ idpSsoUrl: idp.ssoUrl }));
    const page = await firstPage();
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill('not the password');
    await page.locator('#sign-in').click();
    await page.locator('#error').waitFor();
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill(DEFAULT_TEST_USER.password);
    await page.locator('#sign-in').click();
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.postedToKind).toBe('expected');
    expect(final.report?.findings.map((f) => f.code)).not.toContain('acs-url-mismatch');
    expect(tripwire.connections() - before, `the login browser contacted: ${tripwire.describe(before)}`).toBe(0);
  });

  it('control: Chromium with the usual quiet flags alone contacts Google in the background (so the tripwire can see it)', async () => {
    const before = tripwire.connections();
    const profile = mkdtempSync(join(tmpdir(), 'flex-sso-quiet-control-'));
    const context = await playwrightChromium.launchPersistentContext(profile, {
      executablePath: chromium!,
      headless: true,
      args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags(), `--host-resolver-rules=MAP * 127.0.0.1:${tripwire.port}, EXCLUDE 127.0.0.1`],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(idp.initUrl);
      const deadline = Date.now() + 15_000;
      while (
        !tripwire
          .seen()
          .slice(before)
          .some((c) => c.host?.endsWith('google.com') || c.host?.endsWith('googleapis.com')) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    const hosts = new Set(
      tripwire
        .seen()
        .slice(before)
        .map((c) => c.host),
    );
    expect(
      [...hosts].some((h) => h === 'accounts.google.com' || h === 'update.googleapis.com'),
      [...hosts].join(', '),
    ).toBe(true);
  });

  it("the Electron app's host block makes every spelling of every Twilio host unresolvable (same rules, real Chromium network stack)", async () => {
    const before = tripwire.connections();
    const browser = await playwrightChromium.launch({
      executablePath: chromium!,
      headless: true,
      args: [
        ...CHROMIUM_QUIET_FLAGS,
        ...chromiumSandboxFlags(),
        `--host-resolver-rules=${appHostResolverRules()}, MAP * 127.0.0.1:${tripwire.port}, EXCLUDE 127.0.0.1`,
      ],
    });
    const spellings = [
      ...Object.values(WRONG_PLACES).filter((url) => url.includes('twilio') || url.includes('ｔｗｉｌｉｏ')),
      'https://iam.twilio.com./v2/saml2/authenticate/JB1',
      'https://twilio.com../',
      'https://login.flex.us1.tw%69lio.com/',
      'https://flex.twilio.com/',
    ];
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      for (const url of spellings)
        errors.push(
          await page.goto(url).then(
            () => `${url}: loaded`,
            (error: Error) => error.message.split('\n')[0]!,
          ),
        );
    } finally {
      await browser.close();
    }
    for (const error of errors) expect(error).toMatch(/ERR_NAME_NOT_RESOLVED/);
    // (This bare Chromium's own background traffic also reaches the tripwire; only Twilio counts here.)
    const toTwilio = (from: number) =>
      tripwire
        .seen()
        .slice(from)
        .filter((c) => c.host === null || /twilio/i.test(c.host));
    expect(toTwilio(before), tripwire.describe(before)).toEqual([]);
    // The same rules without the block: the tripwire sees the spellings (so it could see a leak).
    const control = await playwrightChromium.launch({
      executablePath: chromium!,
      headless: true,
      args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags(), `--host-resolver-rules=MAP * 127.0.0.1:${tripwire.port}, EXCLUDE 127.0.0.1`],
    });
    try {
      await (await control.newPage()).goto(WRONG_PLACES['trailing dot']).catch(() => undefined);
    } finally {
      await control.close();
    }
    expect(toTwilio(before).map((c) => c.host)).toContain('login.flex.us1.twilio.com.');
  });
});
