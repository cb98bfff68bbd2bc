/**
 * The secret canary: a whole wizard session in the harness (real services, real keychain, real
 * Chromium login browser, a real loopback IdP with a login form, a fake Twilio on loopback) with a
 * unique Twilio Auth Token and a unique IdP password. Afterwards neither value may appear (raw,
 * URL-encoded, base64, hex, UTF-16) in the user-data folder, the exports, the harness's logs, this
 * process's stdout/stderr, the page's console, or the OS temp entries made during the run; the
 * keychain alone holds the Auth Token. Run by `npm run test:canary` (scripts/canary.mjs), which
 * makes the values and scans the runner's own output and leftovers too.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type * as keytarApi from 'keytar';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio/fake-twilio-server';
import { createTestSigningKey, DEFAULT_TEST_USER, startSamlpIdp, type RunningIdp, type TestSigningKey } from '../support/idps';
import { startHarness, type RunningHarness } from '../support/web-harness';
import { canaryValues, captureOutput } from './canary-support';
import { needlesFor, scanText, scanTree, type Hit } from './scan';

const CONNECTION_ID = 'JQ0123456789abcdef0123456789abcdef';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const ACS_URL = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`;
const ENTITY_ID = `urn:flex:${CONNECTION_ID}`;

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Next:/ }).click();
}

function stepHeading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

/** Exports through the browser's own download (the web host) and returns where Playwright kept the file. */
async function exportAs(page: Page, button: string, extension: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: button, exact: true }).click()]);
  expect(download.suggestedFilename(), `the ${button} export`).toMatch(new RegExp(`\\.${extension}$`));
  return download.path();
}

test('no trace of the Auth Token or the IdP password outside the keychain after a whole session', async ({ page }) => {
  test.setTimeout(300_000);
  const values = canaryValues();
  const originalLog = (line: string): boolean => process.stdout.write(`${line}\n`);
  const output = captureOutput();
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(error.message));

  let key: TestSigningKey | null = null;
  let idp: RunningIdp | null = null;
  let fake: FakeTwilio | null = null;
  let harness: RunningHarness | null = null;
  try {
    key = createTestSigningKey();
    idp = await startSamlpIdp({
      key,
      acsUrl: ACS_URL,
      audience: ENTITY_ID,
      issuer: 'urn:test:canary-idp',
      user: { ...DEFAULT_TEST_USER, password: values.password },
    });
    fake = await startFakeTwilio([
      {
        sid: ACCOUNT_SID,
        authToken: values.secret,
        friendlyName: 'Canary account',
        flexConfiguration: { flexUrl: 'https://flex.twilio.com/canary', workspaceSid: `WS${'0'.repeat(32)}` },
      },
    ]);
    harness = await startHarness({ twilioBaseUrl: fake.baseUrl });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(harness.host.url);

    // 1–4: customer, product, IdP, ids.
    await page.getByLabel('Customer name').fill('Canary Corp');
    await expect(page.getByTestId('save-state'), 'the profile is saved').toHaveText('Saved');
    await next(page);
    await page.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
    await next(page);
    await page.getByRole('radio', { name: 'Okta' }).check();
    await next(page);
    await page.getByLabel('SSO connection id').fill(CONNECTION_ID);
    await next(page);
    // 5–6: configure the IdP, bring its values back (typed).
    await expect(stepHeading(page)).toHaveText('Set up the app in your identity provider');
    await next(page);
    await page.getByLabel(/^Signing certificate/).fill(idp.certPem);
    await page.getByLabel(/^Issuer/).fill(idp.issuer);
    await page.getByLabel(/^Single sign-on URL/).fill(idp.ssoUrl);
    await next(page);
    // 7: the Twilio Console, with the Auth Token stored and used.
    await expect(stepHeading(page)).toHaveText('Fill in the Twilio Console');
    await page.getByLabel(/Trusted Domains/).fill('https://flex.example.com');
    await page.getByLabel('Account SID', { exact: true }).fill(ACCOUNT_SID);
    const profileSid = async (): Promise<string | undefined> => {
      const { profiles } = await harness!.services.profiles.list();
      return profiles[0]?.twilio.accountSid;
    };
    await expect.poll(profileSid, { message: 'the Account SID is autosaved to the profile', timeout: 15_000 }).toBe(ACCOUNT_SID);
    await page.getByLabel('Auth Token', { exact: true }).fill(values.secret);
    await page.getByRole('button', { name: 'Store', exact: true }).click();
    await expect(page.getByTestId('secret-status'), 'the Auth Token is stored')
      .toHaveText('stored')
      .catch(async (error: Error) => {
        const said = (await page.locator('.fui-MessageBar').allTextContents()).join(' | ');
        throw new Error(
          `the Auth Token was not stored (is a Secret Service running? see scripts/canary.mjs); the wizard says: ${said || '(nothing)'}\n${error.message}`,
        );
      });
    await page.getByRole('button', { name: 'Check the credentials' }).click();
    await expect(page.getByText(/credentials work/i), 'the stored Auth Token works against (fake) Twilio')
      .toBeVisible({ timeout: 30_000 })
      .catch(async (error: Error) => {
        const said = (await page.locator('.fui-MessageBar').allTextContents()).join(' | ');
        throw new Error(`the credentials check did not succeed; the wizard says: ${said || '(nothing)'}\n${error.message}`);
      });
    expect(fake.requests.length, 'the Auth Token was used against (fake) Twilio').toBeGreaterThan(0);
    await next(page);
    // 8: the test login, typing the unique password into the IdP's own form.
    await expect(stepHeading(page)).toHaveText('Test a login');
    await page.getByRole('button', { name: /Start the test login|Test again/ }).click();
    const idpPage = await harness.loginPages.next();
    await idpPage.waitForLoadState();
    await idpPage.fill('input[name=username]', DEFAULT_TEST_USER.username);
    await idpPage.fill('input[name=password]', values.password);
    await idpPage.click('button[type=submit]');
    await expect(page.getByTestId('test-verdict')).toContainText('The login works', { timeout: 90_000 });
    await next(page);
    // 9: every export format, and the profile export.
    await expect(stepHeading(page)).toHaveText('Summary and export');
    const exported = [
      await exportAs(page, 'Markdown', 'md'),
      await exportAs(page, 'HTML', 'html'),
      await exportAs(page, 'JSON', 'json'),
      await exportAs(page, 'PDF', 'pdf'),
    ];
    const { profiles } = await harness.services.profiles.list();
    expect(profiles, 'one profile was made').toHaveLength(1);
    const profileId = profiles[0]!.id;
    const profileExport = await page.evaluate(async (id) => {
      const bridge = (
        window as unknown as { flexSso: Record<string, (request: unknown) => Promise<{ ok: boolean; value?: { outcome?: string; url?: string } }>> }
      ).flexSso;
      return bridge.exportProfile!({ id });
    }, profileId);
    expect(profileExport.ok && profileExport.value?.outcome, 'the profile export is handed to the download').toBe('download');
    const profileFile = test.info().outputPath('profile-export.json');
    writeFileSync(
      profileFile,
      await (await page.request.get(new URL(profileExport.value!.url!, harness.host.origin).href, { headers: { 'sec-fetch-site': 'same-origin' } })).body(),
    );
    exported.push(profileFile);

    // The keychain holds the Auth Token, and only it.
    const service = (harness.services.secrets as unknown as { keychain: { service?: string } | null }).keychain?.service;
    expect(service, 'the harness uses the real keychain (SecretVault over keytar)').toBeTruthy();
    const keytarModule = (await import('keytar')) as unknown as { default?: typeof keytarApi } & typeof keytarApi;
    const keytar = keytarModule.default ?? keytarModule;
    expect(await keytar.getPassword(service!, `${profileId}:twilio-auth-token`), 'the keychain holds the Auth Token').toBe(values.secret);
    const stored = await keytar.findCredentials(service!);
    expect(
      stored.some((c) => c.password.includes(values.password)),
      'the IdP password is not in the keychain',
    ).toBe(false);

    // The scan.
    const needles = [...needlesFor('the Auth Token', values.secret), ...needlesFor('the IdP password', values.password)];
    const hits: Hit[] = [];
    const userData = scanTree(harness.userDataDir, needles);
    hits.push(...userData.hits);
    for (const file of exported) if (!file.startsWith(harness.userDataDir)) hits.push(...scanTree(file, needles).hits);
    hits.push(...scanText(harness.logs.join('\n'), 'harness.logs', needles));
    hits.push(...scanText(consoleLines.join('\n'), "the wizard page's console", needles));
    const before = new Set(values.tmpBefore);
    const fresh = readdirSync(tmpdir()).filter((name) => !before.has(name) && join(tmpdir(), name) !== values.ownDir);
    let tmpFiles = 0;
    for (const name of fresh) {
      if (join(tmpdir(), name) === harness.userDataDir) continue;
      const scanned = scanTree(join(tmpdir(), name), needles, { maxBytes: 50_000_000 });
      tmpFiles += scanned.files;
      hits.push(...scanned.hits);
    }
    hits.push(...scanText(output.text(), "the test process's stdout/stderr", needles));
    const summary = `scanned ${userData.files} user-data files, ${exported.length} exports, ${harness.logs.length} log lines, ${consoleLines.length} console lines, ${fresh.length} new temp entries (${tmpFiles} files); keychain checked under "${service}"`;
    test.info().annotations.push({ type: 'canary', description: summary });
    originalLog(`canary: ${summary}`);
    const described = hits.map((hit) => `${hit.value} (${hit.encoding}) in ${hit.where}`);
    expect(described, 'the secret and the password appear nowhere').toEqual([]);
    expect(userData.files, 'the scan saw the profile').toBeGreaterThanOrEqual(1);
    expect(exported, "the scan saw the five exports (the browser's downloads)").toHaveLength(5);
  } catch (error) {
    // A screenshot for the failure (password fields show dots), taken before the page is blanked.
    await page.screenshot({ path: test.info().outputPath('failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    // Playwright writes an accessibility snapshot of the open page on failure, field values included:
    // leave it nothing to copy.
    await page.goto('about:blank').catch(() => undefined);
    output.restore();
    await harness?.stop();
    await fake?.close();
    await idp?.close();
    key?.dispose();
  }
});
