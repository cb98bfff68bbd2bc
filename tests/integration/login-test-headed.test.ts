/**
 * The login window as an admin sees it (headed Chromium on a private Xvfb display): no
 * "You are using an unsupported command-line flag" bar (Chromium shows one for
 * --host-resolver-rules and --no-sandbox unless the browser is marked as under test), and, headed
 * too, no connection to any host but the IdP during a whole login.
 */
import { chromiumForTests } from '../support/chromium-for-tests';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium as playwrightChromium, type Page } from 'playwright-core';
import { createPlaywrightHost, loginBrowserArgs, startLoginTest } from '../../electron/services/login-test';
import { sandboxWanted } from '../../electron/services/login-test/playwright-host';
import { spValues } from '../../shared/domain/modes';
import { createTestSigningKey, DEFAULT_TEST_USER, startSamlpIdp, startTripwire, type RunningIdp, type TestSigningKey, type Tripwire } from '../support/idps';
import { startXvfb, xvfbForTests, type VirtualDisplay } from '../support/xvfb';

const chromium = chromiumForTests('the headed login window tests');
const xvfb = xvfbForTests('the headed login window tests');
const CONNECTION = 'JQ7777777777777777777777777777aaaa';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });

/** Height of the browser's own bars above the page: an info bar makes it taller. */
const chromeHeight = (page: Page): Promise<number> => page.evaluate(() => window.outerHeight - window.innerHeight);

describe.skipIf(!chromium || !xvfb)('the headed login window (Xvfb)', () => {
  let display: VirtualDisplay;
  let previousDisplay: string | undefined;
  let key: TestSigningKey;
  let idp: RunningIdp;
  let tripwire: Tripwire;

  beforeAll(async () => {
    display = await startXvfb(xvfb!);
    previousDisplay = process.env.DISPLAY;
    process.env.DISPLAY = display.display;
    key = createTestSigningKey();
    tripwire = await startTripwire();
    idp = await startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:headed-idp' });
  });
  afterAll(async () => {
    await Promise.all([idp?.close(), tripwire?.close()]);
    key?.dispose();
    if (previousDisplay === undefined) delete process.env.DISPLAY;
    else process.env.DISPLAY = previousDisplay;
    await display?.close();
  });

  it('shows no unsupported-flag bar, and contacts nothing but the IdP during a typed login', async () => {
    const pages: Page[] = [];
    const host = createPlaywrightHost({
      executablePath: chromium!,
      headless: false,
      twilioResolverTarget: `127.0.0.1:${tripwire.port}`,
      everyOtherHostTarget: `127.0.0.1:${tripwire.port}`,
      onPage: (page) => pages.push(page),
    });
    const session = startLoginTest(host, {
      mode: 'flex-enhanced',
      ids: { connectionId: CONNECTION },
      idpSsoUrl: idp.ssoUrl,
      idpCertPem: key.certPem,
      idpIssuer: idp.issuer,
      timeoutMs: 30_000,
    });
    const deadline = Date.now() + 15_000;
    while (pages.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const page = pages[0]!;
    await page.locator('#username').waitFor();
    const first = await chromeHeight(page);
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill(DEFAULT_TEST_USER.password);
    const ours = Math.max(first, await chromeHeight(page));
    await page.locator('#sign-in').click();
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(tripwire.connections(), tripwire.describe()).toBe(0);

    // Control: the same flags without --test-type show the bar, so the measurement can see one.
    const profile = mkdtempSync(join(tmpdir(), 'flex-sso-bar-control-'));
    const context = await playwrightChromium.launchPersistentContext(profile, {
      executablePath: chromium!,
      headless: false,
      chromiumSandbox: sandboxWanted(),
      viewport: null,
      args: loginBrowserArgs({ allowRealLogin: false }).filter((arg) => arg !== '--test-type'),
    });
    let control: number;
    try {
      const controlPage = context.pages()[0] ?? (await context.newPage());
      await controlPage.goto(idp.initUrl);
      // The bar is added once the first tab exists; wait for the browser's bars to settle.
      const settle = Date.now() + 5000;
      control = await chromeHeight(controlPage);
      while (control - ours < 30 && Date.now() < settle) {
        await new Promise((r) => setTimeout(r, 100));
        control = await chromeHeight(controlPage);
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(control - ours, `browser bars: ${ours} px in the login window, ${control} px without --test-type`).toBeGreaterThanOrEqual(30);
  });
});
