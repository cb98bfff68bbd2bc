/**
 * The Okta and Auth0 walks through the CLI, as an admin would do them: `idp sign-in` (the secret on
 * standard input, kept in the REAL keychain), `idp plan`, `idp apply` (the Twilio Console fields),
 * `test-login` in Chromium against the fake tenant's own sign-in (its response built from what the
 * wizard configured, signed with the key the tenant hands out), `idp undo`, `idp sign-out`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH0_SCOPES } from '../../electron/services/idp-admin/auth0';
import { credentialAccount } from '../../electron/services/idp-admin/credentials';
import { SecretVault } from '../../electron/services/secrets/secret-vault';
import { chromiumForTests } from '../support/chromium-for-tests';
import { CLI_BUNDLE, REPO_ROOT, ensureCliBuilt } from '../support/cli';
import { AUTH0_SPEC, startFakeAuth0, type FakeAuth0 } from '../support/fake-idp-admin/fake-auth0';
import { OKTA_SPEC, startFakeOkta, type FakeOkta } from '../support/fake-idp-admin/fake-okta';
import { createTestCertificate, type TestCertificate } from '../support/idps';

const vault = await SecretVault.open();
const keychainReady = (await vault.unavailableReason()) === null || process.env.FLEX_SSO_TEST_SESSION === '1';
if (!keychainReady) console.warn('skipped: the CLI walks sign in through the real keychain (npm test runs them inside a D-Bus session with gnome-keyring)');
const chromium = chromiumForTests('the CLI walks end with a test login');
const specs = existsSync(OKTA_SPEC) && existsSync(AUTH0_SPEC);
if (!specs) console.log('skipped: the CLI walks validate every request against ../shared/specs, which is absent here');

function cli(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DISPLAY: '', FLEX_SSO_OKTA_API_TOKEN: '', FLEX_SSO_AUTH0_CLIENT_SECRET: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

const CONNECTION = `JQ${'c4'.repeat(16)}`;

describe.skipIf(!keychainReady || !chromium || !specs)('the Okta and Auth0 walks through the CLI (FAKE tenants, real keychain, real Chromium)', () => {
  let key: TestCertificate;
  let folder: string;
  let okta: FakeOkta;
  let auth0: FakeAuth0;

  beforeAll(async () => {
    ensureCliBuilt();
    folder = mkdtempSync(join(tmpdir(), 'flex-sso-idp-walk-'));
    key = await createTestCertificate({ commonName: 'fake tenant signing' });
    okta = await startFakeOkta({
      signingKey: key,
      groups: ['00gflexagents'],
      users: [
        {
          username: 'ada',
          password: 'test-only password',
          profile: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', userType: 'agent,supervisor' },
          groups: ['00gflexagents'],
        },
      ],
    });
    auth0 = await startFakeAuth0({
      signingKey: key,
      users: [
        {
          username: 'ada',
          password: 'test-only password',
          user_id: 'auth0|ada',
          email: 'ada@example.com',
          name: 'Ada Lovelace',
          app_metadata: { flex: { roles: ['agent'] } },
        },
      ],
    });
    okta.sso.signInAs('ada');
    auth0.sso.signInAs('ada');
  }, 120_000);
  afterAll(async () => {
    await vault.deleteNamed(credentialAccount('okta', new URL(okta.baseUrl).host)).catch(() => false);
    await vault.deleteNamed(credentialAccount('auth0', new URL(auth0.baseUrl).host)).catch(() => false);
    await okta?.close();
    await auth0?.close();
    key?.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function testLogin(idp: string, fields: { x509Certificate: string; identityProviderIssuer: string; singleSignOnUrl: string }) {
    const certFile = join(folder, `${idp}.pem`);
    writeFileSync(certFile, fields.x509Certificate);
    const run = await cli([
      'test-login',
      '--mode',
      'flex-enhanced',
      '--connection',
      CONNECTION,
      '--idp',
      idp,
      '--idp-cert',
      certFile,
      '--idp-issuer',
      fields.identityProviderIssuer,
      '--idp-init-url',
      fields.singleSignOnUrl,
      '--headless',
      '--timeout',
      '60',
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    return {
      status: run.status,
      report: JSON.parse(run.stdout) as { ok: boolean; signature: { valid: boolean }; findings: Array<{ code: string; severity: string }> },
    };
  }

  it('Okta: sign-in keeps the API token in the keychain; plan, apply, a passed test login, undo, sign-out', async () => {
    const org = ['--idp', 'okta', '--org', okta.baseUrl, '--format', 'json'];
    const wrong = await cli(['idp', 'sign-in', ...org], { input: 'not-the-token\n' });
    expect(wrong.status).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, problem: 'unauthorized', stored: null });
    expect(await vault.whereNamed(credentialAccount('okta', new URL(okta.baseUrl).host))).toBeNull();

    const signIn = await cli(['idp', 'sign-in', ...org], { input: `${okta.apiToken}\n` });
    expect(signIn.status, signIn.stderr).toBe(0);
    expect(JSON.parse(signIn.stdout)).toMatchObject({ ok: true, stored: 'keychain', checked: true });
    expect(signIn.stdout + signIn.stderr).not.toContain(okta.apiToken);

    const journal = join(folder, 'okta.journal.json');
    const setup = (action: string) => [
      'idp',
      action,
      ...org,
      '--mode',
      'flex-enhanced',
      '--connection',
      CONNECTION,
      '--assign',
      'group:00gflexagents:agent',
      '--journal',
      journal,
    ];
    const plan = await cli(setup('plan'));
    expect(plan.status, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).steps.map((s: { id: string }) => s.id)).toEqual(['create-app', 'assign-group:00gflexagents']);
    const apply = await cli(setup('apply'));
    expect(apply.status, apply.stderr).toBe(0);
    const applied = JSON.parse(apply.stdout);
    expect(readFileSync(journal, 'utf8')).not.toContain(okta.apiToken);

    const login = await testLogin('okta', applied.twilioConsole);
    expect(login.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(login.report).toMatchObject({ ok: true, signature: { valid: true } });
    expect(login.status).toBe(0);

    expect((await cli(setup('undo'))).status).toBe(0);
    expect(okta.apps.size).toBe(0);
    const signOut = await cli(['idp', 'sign-out', ...org]);
    expect(JSON.parse(signOut.stdout)).toMatchObject({ ok: true, removed: true });
    const after = await cli(setup('plan'));
    expect(after.status).toBe(2);
    expect(after.stderr).toMatch(/Not signed in to 127\.0\.0\.1/);
    expect(okta.violations).toEqual([]);
  }, 180_000);

  it('Auth0: sign-in keeps the M2M Client Secret in the keychain; plan, apply, a passed test login, undo, sign-out', async () => {
    auth0.addMachineApp('m2mWalk', 'test-only walk secret', AUTH0_SCOPES);
    const tenant = ['--idp', 'auth0', '--domain', auth0.baseUrl, '--format', 'json'];
    const signIn = await cli(['idp', 'sign-in', ...tenant, '--client-id', 'm2mWalk'], { input: 'test-only walk secret\n' });
    expect(signIn.status, signIn.stderr).toBe(0);
    expect(JSON.parse(signIn.stdout)).toMatchObject({ ok: true, stored: 'keychain' });

    const journal = join(folder, 'auth0.journal.json');
    const setup = (action: string) => ['idp', action, ...tenant, '--mode', 'flex-enhanced', '--connection', CONNECTION, '--journal', journal];
    const plan = await cli(setup('plan'));
    expect(plan.status, plan.stderr).toBe(0);
    const steps = JSON.parse(plan.stdout).steps as Array<{ id: string; permission: string }>;
    expect(steps.map((s) => s.id)).toEqual(['create-client', 'create-action', 'deploy-action', 'bind-action']);
    const apply = await cli(setup('apply'));
    expect(apply.status, apply.stderr).toBe(0);
    const applied = JSON.parse(apply.stdout);
    expect(applied.twilioConsole.identityProviderIssuer).toBe(auth0.issuer);
    expect(applied.metadataUrl).toMatch(/\/samlp\/metadata\//);

    const login = await testLogin('auth0', applied.twilioConsole);
    // The add-on signs the response only; enhanced Flex takes that (facts section 1).
    expect(login.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(login.report).toMatchObject({ ok: true, signature: { valid: true } });
    expect(login.status).toBe(0);

    expect(JSON.parse((await cli(setup('undo'))).stdout).state).toBe('undone');
    expect(auth0.clients.size).toBe(0);
    expect(JSON.parse((await cli(['idp', 'sign-out', ...tenant])).stdout)).toMatchObject({ removed: true });
    expect(auth0.violations).toEqual([]);
  }, 180_000);
});
