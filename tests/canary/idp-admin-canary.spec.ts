/**
 * The secret canary for "Set it up for me": a unique Okta API token and a unique Auth0 client
 * secret, typed into the wizard (FAKE Okta and Auth0 tenants on loopback, real keychain, real
 * services) and given to the CLI's `idp sign-in` on standard input, each then used for a plan, an
 * apply and an undo. Afterwards neither may appear (raw, URL-encoded, base64, hex, UTF-16) in the
 * user-data folder (profiles, journals), the harness's logs, the page's console, the CLI's output,
 * this process's stdout/stderr or the temp entries of the run; the keychain alone holds them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type * as keytarApi from 'keytar';
import { AUTH0_SCOPES } from '../../shared/idp-admin/sign-in';
import { CLI_BUNDLE, REPO_ROOT, ensureCliBuilt } from '../support/cli';
import { AUTH0_SPEC, startFakeAuth0, type FakeAuth0 } from '../support/fake-idp-admin/fake-auth0';
import { OKTA_SPEC, startFakeOkta, type FakeOkta } from '../support/fake-idp-admin/fake-okta';
import { createTestCertificate, type TestCertificate } from '../support/idps';
import { startHarness, type RunningHarness } from '../support/web-harness';
import { canaryValues, captureOutput } from './canary-support';
import { needlesFor, scanText, scanTree, type Hit } from './scan';

const CONNECTION_ID = 'JQ0123456789abcdef0123456789abcdef';

function cli(args: string[], input = ''): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, FLEX_SSO_OKTA_API_TOKEN: '', FLEX_SSO_AUTH0_CLIENT_SECRET: '' },
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('close', (status) => resolve(`${text}\n[exit ${status}]`));
    child.stdin.end(input);
  });
}

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Next:/ }).click();
}

/** Store the credential, plan, agree, apply, then undo everything, in the wizard's "Set it up for me". */
async function setUpAndUndo(page: Page, label: string, fill: Array<[RegExp | string, string]>): Promise<void> {
  // The panel is folded until chosen.
  await page.getByRole('button', { name: /^Set it up for me: let the wizard create the app in/ }).click();
  const panel = page.getByTestId('set-it-up');
  for (const [field, value] of fill) await panel.getByLabel(field).fill(value);
  await panel.getByRole('button', { name: `Store for ${label}` }).click();
  await expect(panel.getByTestId('idp-admin-signed-in')).toHaveText('Signed in (kept in the system keychain)');
  await panel.getByRole('button', { name: 'Show the plan' }).click();
  await panel.getByRole('checkbox', { name: /I agree that the wizard makes these/ }).check({ timeout: 30_000 });
  await panel.getByRole('button', { name: 'Apply the changes' }).click();
  await expect(panel.getByTestId('idp-admin-done')).toBeVisible({ timeout: 60_000 });
  await panel.getByRole('button', { name: 'Undo everything the wizard created' }).click();
  await page.getByRole('button', { name: 'Undo everything', exact: true }).click();
  await expect(panel).toContainText('Everything the wizard created in', { timeout: 60_000 });
}

test('no trace of an IdP API token or an Auth0 client secret outside the keychain after "Set it up for me" and the CLI', async ({ page }) => {
  test.setTimeout(300_000);
  test.skip(!existsSync(OKTA_SPEC) || !existsSync(AUTH0_SPEC), 'the fake tenants validate every request against ../shared/specs, which is absent here');
  const values = canaryValues();
  const output = captureOutput();
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(error.message));
  let key: TestCertificate | null = null;
  let okta: FakeOkta | null = null;
  let auth0: FakeAuth0 | null = null;
  let harness: RunningHarness | null = null;
  const cliFolder = mkdtempSync(join(tmpdir(), 'flex-sso-canary-cli-'));
  try {
    ensureCliBuilt();
    key = await createTestCertificate();
    okta = await startFakeOkta({ signingKey: key, apiToken: values.idpToken });
    auth0 = await startFakeAuth0({ signingKey: key });
    auth0.addMachineApp('m2mCanary', values.clientSecret, AUTH0_SCOPES);
    harness = await startHarness();
    await page.goto(harness.host.url);

    // The wizard: Okta, then the same customer on Auth0.
    await page.getByLabel('Customer name').fill('Canary Corp (Set it up for me)');
    await expect(page.getByTestId('save-state')).toHaveText('Saved');
    await next(page);
    await page.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
    await next(page);
    await page.getByRole('radio', { name: 'Okta' }).check();
    await next(page);
    await page.getByLabel('SSO connection id').fill(CONNECTION_ID);
    await next(page);
    await setUpAndUndo(page, 'Okta', [
      ['Okta org URL', okta.baseUrl],
      ['API token', values.idpToken],
    ]);
    await page.getByRole('button', { name: /^Back/ }).click();
    await page.getByRole('button', { name: /^Back/ }).click();
    await page.getByRole('radio', { name: 'Auth0' }).check();
    await next(page);
    await next(page);
    await setUpAndUndo(page, 'Auth0', [
      ['Tenant domain', auth0.baseUrl],
      [/^Client ID of the machine-to-machine application/, 'm2mCanary'],
      ['Client Secret', values.clientSecret],
    ]);

    // The keychain holds both (under the harness's service), and only there.
    const service = (harness.services.secrets as unknown as { keychain: { service?: string } | null }).keychain?.service;
    const keytarModule = (await import('keytar')) as unknown as { default?: typeof keytarApi } & typeof keytarApi;
    const keytar = keytarModule.default ?? keytarModule;
    const stored = await keytar.findCredentials(service!);
    expect(
      stored.some((c) => c.account.startsWith('idp-admin:okta:') && c.password.includes(values.idpToken)),
      'the keychain holds the Okta API token',
    ).toBe(true);
    expect(
      stored.some((c) => c.account.startsWith('idp-admin:auth0:') && c.password.includes(values.clientSecret)),
      'the keychain holds the Auth0 client secret',
    ).toBe(true);

    // The CLI: the secrets on standard input, kept in the keychain, used, then signed out.
    const journal = (name: string) => ['--journal', join(cliFolder, `${name}.journal.json`)];
    const setup = ['--mode', 'flex-enhanced', '--connection', CONNECTION_ID, '--format', 'json'];
    const cliOutput = [
      await cli(['idp', 'sign-in', '--idp', 'okta', '--org', okta.baseUrl, '--format', 'json'], `${values.idpToken}\n`),
      await cli(['idp', 'apply', '--idp', 'okta', '--org', okta.baseUrl, ...setup, ...journal('okta')]),
      await cli(['idp', 'undo', '--idp', 'okta', '--org', okta.baseUrl, ...setup, ...journal('okta')]),
      await cli(['idp', 'sign-in', '--idp', 'auth0', '--domain', auth0.baseUrl, '--client-id', 'm2mCanary', '--format', 'json'], `${values.clientSecret}\n`),
      await cli(['idp', 'apply', '--idp', 'auth0', '--domain', auth0.baseUrl, ...setup, ...journal('auth0')]),
      await cli(['idp', 'undo', '--idp', 'auth0', '--domain', auth0.baseUrl, ...setup, ...journal('auth0')]),
    ];
    for (const run of cliOutput) expect(run, 'each CLI run succeeded').toMatch(/\[exit 0\]$/);
    expect(okta.apps.size + auth0.clients.size, 'everything was undone').toBe(0);
    const cliKeychain = await keytar.findCredentials('Flex SSO Wizard');
    expect(
      cliKeychain.filter((c) => c.password.includes(values.idpToken) || c.password.includes(values.clientSecret)).length,
      'the CLI kept both in the keychain',
    ).toBe(2);
    cliOutput.push(
      await cli(['idp', 'sign-out', '--idp', 'okta', '--org', okta.baseUrl]),
      await cli(['idp', 'sign-out', '--idp', 'auth0', '--domain', auth0.baseUrl]),
    );

    // The scan.
    const needles = [...needlesFor('the IdP API token', values.idpToken), ...needlesFor('the Auth0 client secret', values.clientSecret)];
    const hits: Hit[] = [];
    const userData = scanTree(harness.userDataDir, needles);
    hits.push(...userData.hits);
    hits.push(...scanTree(cliFolder, needles).hits);
    hits.push(...scanText(cliOutput.join('\n'), "the CLI's stdout/stderr", needles));
    hits.push(...scanText(harness.logs.join('\n'), 'harness.logs', needles));
    hits.push(...scanText(consoleLines.join('\n'), "the wizard page's console", needles));
    const before = new Set(values.tmpBefore);
    for (const name of readdirSync(tmpdir()).filter((entry) => !before.has(entry) && join(tmpdir(), entry) !== values.ownDir)) {
      hits.push(...scanTree(join(tmpdir(), name), needles, { maxBytes: 50_000_000 }).hits);
    }
    hits.push(...scanText(output.text(), "the test process's stdout/stderr", needles));
    expect(
      hits.map((hit) => `${hit.value} (${hit.encoding}) in ${hit.where}`),
      'the token and the secret appear nowhere',
    ).toEqual([]);
    expect(readdirSync(join(harness.userDataDir, 'idp-admin')).length, 'the scan saw the journals').toBe(1);
    test.info().annotations.push({
      type: 'canary',
      description: `scanned ${userData.files} user-data files (journals included), ${cliOutput.length} CLI runs, ${harness.logs.length} log lines, ${consoleLines.length} console lines`,
    });
  } finally {
    await page.goto('about:blank').catch(() => undefined);
    output.restore();
    await harness?.stop();
    await okta?.close();
    await auth0?.close();
    key?.dispose();
    rmSync(cliFolder, { recursive: true, force: true });
  }
});
