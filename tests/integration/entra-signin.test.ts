/**
 * Signing in to Microsoft Entra with MSAL Node (public client), through the CLI as an admin would:
 * a device code, then the system-browser flow (loopback redirect with PKCE), the token cache kept
 * only in the REAL keychain, later runs signed in silently (refresh token included), consent
 * refused in the admin's words, sign-out. Microsoft cannot be reached here: MSAL talks to a FAKE
 * identity platform on https://127.0.0.1 whose certificate comes from a test CA that the CLI's
 * process trusts through NODE_EXTRA_CA_CERTS; the product's only setting involved is the sign-in
 * host (national clouds use it the same way).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_DEFAULT_CLIENT_ID, msalCacheAccount } from '../../electron/services/idp-admin/entra-signin';
import { SecretVault } from '../../electron/services/secrets/secret-vault';
import { CLI_BUNDLE, REPO_ROOT, ensureCliBuilt } from '../support/cli';
import { startFakeEntraLogin, type FakeEntraLogin } from '../support/fake-idp-admin/fake-entra-login';
import { startFakeGraph, type FakeGraph } from '../support/fake-idp-admin/fake-graph';
import { parseForms } from '../support/idps/http';
import { createTestTls, type TestTls } from '../support/test-tls';

const vault = await SecretVault.open();
const keychainReady = (await vault.unavailableReason()) === null || process.env.FLEX_SSO_TEST_SESSION === '1';
if (!keychainReady)
  console.warn("skipped: the Entra sign-in tests keep MSAL's cache in the real keychain (npm test runs them inside a D-Bus session with gnome-keyring)");

interface Run {
  child: ChildProcess;
  stderr: () => string;
  done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

function start(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DISPLAY: '', BROWSER: 'true', FLEX_SSO_ENTRA_ACCESS_TOKEN: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin!.end();
  return { child, stderr: () => stderr, done: new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr }))) };
}

async function waitFor<T>(what: string, probe: () => T | null | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the admin's browser does with the authorize URL: load it (trusting the test CA) and post the form it gets. */
async function browse(url: string, caPem: string): Promise<void> {
  const html = await new Promise<string>((resolve, reject) => {
    httpsRequest(url, { ca: caPem }, (response) => {
      let body = '';
      response.on('data', (d: Buffer) => (body += d.toString()));
      response.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
  const form = parseForms(html, url)[0];
  if (!form) throw new Error(`the fake sign-in page had no form: ${html.slice(0, 200)}`);
  await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields) });
}

describe.skipIf(!keychainReady)('Entra sign-in with MSAL Node (FAKE identity platform over TLS from a test CA, real keychain)', () => {
  let tls: TestTls;
  let graph: FakeGraph;
  let login: FakeEntraLogin;
  let folder: string;
  let env: Record<string, string>;
  let where: string[];

  beforeAll(async () => {
    ensureCliBuilt();
    tls = createTestTls();
    graph = await startFakeGraph({ replicationLag: 0 });
    login = await startFakeEntraLogin({ tls, tenantId: graph.tenantId, issueAccessToken: (scopes) => graph.issueToken(scopes) });
    folder = mkdtempSync(join(tmpdir(), 'flex-sso-entra-signin-'));
    env = { NODE_EXTRA_CA_CERTS: tls.caFile };
    where = ['--idp', 'entra', '--authority-host', login.origin, '--graph-url', graph.graphUrl, '--format', 'json'];
  }, 120_000);
  afterAll(async () => {
    if (login) for (const account of await vault.accountsNamed(msalCacheAccount({ authorityHost: login.origin }))) await vault.deleteNamed(account);
    await login?.close();
    await graph?.close();
    tls?.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const plan = () =>
    start(
      [
        'idp',
        'plan',
        ...where,
        '--login-url',
        graph.loginUrl,
        '--mode',
        'flex-enhanced',
        '--connection',
        `JQ${'d5'.repeat(16)}`,
        '--journal',
        join(folder, 'entra.json'),
      ],
      env,
    ).done;

  it('device code: the admin enters the code elsewhere; the cache goes to the keychain only; later runs are signed in', async () => {
    const run = start(['idp', 'sign-in', ...where, '--device-code'], env);
    const code = await waitFor('the device code message', () => /enter the code (\w+) to authenticate/.exec(run.stderr())?.[1]);
    expect(run.stderr()).toContain(`${login.origin}/devicelogin`);
    login.approveDeviceCode(code);
    const result = await run.done;
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, tenant: graph.tenantId, account: login.username, stored: 'keychain' });
    const graphOrigin = new URL(graph.graphUrl).origin;
    expect(login.requestedScopes.at(-1)).toEqual(
      expect.arrayContaining(
        ['Application.ReadWrite.All', 'AppRoleAssignment.ReadWrite.All', 'Policy.Read.All', 'Policy.ReadWrite.ApplicationConfiguration'].map(
          (p) => `${graphOrigin}/${p}`,
        ),
      ),
    );
    const stored = await vault.accountsNamed(msalCacheAccount({ authorityHost: login.origin, clientId: ENTRA_DEFAULT_CLIENT_ID }));
    expect(stored.length, 'a count and at least one part').toBeGreaterThanOrEqual(2);
    const parts = Number(await vault.useNamed(msalCacheAccount({ authorityHost: login.origin })));
    const cache = JSON.parse(
      Buffer.from(
        (await Promise.all(Array.from({ length: parts }, (_, i) => vault.useNamed(`${msalCacheAccount({ authorityHost: login.origin })}:${i}`)))).join(''),
        'base64',
      ).toString('utf8'),
    );
    expect(Object.keys(cache.RefreshToken ?? {})).toHaveLength(1);

    const grantsBefore = login.grants.length;
    const planned = await plan();
    expect(planned.status, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout).steps[0].id).toBe('create-app');
    expect(login.grants.length, 'the cached access token was used').toBe(grantsBefore);
    expect(graph.violations).toEqual([]);
  }, 120_000);

  it('system browser: a loopback redirect with PKCE; an access token about to end is refreshed silently', async () => {
    login.setAccessTokenLifetime(120); // MSAL refreshes tokens that end within five minutes
    const run = start(['idp', 'sign-in', ...where], env);
    const url = await waitFor('the sign-in address', () => /go to:\n(https:\/\/\S+)/.exec(run.stderr())?.[1]);
    const authorize = new URL(url);
    expect(authorize.origin).toBe(login.origin);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+/);
    expect(authorize.searchParams.get('client_id')).toBe(ENTRA_DEFAULT_CLIENT_ID);
    await browse(url, tls.caPem);
    const result = await run.done;
    expect(result.status, result.stderr).toBe(0);
    expect(login.pkceVerified).toBe(1);

    const planned = await plan();
    expect(planned.status, planned.stderr).toBe(0);
    expect(login.grants.at(-1)).toBe('refresh_token');
    login.setAccessTokenLifetime(3600);
  }, 120_000);

  it('says when consent is missing or the code was declined, and sign-out leaves nothing in the keychain', async () => {
    login.setConsentRequired(true);
    const run = start(['idp', 'sign-in', ...where], env);
    await browse(await waitFor('the sign-in address', () => /go to:\n(https:\/\/\S+)/.exec(run.stderr())?.[1]), tls.caPem);
    const refused = await run.done;
    login.setConsentRequired(false);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, problem: 'forbidden' });
    expect(JSON.parse(refused.stdout).error).toMatch(/need consent \(AADSTS65001\).*Grant admin consent/);

    const device = start(['idp', 'sign-in', ...where, '--device-code'], env);
    login.declineDeviceCode(await waitFor('the device code message', () => /enter the code (\w+)/.exec(device.stderr())?.[1]));
    const declined = await device.done;
    expect(declined.status).toBe(1);
    expect(JSON.parse(declined.stdout).error).toMatch(/declined at Microsoft's page.*Grant admin consent/);

    const out = await start(['idp', 'sign-out', ...where], env).done;
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, removed: true });
    expect(await vault.accountsNamed(msalCacheAccount({ authorityHost: login.origin }))).toEqual([]);
    const after = await plan();
    expect(after.status).toBe(2);
    expect(after.stderr).toMatch(/Not signed in to Microsoft Entra: run "flex-sso idp sign-in --idp entra"/);
  }, 120_000);
});
