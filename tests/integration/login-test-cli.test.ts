/** `flex-sso test-login`: the CLI contract (JSON like analyze, exit 0/1/2) against a real IdP and Chromium. */
import { chromiumForTests } from '../support/chromium-for-tests';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spValues } from '../../shared/domain/modes';
import { CLI_BUNDLE, ensureCliBuilt, REPO_ROOT } from '../support/cli';
import { createTestSigningKey, startSamlpIdp, type RunningIdp, type TestSigningKey } from '../support/idps';

const chromium = chromiumForTests('the test-login CLI logins');
const CONNECTION = 'JQabcdefabcdefabcdefabcdefabcdef01';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });

const bundle = CLI_BUNDLE;
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd: REPO_ROOT, env: { ...process.env, DISPLAY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('flex-sso test-login', () => {
  let key: TestSigningKey;
  let good: RunningIdp;
  let bad: RunningIdp;
  let dir: string;
  let certFile: string;

  beforeAll(async () => {
    ensureCliBuilt();
    key = createTestSigningKey();
    dir = mkdtempSync(join(tmpdir(), 'flex-sso-cli-'));
    certFile = join(dir, 'idp.pem');
    writeFileSync(certFile, key.certPem);
    [good, bad] = await Promise.all([
      startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:cli-idp', relayState: 'cli-relay' }),
      startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:cli-idp', misconfiguration: { noRoles: true } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([good?.close(), bad?.close()]);
    key?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const base = [
    'test-login',
    '--mode',
    'flex-enhanced',
    '--connection',
    CONNECTION,
    '--idp',
    'okta',
    '--idp-cert',
    '',
    '--idp-issuer',
    'urn:test:cli-idp',
    '--headless',
    '--timeout',
    '20',
    '--format',
    'json',
  ];
  const args = (...extra: string[]): string[] => {
    const list = [...base];
    list[list.indexOf('--idp-cert') + 1] = certFile;
    return [...list, ...extra];
  };

  it.skipIf(!chromium)('a good login: the analyze JSON on stdout, exit 0', async () => {
    const run = await cli(args('--idp-init-url', good.autoLoginUrl));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: true, signature: { checked: true, valid: true } });
    expect(report.facts.relayState).toBe('cli-relay');
    expect(Object.keys(report).sort()).toEqual(['facts', 'findings', 'ok', 'signature', 'verdict', 'worker']);
    expect(report.verdict).toBe('ok');
  });

  it.skipIf(!chromium)('the same good login without --idp-cert: verdict unverified, exit 1', async () => {
    const list = args('--idp-init-url', good.autoLoginUrl);
    list.splice(list.indexOf('--idp-cert'), 2);
    const run = await cli(list);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, verdict: 'unverified' });
    expect(report.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it.skipIf(!chromium)("a login with findings: exit 1, fixes in the IdP's words", async () => {
    const run = await cli(args('--idp-init-url', bad.autoLoginUrl));
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('missing-claim');
  });

  it.skipIf(!chromium)('no login before the timeout: exit 2 with one line on stderr, saying what the page showed', async () => {
    const list = args('--idp-init-url', good.initUrl);
    // Long enough for the IdP's page to load on a busy machine before the test gives up.
    list[list.indexOf('--timeout') + 1] = '6';
    const run = await cli(list);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/No SAML response arrived within 6 seconds/);
    // The IdP's form was waiting for a password: a headless run can only tell the admin so.
    expect(run.stderr).toMatch(
      /It was showing "Test IdP sign-in" at http:\/\/127\.0\.0\.1:\d+\/init\. The identity provider is waiting for a sign-in there: run the test without --headless/,
    );
  });

  it.skipIf(!chromium)('an IdP error page (HTTP 200): exit 2 with one line naming the code, well before the timeout', async () => {
    const started = Date.now();
    const run = await cli(args('--idp-init-url', good.errorPageUrls.entra));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^flex-sso: Microsoft Entra ID showed an error page \(AADSTS50105\)/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('no Chromium: exit 2 naming what to install', async () => {
    const run = await cli(args('--idp-init-url', good.autoLoginUrl, '--browser', '/nonexistent/chromium'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/install Chromium/);
    expect(run.stderr).not.toMatch(/at .*\.m?js:\d+/);
  });

  it('bad usage: exit 2', async () => {
    expect((await cli(args())).stderr).toMatch(/either --idp-sso-url .* or --idp-init-url/);
    expect((await cli(args('--idp-sso-url', good.ssoUrl, '--idp-init-url', good.initUrl))).status).toBe(2);
    const badId = await cli(['test-login', '--mode', 'flex-enhanced', '--connection', 'JQ12', '--idp-init-url', good.initUrl, '--headless']);
    expect(badId.status).toBe(2);
    expect(badId.stderr).toMatch(/--connection/);
    expect((await cli(args('--idp-init-url', 'file:///etc/passwd'))).stderr).toMatch(/https:\/\//);
    expect((await cli(args('--idp-init-url', good.initUrl, '--timeout', 'soon'))).stderr).toMatch(/--timeout/);
  });

  it('every option is checked before Chromium and the display: a bad URL is named, not the missing DISPLAY', async () => {
    const base = ['test-login', '--mode', 'flex-enhanced', '--connection', CONNECTION, '--idp-sso-url', 'notaurl'];
    for (const extra of [[], ['--browser', '/nonexistent/chromium']]) {
      const run = await cli([...base, ...extra]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('flex-sso: The IdP SSO URL is not a URL: "notaurl".\n');
    }
  });

  it('keeps playwright-core and node-saml out of the CLI start-up path', () => {
    // Follow the bundle's static imports (entry and the chunks it imports statically): none may be
    // playwright-core or node-saml; test-login reaches them through a dynamic import.
    const staticImports = (code: string): string[] => [...code.matchAll(/^(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of staticImports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) visit(join(dirname(file), spec));
        else packages.add(spec);
      }
    };
    visit(bundle);
    expect([...packages].filter((p) => /playwright|node-saml/.test(p))).toEqual([]);
    expect(readFileSync(bundle, 'utf8')).toMatch(/import\(["'][^"']*(login-test|playwright-core)[^"']*["']\)/);
  });
});
