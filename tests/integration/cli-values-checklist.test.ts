import { execFileSync, spawnSync } from 'node:child_process';
import { chromiumForTests } from '../support/chromium-for-tests';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'out', 'cli', 'flex-sso.mjs');
const HEX = '0123456789abcdef0123456789abcdef';
let dir: string;

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'buffer' });
  return { status: result.status, stdout: result.stdout, text: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flex-sso values', () => {
  it.each([
    ['flex-enhanced', ['--connection', `JQ${HEX}`], `https://login.flex.us1.twilio.com/login/callback?connection=JQ${HEX}`, `urn:flex:JQ${HEX}`],
    ['flex-legacy', ['--account-sid', `AC${HEX}`], `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`, `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2/metadata`],
    ['frontline', ['--realm', `JB${HEX}`], `https://iam.twilio.com/v2/saml2/authenticate/JB${HEX}`, `https://iam.twilio.com/v2/saml2/metadata/JB${HEX}`],
  ])('%s --format json', (mode, ids, acsUrl, entityId) => {
    const run = cli(['values', '--mode', mode, ...ids, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.text);
    expect(doc).toMatchObject({ mode, acsUrl, entityId });
    expect(doc.spMetadataXml).toContain(`entityID="${entityId}"`);
  });

  it('text format is readable', () => {
    const run = cli(['values', '--mode', 'flex-legacy', '--account-sid', `AC${HEX}`, '--connection', `JQ${HEX}`]);
    expect(run.status).toBe(0);
    expect(run.text).toMatch(/retired/);
    expect(run.text).toContain(`urn:flex:JQ${HEX}`);
  });

  it.each([
    [['values', '--mode', 'flex-legacy', '--account-sid', `FO${HEX}`], /^flex-sso: --account-sid: an Account SID starts with AC; this starts with FO, which is a Flex instance SID\n$/],
    [['values', '--mode', 'flex-enhanced'], /^flex-sso: --connection: .*JQ followed by 32 lowercase hex digits.*\n$/],
    [['values', '--mode', 'frontline', '--realm', 'JB123'], /^flex-sso: --realm: .*3 hex digits.*\n$/],
    [['values', '--mode', 'flex'], /^flex-sso: --mode must be one of flex-enhanced, flex-legacy, frontline; "flex" is not\n$/],
    [['values', '--connection', `JQ${HEX}`], /^flex-sso: --mode is required.*\n$/],
    [['values', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '--format', 'xml'], /^flex-sso: --format must be one of text, json.*\n$/],
    [['checklist', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '--idp', 'salesforce'], /^flex-sso: --idp must be one of azure-ad, okta, .*"salesforce" is not\n$/],
    [['checklist', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`], /^flex-sso: --idp is required.*\n$/],
    [['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--format', 'docx'], /^flex-sso: --format must be one of md, html, json, pdf.*\n$/],
    [['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--insights-roles', 'wfo.boss'], /^flex-sso: --insights-roles: "wfo.boss" is not a Flex Insights role.*\n$/],
    [['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--out', '/nonexistent/dir/x.md'], /^flex-sso: --out: cannot write "\/nonexistent\/dir\/x.md" \(ENOENT\).*\n$/],
  ])('bad input %j: exit 2, one line', (args, message) => {
    const run = cli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('flex-sso checklist', () => {
  it.each(['md', 'html', 'json'])('--format %s to stdout has the exact values', (format) => {
    const run = cli(['checklist', '--mode', 'frontline', '--idp', 'azure-ad', '--realm', `JB${HEX}`, '--format', format]);
    expect(run.status).toBe(0);
    expect(run.text).toContain(`https://iam.twilio.com/v2/saml2/authenticate/JB${HEX}`);
    expect(run.text).toContain(`https://iam.twilio.com/v2/saml2/metadata/JB${HEX}`);
    if (format === 'json') expect(JSON.parse(run.text).schema).toBe('flex-sso-checklist/1');
    if (format === 'html') expect(run.text.startsWith('<!doctype html>')).toBe(true);
  });

  it('--out writes the file', () => {
    const out = join(dir, 'okta.md');
    const run = cli(['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.text).toBe('');
    expect(readFileSync(out, 'utf8')).toContain(`urn:flex:JQ${HEX}`);
  });

  const chromium = chromiumForTests('the PDF checklist test') !== null;
  it.skipIf(!chromium)('--format pdf renders with Chromium, to a file and to a redirected stdout', () => {
    const out = join(dir, 'azure.pdf');
    const run = cli(['checklist', '--mode', 'flex-enhanced', '--idp', 'azure-ad', '--connection', `JQ${HEX}`, '--format', 'pdf', '--out', out]);
    expect(run.stderr).toMatch(/wrote/);
    expect(run.status).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const piped = cli(['checklist', '--mode', 'flex-legacy', '--idp', 'google', '--account-sid', `AC${HEX}`, '--format', 'pdf']);
    expect(piped.status).toBe(0);
    expect(piped.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('--format pdf without Chromium: exit 2 with a clear message', () => {
    const run = cli(['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--format', 'pdf', '--out', join(dir, 'x.pdf'), '--browser', '/nonexistent/chromium']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^flex-sso: PDF needs Chromium and none was found \(looked at \/nonexistent\/chromium\); install Chromium.*\n$/);
  });
});
