import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { idpMetadataXml } from '../support/idp-metadata';
import type { AddressInfo } from 'node:net';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { ACCOUNT_SID, CONNECTION_ID, checkStep, next, stepHeading } from './step-check';
import { createTestSigningKey, type TestSigningKey } from '../support/idps';
import { handbookFolder } from '../support/handbook';

const ISSUER = 'http://www.okta.com/exk-bring-back-test';
const SSO_URL = 'https://contoso.okta.com/app/contoso_flex/exk-bring-back-test/sso/saml';
const BRING_BACK = 'Bring back the identity provider\u2019s values';

function metadataXml(certPem: string): string {
  return idpMetadataXml({ issuer: ISSUER, certPem, ssoUrl: SSO_URL });
}

interface MetadataServer {
  /** http://127.0.0.1:<port> — loopback only. */
  base: string;
  /** Requests seen, by path. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * The IdP's metadata on this computer's loopback address:
 *   /metadata  the metadata, after a short pause (so the progress can be seen)
 *   /slow      the metadata, but only after 12 s (long enough to press Cancel)
 *   /html      an HTML sign-in page, as a portal answers when the address is wrong
 */
async function startMetadataServer(certPem: string): Promise<MetadataServer> {
  const hits: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timers.add(timer);
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    hits.push(path);
    const sendXml = () => {
      if (response.destroyed) return;
      response.writeHead(200, { 'content-type': 'application/samlmetadata+xml' });
      response.end(metadataXml(certPem));
    };
    if (path === '/metadata') later(1_500, sendXml);
    else if (path === '/slow') later(12_000, sendXml);
    else if (path === '/html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in to your account</h1><form><input name="user"></form></body></html>',
      );
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Customer → product → Okta → ids → configure → the "bring back" step, each checked. */
async function walkToBringBack(wizard: Page, testInfo: TestInfo, customer: string, prefix: string, idp = 'Okta'): Promise<void> {
  await wizard.getByLabel('Customer name').fill(customer);
  await expect(wizard.getByTestId('save-state')).toHaveText('Saved');
  await checkStep(wizard, testInfo, `${prefix}-1-customer`);
  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await checkStep(wizard, testInfo, `${prefix}-2-product`);
  await next(wizard);
  await wizard.getByRole('radio', { name: idp, exact: true }).check();
  await checkStep(wizard, testInfo, `${prefix}-3-idp`);
  await next(wizard);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await checkStep(wizard, testInfo, `${prefix}-4-ids`);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
  await checkStep(wizard, testInfo, `${prefix}-5-configure`);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText(BRING_BACK);
}

function downloadButton(wizard: Page) {
  return wizard.getByRole('button', { name: 'Download', exact: true });
}

/**
 * Types the loopback metadata URL and presses Download. The main side accepts plain HTTP on
 * loopback (electron/services/saml/fetch.ts), so the field must accept it too.
 */
async function download(wizard: Page, url: string): Promise<void> {
  await wizard.getByLabel('Metadata URL').fill(url);
  await wizard.getByLabel('Metadata URL').blur();
  await expect(wizard.getByText(/The metadata URL must start with https:\/\//), 'a loopback http:// metadata URL is accepted').toHaveCount(0);
  await expect(downloadButton(wizard)).toBeEnabled();
  await downloadButton(wizard).click();
}

function progress(wizard: Page) {
  return wizard.getByRole('progressbar', { name: 'Downloading the metadata' });
}

let key: TestSigningKey;
let server: MetadataServer;
test.beforeAll(async () => {
  key = createTestSigningKey('Bring back test IdP');
  server = await startMetadataServer(key.certPem);
});
test.afterAll(async () => {
  await server?.close();
  key?.dispose();
});

test.describe('bring back the IdP\u2019s values from its metadata URL', () => {
  test('downloads the metadata with progress and fills the three Twilio Console fields', async ({ wizard, consoleErrors }, testInfo) => {
    test.setTimeout(120_000);
    await walkToBringBack(wizard, testInfo, 'Contoso (metadata URL)', 'url');
    const url = `${server.base}/metadata`;
    await download(wizard, url);
    // While it downloads: the bar, the host in words, and a Cancel button; Download is disabled.
    await expect(progress(wizard)).toBeVisible();
    await expect(wizard.getByText(`Downloading the metadata from ${new URL(url).host}`)).toBeVisible();
    await expect(wizard.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(downloadButton(wizard)).toBeDisabled();
    await checkStep(wizard, testInfo, 'url-6-downloading');

    await expect(wizard.getByText(/Filled in from the downloaded metadata/)).toBeVisible({ timeout: 20_000 });
    await expect(progress(wizard)).toHaveCount(0);
    expect(server.hits).toContain('/metadata');
    await expect(wizard.getByLabel(/^Issuer/)).toHaveValue(ISSUER);
    await expect(wizard.getByLabel(/^Single sign-on URL/)).toHaveValue(SSO_URL);
    const body = key.certPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    expect((await wizard.getByLabel(/^Signing certificate/).inputValue()).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')).toBe(body);
    await expect(wizard.getByTestId('certificate-facts')).toContainText('Certificate valid until');
    await checkStep(wizard, testInfo, 'url-6-downloaded');
    await next(wizard);

    await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
    const field = (label: string) => wizard.getByTestId('copy-value').filter({ has: wizard.getByTestId('copy-label').getByText(label, { exact: true }) });
    await expect(field('Identity Provider Issuer')).toContainText(ISSUER);
    await expect(field('Single Sign-On URL')).toContainText(SSO_URL);
    const certificate = field('X.509 Certificate');
    await expect(certificate).toContainText('-----BEGIN CERTIFICATE-----');
    await expect(certificate).toContainText('-----END CERTIFICATE-----');
    expect(((await certificate.textContent()) ?? '').replace(/\s+/g, '')).toContain(body);
    await checkStep(wizard, testInfo, 'url-7-console');
    expect(consoleErrors).toEqual([]);
  });

  test('every listed certificate expired: a warning, no "use the other one", each fix once; Google\'s Console step leaves the Default Redirect URL alone', async ({
    wizard,
    consoleErrors,
  }, testInfo) => {
    test.setTimeout(120_000);
    const corpus = handbookFolder('corpus', 'the expired Entra rotation in the wizard');
    test.skip(corpus === null, '../shared/corpus is not beside this clone');
    await walkToBringBack(wizard, testInfo, 'Litware (expired rotation)', 'expired', 'Google Workspace');
    const expired = readFileSync(join(corpus!, 'metadata', 'azuread_tenant-682febe8_federationmetadata.xml'), 'utf8');
    const pasted = wizard.getByLabel('Metadata XML', { exact: true });
    await pasted.fill(expired);
    await wizard.getByRole('button', { name: 'Read pasted metadata' }).click();
    const imported = wizard.getByTestId('metadata-imported');
    await expect(imported).toContainText('none of them is valid today');
    await expect(imported).toContainText('There is no usable certificate for Twilio');
    await expect(imported).toContainText('Make a new signing certificate active in Google Workspace, then bring the metadata back here.');
    await expect(imported).not.toContainText('other one');
    await expect(imported).toHaveAttribute('data-intent', 'warning');
    const fixes = await wizard.getByTestId('finding').filter({ hasText: 'How to fix it' }).allTextContents();
    const fixTexts = fixes.map((text) => text.slice(text.indexOf('How to fix it')));
    expect(new Set(fixTexts).size, 'each "How to fix it" line once').toBe(fixTexts.length);
    await checkStep(wizard, testInfo, 'expired-6-warning');

    // A current certificate: the box is a success again, and on to the Console step.
    await pasted.fill(metadataXml(key.certPem));
    await wizard.getByRole('button', { name: 'Read pasted metadata' }).click();
    await expect(imported).toHaveAttribute('data-intent', 'success');
    await next(wizard);
    await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
    await expect(wizard.getByText(/Leave it empty\. Twilio does not support IdP-initiated login into Flex from Google Workspace; users start/)).toBeVisible();
    await expect(wizard.getByRole('button', { name: 'Fill in from the Flex configuration' })).toHaveCount(0);
    await expect(wizard.getByRole('button', { name: 'Read the Flex configuration' })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a slow server: Cancel stops the download and the wizard says it was cancelled', async ({ wizard, consoleErrors }, testInfo) => {
    test.setTimeout(120_000);
    await walkToBringBack(wizard, testInfo, 'Fabrikam (slow metadata)', 'slow');
    await download(wizard, `${server.base}/slow`);
    await expect(progress(wizard)).toBeVisible();
    await checkStep(wizard, testInfo, 'slow-6-downloading');
    const started = Date.now();
    await wizard.getByRole('button', { name: 'Cancel' }).click();
    await expect(wizard.getByText('The download was cancelled.')).toBeVisible();
    // Well before the server would have answered (12 s).
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(progress(wizard)).toHaveCount(0);
    await expect(downloadButton(wizard)).toBeEnabled();
    // Nothing was filled in.
    await expect(wizard.getByLabel(/^Issuer/)).toHaveValue('');
    await expect(wizard.getByLabel(/^Single sign-on URL/)).toHaveValue('');
    await checkStep(wizard, testInfo, 'slow-6-cancelled');
    expect(consoleErrors).toEqual([]);
  });

  test('a server answering an HTML page: the wizard shows a clear error and fills nothing', async ({ wizard, consoleErrors }, testInfo) => {
    test.setTimeout(120_000);
    await walkToBringBack(wizard, testInfo, 'Tailspin (HTML page)', 'html');
    await download(wizard, `${server.base}/html`);
    const error = wizard
      .locator('.fui-MessageBar')
      .filter({ hasText: /metadata|HTML|XML/i })
      .first();
    await expect(error).toBeVisible({ timeout: 20_000 });
    await expect(progress(wizard)).toHaveCount(0);
    const text = (await error.textContent()) ?? '';
    testInfo.annotations.push({ type: 'html-error', description: text });
    // Clear: it says what went wrong in words, not a stack or raw parser output.
    expect(text).toMatch(/HTML|not (SAML )?metadata|Nothing usable was found/i);
    expect(text).not.toMatch(/at \w+ \(|TypeError|undefined/);
    await expect(wizard.getByLabel(/^Issuer/)).toHaveValue('');
    await expect(wizard.getByLabel(/^Single sign-on URL/)).toHaveValue('');
    await expect(wizard.getByText(/Filled in from the downloaded metadata/)).toHaveCount(0);
    await checkStep(wizard, testInfo, 'html-6-error');
    expect(consoleErrors).toEqual([]);
  });
});

/** The same fixtures, with a host whose secret vault has no keychain. */
const noKeychain = test.extend({
  hostOptions: async ({}, use) => use({ secrets: 'no-keychain' }),
});

/** Regular files only: the desktop app's user data also holds Chromium's lock links and sockets. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : [];
  });
}

noKeychain(
  'no keychain: the Auth Token is kept for this session only, shown as stored, never shown back',
  async ({ wizard, harness, consoleErrors }, testInfo) => {
    test.setTimeout(120_000);
    const customer = 'Northwind (no keychain)';
    await walkToBringBack(wizard, testInfo, customer, 'nokeychain');
    await wizard.getByLabel(/^Signing certificate/).fill(key.certPem);
    await wizard.getByLabel(/^Issuer/).fill(ISSUER);
    await wizard.getByLabel(/^Single sign-on URL/).fill(SSO_URL);
    await next(wizard);
    await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');

    const warning = wizard
      .locator('.fui-MessageBar')
      .filter({ hasText: /keychain|session only/ })
      .first();
    await warning.scrollIntoViewIfNeeded();
    await expect(warning).toContainText('The system keychain is not available');
    await expect(warning).toContainText('this session only');
    const keepForSession = wizard.getByRole('button', { name: 'Keep secrets for this session only' });
    await expect(keepForSession).toBeVisible();
    await expect(wizard.getByTestId('secret-status')).toHaveText('not stored');
    await checkStep(wizard, testInfo, 'nokeychain-7-offered');

    // Before choosing, Store cannot be pressed, and the field's hint names the way out.
    const tokenValue = 'e2e-session-token-' + 'f'.repeat(14);
    const tokenField = wizard.getByRole('textbox', { name: 'Auth Token' });
    await wizard.getByLabel('Account SID').fill(ACCOUNT_SID);
    await tokenField.fill(tokenValue);
    await expect(wizard.getByRole('button', { name: 'Store', exact: true })).toBeDisabled();
    await expect(
      wizard.getByText('Not stored. It cannot be stored yet, as the system keychain is not available: choose Keep secrets for this session only above.'),
    ).toBeVisible();
    await expect(wizard.getByTestId('secret-status')).toHaveText('not stored');

    await keepForSession.click();
    await expect(keepForSession).toHaveCount(0);
    await expect(warning).toContainText('kept in memory for this session only');
    // The field's hint says where the token goes now: not "the system keychain".
    await expect(wizard.getByText('Not stored. It is kept for this session only, forgotten when the wizard closes, and never shown again.')).toBeVisible();
    await expect(wizard.getByText(/system keychain and never shown again/)).toHaveCount(0);
    await tokenField.fill(tokenValue);
    await wizard.getByRole('button', { name: 'Store', exact: true }).click();
    await expect(wizard.getByText('Auth Token stored.')).toBeVisible();
    await expect(wizard.getByTestId('secret-status')).toHaveText('stored');
    await expect(wizard.getByText(/Stored, kept for this session only\./)).toBeVisible();
    await expect(tokenField).toHaveValue('');
    expect(await wizard.content()).not.toContain(tokenValue);
    await checkStep(wizard, testInfo, 'nokeychain-7-stored');

    // Main side: in the session store, and nowhere on disk.
    const profileId = (await harness!.services.profiles.list()).profiles.find((profile) => profile.name === customer)!.id;
    expect(await harness!.services.secrets.state(profileId, 'twilio-auth-token')).toEqual({ kind: 'twilio-auth-token', status: 'stored', backend: 'session' });
    await expect.poll(async () => (await harness!.services.profiles.list()).profiles.find((profile) => profile.id === profileId)?.wizardStep).toBe('console');
    for (const file of filesUnder(harness!.userDataDir)) expect(readFileSync(file, 'utf8'), file).not.toContain(tokenValue);

    // Reloading the window does not end the session (the app's main side keeps running): the token
    // is still stored for this session, session-only mode stays chosen, and the value is still not shown.
    await wizard.reload();
    await wizard.getByRole('button', { name: `Open ${customer}` }).click();
    await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
    // The rail ticks the steps done by their own rule: the filled-in ones, not the IdP and Console
    // steps whose values were never copied, nor the test that never ran.
    const rail = wizard.getByRole('navigation', { name: 'Setup steps' });
    await expect(rail.getByRole('button', { name: /^6\. .*\(done\)/ })).toHaveCount(1);
    await expect(rail.getByRole('button', { name: /^5\. .*\(done\)/ })).toHaveCount(0);
    await expect(rail.getByRole('button', { name: /\(done\)/ })).toHaveCount(5);
    await expect(wizard.getByTestId('secret-status')).toHaveText('stored');
    await expect(wizard.getByText(/Stored, kept for this session only\./)).toBeVisible();
    await expect(warning).toContainText('kept in memory for this session only');
    await expect(wizard.getByRole('button', { name: 'Keep secrets for this session only' })).toHaveCount(0);
    await expect(wizard.getByRole('textbox', { name: 'Auth Token' })).toHaveValue('');
    await expect(wizard.getByLabel('Account SID')).toHaveValue(ACCOUNT_SID);
    expect(await wizard.content()).not.toContain(tokenValue);
    await wizard.getByTestId('secret-status').scrollIntoViewIfNeeded();
    await checkStep(wizard, testInfo, 'nokeychain-7-after-reload');

    // Removing it forgets it.
    await wizard.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(wizard.getByText('Auth Token removed.')).toBeVisible();
    await expect(wizard.getByTestId('secret-status')).toHaveText('not stored');
    expect(await harness!.services.secrets.state(profileId, 'twilio-auth-token')).toEqual({ kind: 'twilio-auth-token', status: 'absent', backend: null });
    expect(consoleErrors).toEqual([]);
  },
);
