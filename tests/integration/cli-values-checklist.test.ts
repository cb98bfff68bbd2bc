import { execFileSync, spawnSync } from 'node:child_process';
import { chromiumForTests } from '../support/chromium-for-tests';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstFlexOnlyWord } from '../support/flex-only-words';
import { FRONTLINE_CLOSED_NOTE } from '../../shared/domain/frontline';

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
    [
      'flex-legacy',
      ['--account-sid', `AC${HEX}`],
      `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`,
      `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2/metadata`,
    ],
    ['frontline', ['--realm', `JB${HEX}`], `https://iam.twilio.com/v2/saml2/authenticate/JB${HEX}`, `https://iam.twilio.com/v2/saml2/metadata/JB${HEX}`],
  ])('%s --format json', (mode, ids, acsUrl, entityId) => {
    const run = cli(['values', '--mode', mode, ...ids, '--format', 'json']);
    if (mode === 'flex-legacy') expect(run.stderr).toMatch(/^flex-sso: Warning: Legacy Flex SSO [^\n]*\n$/);
    else expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.text);
    expect(doc).toMatchObject({ mode, acsUrl, entityId });
    // Legacy SSO is on its way out: no SP metadata is ever built from its values.
    if (mode === 'flex-legacy') expect(doc.spMetadataXml).toBeNull();
    else expect(doc.spMetadataXml).toContain(`entityID="${entityId}"`);
  });

  it('text format is readable', () => {
    const run = cli(['values', '--mode', 'flex-legacy', '--account-sid', `AC${HEX}`, '--connection', `JQ${HEX}`]);
    expect(run.status).toBe(0);
    expect(run.text).toMatch(/retired/);
    expect(run.text).toContain(`urn:flex:JQ${HEX}`);
  });

  describe('flex-legacy never offers legacy SP metadata to import', () => {
    const legacyEntity = `entityID="https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2/metadata"`;
    it('with --connection: the enhanced SP metadata, labelled as for after the move, in text and JSON', () => {
      const args = ['values', '--mode', 'flex-legacy', '--account-sid', `AC${HEX}`, '--connection', `JQ${HEX}`];
      const text = cli(args);
      expect(text.status).toBe(0);
      expect(text.text).not.toContain(legacyEntity);
      expect(text.text).not.toContain('SP metadata XML (for IdPs that import one):');
      const after = text.text.split('SP metadata XML after the move to enhanced SSO (for IdPs that import one):\n');
      expect(after).toHaveLength(2);
      expect(after[1]).toContain(`entityID="urn:flex:JQ${HEX}"`);
      const json = cli([...args, '--format', 'json']);
      expect(json.text).not.toContain(legacyEntity);
      const doc = JSON.parse(json.text);
      expect(doc.spMetadataXml).toBeNull();
      expect(doc.migration.enhanced).toMatchObject({ entityId: `urn:flex:JQ${HEX}`, spMetadataXml: expect.stringContaining(`entityID="urn:flex:JQ${HEX}"`) });
    });

    it('without --connection: no metadata at all, and where the enhanced values come from', () => {
      const args = ['values', '--mode', 'flex-legacy', '--account-sid', `AC${HEX}`];
      const text = cli(args);
      expect(text.status).toBe(0);
      expect(text.text).not.toMatch(/EntityDescriptor|SP metadata XML/);
      expect(text.text).toContain('Choose Start setup in the Console (Twilio Console > Flex > Users and access > Single sign-on');
      expect(text.text).toContain('give that id with --connection JQ…');
      expect(text.text).toContain('build or import nothing from them into a new IdP app');
      const doc = JSON.parse(cli([...args, '--format', 'json']).text);
      expect(doc.spMetadataXml).toBeNull();
      expect(doc.migration).toMatchObject({ enhanced: null, next: expect.stringMatching(/^Choose Start setup in the Console/) });
      expect(JSON.stringify(doc)).not.toContain('EntityDescriptor');
    });
  });

  it.each([
    [
      ['values', '--mode', 'flex-legacy', '--account-sid', `FO${HEX}`],
      /^flex-sso: --account-sid: an Account SID starts with AC; this starts with FO, which is a Flex instance SID\.\n$/,
    ],
    [['values', '--mode', 'flex-enhanced'], /^flex-sso: --connection: .*JQ followed by 32 lowercase hex digits.*\.\n$/],
    [['values', '--mode', 'frontline', '--realm', 'JB123'], /^flex-sso: --realm: .*3 hex digits.*\.\n$/],
    [['values', '--mode', 'flex'], /^flex-sso: --mode must be one of flex-enhanced, flex-legacy, frontline; "flex" is not\.\n$/],
    [['values', '--connection', `JQ${HEX}`], /^flex-sso: --mode is required.*\.\n$/],
    [['values', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '--format', 'xml'], /^flex-sso: --format must be one of text, json.*\.\n$/],
    [
      ['checklist', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '--idp', 'salesforce'],
      /^flex-sso: --idp must be one of azure-ad \(or entra\), okta, .*"salesforce" is not\.\n$/,
    ],
    [['checklist', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`], /^flex-sso: --idp is required.*\.\n$/],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--format', 'docx'],
      /^flex-sso: --format must be one of md, html, json, pdf.*\.\n$/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--insights-roles', 'wfo.boss'],
      /^flex-sso: --insights-roles: "wfo.boss" is not a Flex Insights role.*\.\n$/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--out', '/nonexistent/dir/x.md'],
      /^flex-sso: --out: the folder "\/nonexistent\/dir" does not exist: create it first, or write the file somewhere else\.\n$/,
    ],
    // Options that do not apply to the mode, and empty values: one clear line each, never ignored.
    [
      ['values', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '--account-sid', `AC${HEX}`],
      /^flex-sso: --account-sid does not apply to --mode flex-enhanced \(it takes --connection\); leave it out\.\n$/,
    ],
    [
      ['values', '--mode', 'frontline', '--realm', `JB${HEX}`, '--connection', `JQ${HEX}`],
      /^flex-sso: --connection does not apply to --mode frontline \(it takes --realm\); leave it out\.\n$/,
    ],
    [
      ['checklist', '--mode', 'frontline', '--idp', 'okta', '--realm', `JB${HEX}`, '--insights-roles', 'wfo.full_access'],
      /^flex-sso: --insights-roles does not apply to --mode frontline/,
    ],
    [
      ['checklist', '--mode', 'frontline', '--idp', 'okta', '--realm', `JB${HEX}`, '--custom-domain', 'flex.example.com'],
      /^flex-sso: --custom-domain does not apply to --mode frontline/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--workspace-id', `WS${HEX}`],
      /^flex-sso: --workspace-id does not apply to --mode flex-enhanced/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--custom-domain', ''],
      /^flex-sso: --custom-domain is empty: give a value, or leave the option out\.\n$/,
    ],
    [['values', '--mode', 'flex-enhanced', '--connection', ''], /^flex-sso: --connection is empty/],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--custom-domain', 'http://flex.example.com'],
      /^flex-sso: --custom-domain: "http:\/\/flex.example.com": http:\/\/ is only for Flex running on this computer while you develop/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--custom-domain', 'https://flex.example.com/agents'],
      /^flex-sso: --custom-domain: "https:\/\/flex.example.com\/agents" has a path \(\/agents\); a custom Flex domain is an origin/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--auth0-client-id', 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww'],
      /^flex-sso: --auth0-client-id applies to --idp auth0 only/,
    ],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'auth0', '--connection', `JQ${HEX}`, '--auth0-client-id', 'abc'],
      /^flex-sso: --auth0-client-id: an Auth0 Client ID is 32 letters and digits/,
    ],
    [
      ['values', '--mode', 'flex-enhanced', '--connection', `https://login.example.com/login/callback?connection=JQ${HEX}`],
      /^flex-sso: --connection: this address is on login.example.com, not a twilio.com host/,
    ],
    [['values', '--mode', 'flex-legacy', '--account-sid', `AC${HEX}`, '--now', 'yesterday'], /^flex-sso: --now must be an ISO 8601 time/],
    [
      ['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--out', tmpdir()],
      /^flex-sso: --out: "[^"]+" is a folder: give a file name in it, such as \S+flex-sso-checklist\.md\.\n$/,
    ],
    [['analyze', '--mode', 'frontline', '--realm', `JQ${HEX}`, '-'], /^flex-sso: --realm: a Realm SID starts with JB; this starts with JQ/],
  ])('bad input %j: exit 2, one line', (args, message) => {
    const run = cli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // One full sentence: a capital (or an option name) first, a full stop last, no internal field names.
    expect(run.stderr).toMatch(/^flex-sso: [A-Z-"][^\n]*[.!?]\n$/);
    expect(run.stderr).not.toMatch(/\b(realmSid|connectionId|accountSid|EISDIR|ENOENT)\b/);
  });
});

describe("legacy SSO and today's date: a stderr warning line, and the warning in every format", () => {
  const legacy = ['--mode', 'flex-legacy', '--account-sid', `AC${HEX}`];
  it.each([
    ['2026-03-30', /^flex-sso: Warning: Legacy Flex SSO must move to enhanced SSO by 31 March 2026/, false],
    [
      '2026-11-30',
      /^flex-sso: Warning: Legacy Flex SSO is retired: the last announced deadline to move to enhanced SSO, 31 March 2026, has passed, so logins through it may stop working at any time/,
      true,
    ],
  ])('--now %s', (now, warning, retired) => {
    const text = cli(['values', ...legacy, '--now', now]);
    expect(text.status).toBe(0);
    expect(text.stderr).toMatch(warning);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.text).toContain(retired ? 'Flex (legacy SSO) (retired)' : 'Flex (legacy SSO) (to move by 31 March 2026)');
    const json = cli(['values', ...legacy, '--now', now, '--format', 'json']);
    expect(json.stderr).toMatch(warning);
    expect(JSON.parse(json.text)).toMatchObject({ retired, warnings: [expect.stringMatching(retired ? /is retired/ : /must move/)] });
    for (const format of ['md', 'html', 'json']) {
      const run = cli(['checklist', ...legacy, '--idp', 'okta', '--now', now, '--format', format]);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(warning);
      expect(run.text).toMatch(retired ? /Legacy Flex SSO is retired/ : /must move to enhanced SSO by 31 March 2026/);
    }
  });

  it('after the deadline the checklist is the move, never a fresh legacy setup', () => {
    const run = cli(['checklist', ...legacy, '--idp', 'azure-ad', '--connection', `JQ${HEX}`, '--now', '2026-11-30', '--format', 'json']);
    const doc = JSON.parse(run.text);
    expect(doc.title).toMatch(/from legacy to enhanced SSO/);
    expect(doc.values.acsUrl).toBe(`https://login.flex.us1.twilio.com/login/callback?connection=JQ${HEX}`);
    expect(doc.migration).toMatchObject({ retired: true, legacy: { acsUrl: `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2` } });
  });
});

describe("the Console's own values", () => {
  it('--connection takes the ACS URL or the Entity ID; another ACS host is kept everywhere, with a note', () => {
    const acsUrl = `https://login.flex.ie1.twilio.com/login/callback?connection=JQ${HEX}`;
    const values = cli(['values', '--mode', 'flex-enhanced', '--connection', acsUrl, '--format', 'json']);
    expect(values.status).toBe(0);
    const doc = JSON.parse(values.text);
    expect(doc).toMatchObject({ acsUrl, entityId: `urn:flex:JQ${HEX}` });
    expect(doc.spMetadataXml).toContain(`Location="${acsUrl}"`);
    expect(doc.notes[0]).toMatch(/host is login\.flex\.ie1\.twilio\.com/);
    const checklist = cli(['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', acsUrl]);
    expect(checklist.text).not.toContain('login.flex.us1.twilio.com/login/callback');
    expect(checklist.text).toContain(acsUrl);
    const entity = cli(['values', '--mode', 'flex-enhanced', '--connection', `urn:flex:JQ${HEX}`, '--format', 'json']);
    expect(JSON.parse(entity.text).acsUrl).toBe(`https://login.flex.us1.twilio.com/login/callback?connection=JQ${HEX}`);
  });
});

describe('values --mode frontline says Frontline is closed to new customers, as the checklist does', () => {
  it('text and JSON carry the same sentence as the checklist', () => {
    const frontline = ['--mode', 'frontline', '--realm', `JB${HEX}`];
    const sentence = 'Frontline has been closed to new customers since 9 February 2023; existing customers keep it.';
    expect(FRONTLINE_CLOSED_NOTE).toBe(sentence);
    const text = cli(['values', ...frontline]);
    expect(text.status).toBe(0);
    expect(text.text).toContain(`Note: ${sentence}`);
    expect(JSON.parse(cli(['values', ...frontline, '--format', 'json']).text).notes).toEqual([sentence]);
    const checklist = JSON.parse(cli(['checklist', ...frontline, '--idp', 'okta', '--format', 'json']).text);
    expect(checklist.warnings.map((w: { message: string }) => w.message)).toContain(sentence);
    expect(cli(['values', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`]).text).not.toContain('closed to new customers');
  });
});

describe('Frontline output in every format has no Flex-only word', () => {
  const frontline = ['--mode', 'frontline', '--realm', `JB${HEX}`];
  it.each([
    ['values', 'text', ['values', ...frontline]],
    ['values', 'json', ['values', ...frontline, '--format', 'json']],
    // Every IdP in every format is checked on the model (shared/checklist/golden.test.ts); here the CLI's own output for two.
    ...['md', 'html', 'json'].flatMap((format) =>
      (['auth0', 'google'] as const).map(
        (idp) =>
          [`checklist ${idp}`, format, ['checklist', ...frontline, '--idp', idp, '--workspace-id', `WS${HEX}`, '--format', format]] as [
            string,
            string,
            string[],
          ],
      ),
    ),
  ])('%s --format %s', (_what, _format, args) => {
    const run = cli(args);
    expect(run.status).toBe(0);
    expect(firstFlexOnlyWord(run.text)).toBeNull();
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

  it('--workspace-id takes any value as the Frontline console shows it, with no claim about its form (Twilio describes none)', () => {
    const args = ['checklist', '--mode', 'frontline', '--idp', 'okta', '--realm', `JB${HEX}`, '--workspace-id'];
    for (const value of [`WS${HEX}`, 'owl-shoes', 'myco']) {
      const run = cli([...args, value]);
      expect(run.status).toBe(0);
      expect(run.text).toContain(value);
      expect(run.stderr).toBe('');
    }
    const help = cli(['checklist', '--help']).text.replace(/\s+/g, ' ');
    expect(help).toContain("--workspace-id <id> frontline: the Workspace ID. Copy it exactly as the Frontline console's SSO page shows it.");
    expect(help).not.toMatch(/WS…|WS \+/);
  });

  it('--out writes the file', () => {
    const out = join(dir, 'okta.md');
    const run = cli(['checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', `JQ${HEX}`, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.text).toBe('');
    expect(readFileSync(out, 'utf8')).toContain(`urn:flex:JQ${HEX}`);
  });

  const chromium = chromiumForTests('the PDF checklist test') !== null;
  it.skipIf(!chromium)(
    '--format pdf renders with Chromium, to a file and to a redirected stdout',
    () => {
      const out = join(dir, 'azure.pdf');
      const run = cli(['checklist', '--mode', 'flex-enhanced', '--idp', 'azure-ad', '--connection', `JQ${HEX}`, '--format', 'pdf', '--out', out]);
      expect(run.stderr).toMatch(/^flex-sso: Wrote \S+\.\n/);
      expect(run.status).toBe(0);
      const pdf = readFileSync(out);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      const piped = cli(['checklist', '--mode', 'flex-legacy', '--idp', 'google', '--account-sid', `AC${HEX}`, '--format', 'pdf']);
      expect(piped.status).toBe(0);
      expect(piped.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    60_000,
  );

  it('--format pdf without Chromium: exit 2 with a clear message', () => {
    const run = cli([
      'checklist',
      '--mode',
      'flex-enhanced',
      '--idp',
      'okta',
      '--connection',
      `JQ${HEX}`,
      '--format',
      'pdf',
      '--out',
      join(dir, 'x.pdf'),
      '--browser',
      '/nonexistent/chromium',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^flex-sso: PDF needs Chromium and none was found \(looked at \/nonexistent\/chromium\); install Chromium.*\n$/);
  });
});

describe('one table of IdP names: entra and azure-ad alike in every command', () => {
  it('checklist and analyze take --idp entra', () => {
    const checklist = cli(['checklist', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '--idp', 'entra']);
    expect(checklist.status).toBe(0);
    expect(checklist.text).toContain('Microsoft Entra ID');
    const analyze = cli(['analyze', '--idp', 'Entra', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`, '-']);
    expect(analyze.stderr).not.toMatch(/--idp/);
  });

  it('idp takes --idp azure-ad as well as entra, and says why Google has none', () => {
    const env = { FLEX_SSO_ENTRA_ACCESS_TOKEN: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    for (const name of ['azure-ad', 'entra']) {
      const run = cli(['idp', 'plan', '--idp', name, '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`], env);
      expect(run.status).toBe(2);
      expect(run.stderr).not.toMatch(/--idp must be/);
      expect(run.stderr).toMatch(/^flex-sso: Not signed in to Microsoft Entra/);
    }
    const google = cli(['idp', 'plan', '--idp', 'google', '--mode', 'flex-enhanced', '--connection', `JQ${HEX}`]);
    expect(google.stderr).toMatch(
      /^flex-sso: --idp must be one of entra, okta, auth0; "google" is not \(Google Workspace has no API.*flex-sso checklist --idp google gives the steps\)\.\n$/,
    );
  });
});
