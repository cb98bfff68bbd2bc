import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRA_PERMISSIONS } from '../../electron/services/idp-admin/entra';
import { CLI_BUNDLE, REPO_ROOT, ensureCliBuilt } from '../support/cli';
import { startFakeGraph, type FakeGraph } from '../support/fake-idp-admin/fake-graph';
import { OKTA_SPEC, startFakeOkta, type FakeOkta } from '../support/fake-idp-admin/fake-okta';
import { createTestCertificate, type TestCertificate } from '../support/idps';

// The fakes answer in this process, so the CLI runs asynchronously beside them.
function cli(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const CONNECTION = `JQ${'f6'.repeat(16)}`;
const HAVE_OKTA_SPEC = existsSync(OKTA_SPEC);
if (!HAVE_OKTA_SPEC) console.log(`skipped: the Okta CLI walk needs ${OKTA_SPEC.pathname}, which is absent here`);

describe('flex-sso idp plan|apply|undo', () => {
  let folder: string;
  beforeAll(() => {
    ensureCliBuilt();
    folder = mkdtempSync(join(tmpdir(), 'flex-sso-idp-cli-'));
  }, 120_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses bad usage with one line and exit 2, and never takes a credential as an argument', async () => {
    const missing = await cli(['idp', 'plan', '--idp', 'okta', '--mode', 'flex-enhanced', '--connection', CONNECTION, '--org', 'https://example.okta.com'], {
      FLEX_SSO_OKTA_API_TOKEN: '',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /Not signed in to example\.okta\.com: run "flex-sso idp sign-in --idp okta --org https:\/\/example\.okta\.com".*or set FLEX_SSO_OKTA_API_TOKEN .*never taken as arguments/,
    );
    const auth0 = await cli(['idp', 'plan', '--idp', 'auth0', '--mode', 'flex-enhanced', '--connection', CONNECTION]);
    expect(auth0.status).toBe(2);
    expect(auth0.stderr).toMatch(/--domain is required for Auth0/);
    const plainHttp = await cli([
      'idp',
      'plan',
      '--idp',
      'auth0',
      '--domain',
      'http://example.us.auth0.com',
      '--mode',
      'flex-enhanced',
      '--connection',
      CONNECTION,
    ]);
    expect(plainHttp.status).toBe(2);
    expect(plainHttp.stderr).toMatch(/must start with https:\/\//);
    const google = await cli(['idp', 'plan', '--idp', 'google', '--mode', 'flex-enhanced', '--connection', CONNECTION]);
    expect(google.status).toBe(2);
    expect(google.stderr).toMatch(/Google Workspace has no API for creating custom SAML apps.*flex-sso checklist --idp google gives the steps/);
    const token = await cli(['idp', 'plan', '--idp', 'okta', '--token', 'abc', '--mode', 'flex-enhanced', '--connection', CONNECTION]);
    expect(token.status).toBe(2);
    expect(token.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);

  describe.skipIf(!HAVE_OKTA_SPEC)("Okta (FAKE org held to Okta's OpenAPI file)", () => {
    let key: TestCertificate;
    let okta: FakeOkta;
    beforeAll(async () => {
      key = await createTestCertificate();
      okta = await startFakeOkta({ signingKey: key, groups: ['00gagents'] });
    }, 60_000);
    afterAll(async () => {
      await okta?.close();
      key?.dispose();
    });

    it('plans, applies (journal, links, Twilio fields), plans nothing, undoes', async () => {
      const journal = join(folder, 'okta.journal.json');
      const args = (action: string) => [
        'idp',
        action,
        '--idp',
        'okta',
        '--org',
        okta.baseUrl,
        '--mode',
        'flex-enhanced',
        '--connection',
        CONNECTION,
        '--assign',
        'group:00gagents:agent',
        '--journal',
        journal,
        '--format',
        'json',
      ];
      const env = { FLEX_SSO_OKTA_API_TOKEN: okta.apiToken };
      const plan = await cli(args('plan'), env);
      expect(plan.status, plan.stderr).toBe(0);
      expect(JSON.parse(plan.stdout).steps.map((s: { id: string }) => s.id)).toEqual(['create-app', 'assign-group:00gagents']);
      const apply = await cli(args('apply'), env);
      expect(apply.status, apply.stderr).toBe(0);
      const applied = JSON.parse(apply.stdout);
      expect(applied.state).toBe('applied');
      expect(applied.twilioConsole.identityProviderIssuer).toMatch(/^http:\/\/www\.okta\.com\/exk/);
      expect(applied.twilioConsole.x509Certificate).toContain('BEGIN CERTIFICATE');
      expect(applied.links[0].consoleUrl).toContain('/admin/app/');
      expect(readFileSync(journal, 'utf8')).not.toContain(okta.apiToken);
      expect(JSON.parse((await cli(args('plan'), env)).stdout).nothingToDo).toBe(true);
      const undo = await cli(args('undo'), env);
      expect(undo.status, undo.stderr).toBe(0);
      expect(JSON.parse(undo.stdout).state).toBe('undone');
      expect(okta.apps.size).toBe(0);
      expect(okta.violations).toEqual([]);
    }, 60_000);

    it("an admin API refusal is exit 1 with the reason in the admin's words", async () => {
      const result = await cli(
        [
          'idp',
          'apply',
          '--idp',
          'okta',
          '--org',
          okta.baseUrl,
          '--mode',
          'flex-enhanced',
          '--connection',
          CONNECTION,
          '--journal',
          join(folder, 'bad.json'),
          '--format',
          'json',
        ],
        { FLEX_SSO_OKTA_API_TOKEN: 'wrong' },
      );
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, problem: 'unauthorized' });
    }, 60_000);
  });

  describe('Entra ID (FAKE tenant held to the trimmed Graph description)', () => {
    let graph: FakeGraph;
    beforeAll(async () => {
      graph = await startFakeGraph({ replicationLag: 1 });
    }, 60_000);
    afterAll(async () => graph?.close());

    it('applies and undoes with a token from the environment', async () => {
      const journal = join(folder, 'entra.journal.json');
      const env = { FLEX_SSO_ENTRA_ACCESS_TOKEN: graph.issueToken(ENTRA_PERMISSIONS) };
      const args = (action: string) => [
        'idp',
        action,
        '--idp',
        'entra',
        '--graph-url',
        graph.graphUrl,
        '--login-url',
        graph.loginUrl,
        '--mode',
        'frontline',
        '--realm',
        `JB${'a7'.repeat(16)}`,
        '--journal',
        journal,
        '--format',
        'json',
      ];
      const apply = await cli(args('apply'), env);
      expect(apply.status, apply.stderr).toBe(0);
      expect(JSON.parse(apply.stdout).twilioConsole.identityProviderIssuer).toBe(`https://sts.windows.net/${graph.tenantId}/`);
      expect(JSON.parse((await cli(args('plan'), env)).stdout).nothingToDo).toBe(true);
      expect((await cli(args('undo'), env)).status).toBe(0);
      expect(graph.apps.size).toBe(0);
      expect(graph.violations).toEqual([]);
    }, 60_000);
  });
});
