import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script, createContext, runInContext } from 'node:vm';
import { DOMParser as XmlParser } from '@xmldom/xmldom';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MODE_IDS, spValues, type ModeId } from '../domain/modes';
import { IDP_IDS, type IdpId } from '../idps';
import { buildChecklist, renderHtml, renderJson, renderMarkdown, type Checklist, type ChecklistArtifact, type ChecklistInput } from './index';
import { ChecklistSchema } from './schema';
import { signingFindings } from '../saml/signing';
import { firstFlexOnlyWord } from '../../tests/support/flex-only-words';

const HEX = '0123456789abcdef0123456789abcdef';
const IDS = { connectionId: `JQ${HEX}`, accountSid: `AC${HEX}`, realmSid: `JB${HEX}` };
/** The day this round's facts were checked against; golden files are made as of this date. */
const TODAY = new Date('2026-11-30T12:00:00Z');
const AUTH0_CLIENT_ID = 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww';
const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Predictable GUIDs, so golden files do not change from run to run. */
function counterUuid(): () => string {
  let next = 0;
  return () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
}

/** The inputs a golden file is made from: every optional input a pair can take. */
function goldenInput(mode: ModeId, idp: IdpId): ChecklistInput {
  return {
    mode,
    idp,
    ...IDS,
    now: TODAY,
    uuid: counterUuid(),
    insightsRoles: mode === 'frontline' ? [] : ['wfo.full_access'],
    ...(mode === 'frontline' ? { workspaceId: `WS${HEX}` } : {}),
    ...(idp === 'auth0' ? { auth0ClientId: AUTH0_CLIENT_ID } : {}),
  };
}

function artifacts(checklist: Checklist): ChecklistArtifact[] {
  return checklist.sections.flatMap((section) => section.steps.flatMap((step) => step.artifacts));
}

function parseArtifact(artifact: ChecklistArtifact): void {
  switch (artifact.language) {
    case 'json':
      JSON.parse(artifact.content);
      return;
    case 'xml': {
      const errors: string[] = [];
      const doc = new XmlParser({
        onError: (level, message) => {
          if (level !== 'warning') errors.push(message);
        },
      }).parseFromString(artifact.content, 'text/xml');
      expect(errors).toEqual([]);
      expect(doc.documentElement).toBeTruthy();
      return;
    }
    case 'javascript':
      new Script(artifact.content, { filename: artifact.filename });
      return;
    case 'text':
      expect(artifact.content.length).toBeGreaterThan(0);
  }
}

const CASES = MODE_IDS.flatMap((mode) => IDP_IDS.map((idp) => [mode, idp] as [ModeId, IdpId]));

describe.each(CASES)('golden: %s × %s', (mode, idp) => {
  const checklist = buildChecklist(goldenInput(mode, idp));
  // Legacy is retired on TODAY: its checklist is the move to enhanced SSO, so the IdP gets the enhanced values.
  const target = mode === 'flex-legacy' ? 'flex-enhanced' : mode;
  const { acsUrl, entityId } = spValues(target, IDS);
  const md = renderMarkdown(checklist);

  it('matches its golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const file = join(GOLDEN_DIR, `${mode}--${idp}.md`);
    if (UPDATE || !existsSync(file)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, md);
    }
    expect(md).toBe(readFileSync(file, 'utf8'));
  });

  it('carries the exact SP values', () => {
    expect(checklist.values.acsUrl).toBe(acsUrl);
    expect(checklist.values.entityId).toBe(entityId);
    if (mode === 'flex-legacy') {
      const legacy = spValues('flex-legacy', IDS);
      expect(checklist.migration).toMatchObject({
        retired: true,
        legacy: { acsUrl: legacy.acsUrl, entityId: legacy.entityId },
        enhanced: { acsUrl, entityId },
      });
    } else {
      expect(checklist.migration).toBeUndefined();
    }
  });

  it('markdown has both values verbatim', () => {
    expect(md).toContain(acsUrl);
    expect(md).toContain(entityId);
    expect(md.startsWith(`# ${checklist.title}`)).toBe(true);
    expect(md).not.toMatch(/\{\{\w+\}\}/);
  });

  it('JSON parses, fits the documented schema and has both values', () => {
    const json = renderJson(checklist);
    const parsed = JSON.parse(json);
    expect(ChecklistSchema.parse(parsed)).toBeTruthy();
    expect(parsed.values).toMatchObject({ acsUrl, entityId });
    expect(parsed.date).toBe('2026-11-30');
    expect(json).not.toMatch(/\{\{\w+\}\}/);
  });

  it('HTML parses in a DOM, is self-contained and has both values in code blocks', () => {
    const html = renderHtml(checklist);
    const window = new Window();
    const document = new window.DOMParser().parseFromString(html, 'text/html');
    expect(document.querySelector('h1')?.textContent).toBe(checklist.title);
    expect(document.querySelector('code.acs-url')?.textContent).toBe(acsUrl);
    expect(document.querySelector('code.entity-id')?.textContent).toBe(entityId);
    const codeTexts = Array.from(document.querySelectorAll('pre code')).map((node) => node.textContent);
    expect(codeTexts).toContain(acsUrl);
    expect(codeTexts).toContain(entityId);
    expect(document.querySelectorAll('script').length).toBe(0);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    void window.happyDOM.close();
  });

  it('every artifact parses', () => {
    const list = artifacts(checklist);
    expect(list.map((artifact) => artifact.kind)).toEqual(expect.arrayContaining(['sp-metadata', 'twilio-console-fields']));
    if (idp === 'auth0') expect(list.map((artifact) => artifact.kind)).toContain('auth0-post-login-action');
    for (const artifact of list) parseArtifact(artifact);
  });

  it('no step is empty', () => {
    for (const section of checklist.sections) {
      expect(section.steps.length, section.id).toBeGreaterThan(0);
      for (const step of section.steps)
        expect(step.body.length + step.values.length + step.tables.length + step.artifacts.length, step.title).toBeGreaterThan(0);
    }
  });

  it('states the seed facts that apply to every pair', () => {
    const ids = checklist.sections.map((section) => section.id);
    if (target === 'frontline') {
      expect(ids).not.toContain('sessions');
      expect(md).toMatch(/Last check: sign in to Frontline/);
    } else {
      expect(ids).toEqual(expect.arrayContaining(['sessions', 'several-idps']));
      expect(md).toMatch(/SessionNotOnOrAfter/);
      expect(md).toMatch(/longer than 1 hour, and better longer than an agent's shift \(8 to 10 hours\)/);
      expect(md).toMatch(/Login with SSO/);
      expect(md).toMatch(/This login is real: it creates a Flex user and a Worker/);
      expect(md).toMatch(/compare its attributes/);
      expect(md).toMatch(/its own SSO connection .* its own connection id \(JQ…\)/);
    }
  });

  it('says what must be signed by the rule the analysis applies, never "both must be signed"', () => {
    const assertionOnly = signingFindings({ responseSigned: false, assertionSigned: true, loginResponse: true }, target, idp);
    const responseOnly = signingFindings({ responseSigned: true, assertionSigned: false, loginResponse: true }, target, idp);
    expect(responseOnly.filter((finding) => finding.severity === 'error')).toEqual([]);
    const assertionAloneRefused = assertionOnly.some((finding) => finding.severity === 'error');
    for (const text of [md, renderHtml(checklist), renderJson(checklist)]) {
      expect(text).not.toMatch(/signed \(response and assertion\)|both must be signed|only responses that are signed|requires both|needs both/i);
      expect(text.includes('a signed assertion alone is not enough')).toBe(assertionAloneRefused);
      expect(text.includes('a signed assertion is enough')).toBe(!assertionAloneRefused);
    }
    if (target === 'frontline') expect(md).toMatch(/That Frontline applies this rule is not verified/);
  });

  it('a step that says "the table" shows that table itself, not one folded away in another section', () => {
    for (const step of checklist.sections.find((section) => section.id === 'idp-setup')!.steps) {
      if (!/\bin the table\b|claim in the table|attribute in the table/.test(step.body.join(' '))) continue;
      expect(step.tables.length, step.title).toBe(1);
      const names = step.tables[0]!.rows.map((row) => row[0]);
      expect(names, step.title).toEqual(expect.arrayContaining(target === 'frontline' ? ['email', 'roles'] : ['email', 'roles', 'full_name']));
      expect(names, step.title).not.toContain('NameID');
    }
    if (idp === 'azure-ad') {
      const claims = checklist.sections.find((section) => section.id === 'idp-setup')!.steps.find((step) => step.title === 'Configure the claims')!;
      expect(claims.tables[0]!.columns).toEqual(['Name', 'Source attribute', 'Namespace', 'Required']);
    }
  });

  it('a copy block holds a value to paste, never an IdP field name or an instruction', () => {
    const names = [checklist.fieldNames.certificate, checklist.fieldNames.issuer, checklist.fieldNames.ssoUrl];
    const pasted = checklist.sections.flatMap((section) => section.steps.flatMap((step) => step.values.map((value) => value.value)));
    for (const value of pasted) {
      expect(
        names.some((name) => value.startsWith(name)),
        value,
      ).toBe(false);
      expect(value).not.toMatch(/^\(|leave empty|<runtime-domain>/);
    }
  });

  it('reads right on its own: no "message above", no "Twilio section", no "this checklist" said of the wizard\'s screen', () => {
    expect(md).not.toMatch(/message above|as listed in the Twilio section|from this checklist/);
  });

  it('one colon per sentence, and no capital right after one mid-sentence, in the session and IdP-initiated lines', () => {
    expect(md).not.toMatch(/sets it: [A-Z]/);
    expect(md).not.toMatch(/Twilio does not support IdP-initiated login[^.\n]*: users start/);
    if (checklist.idp.id === 'azure-ad' && mode !== 'frontline')
      expect(md).toContain('- In Microsoft Entra ID (Azure AD), check Conditional Access sign-in frequency');
  });

  it('names problems in words, never by their finding codes', () => {
    const fixes = checklist.sections.flatMap((section) => section.steps).find((item) => item.title.startsWith('Fixes in'))!;
    expect(fixes.tables[0]!.columns).toEqual(['When the test finds', 'What to do']);
    for (const [problem] of fixes.tables[0]!.rows) expect(problem).toMatch(/^[A-Z][a-z]* [^-]*$/);
    expect(md).not.toMatch(/^\| (signature-invalid|cert-expired|namespaced-claim|response-unsigned) \|/m);
  });
});

describe.each(IDP_IDS)('Frontline × %s reads like Frontline in every format', (idp) => {
  it('has no Flex-only word, and has its Workspace ID and the closed-to-new-customers note', () => {
    const checklist = buildChecklist(goldenInput('frontline', idp));
    const md = renderMarkdown(checklist);
    const outputs = { md, html: renderHtml(checklist), json: renderJson(checklist) };
    for (const [format, text] of Object.entries(outputs)) expect(firstFlexOnlyWord(text), format).toBeNull();
    expect(md).toContain(`WS${HEX}`);
    expect(md).toContain('closed to new customers since 9 February 2023');
  });
});

describe('legacy SSO on both sides of its deadline (a fixed clock)', () => {
  const before = buildChecklist({ mode: 'flex-legacy', idp: 'okta', accountSid: IDS.accountSid, now: new Date('2026-03-31T20:00:00Z') });
  const after = buildChecklist({ mode: 'flex-legacy', idp: 'okta', accountSid: IDS.accountSid, now: new Date('2026-04-01T00:00:01Z') });

  it('before: a legacy setup with the move still to make by the deadline', () => {
    expect(before.mode.retired).toBe(false);
    expect(before.warnings[0]!.message).toMatch(/must move to enhanced SSO by 31 March 2026/);
    expect(before.values.acsUrl).toBe(`https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`);
    expect(before.sections.map((section) => section.id)).toContain('idp-setup');
    expect(renderMarkdown(before)).not.toMatch(/retired/);
  });

  it('after: retired, may stop working at any time, and the legacy path is the migration path', () => {
    expect(after.mode.retired).toBe(true);
    expect(after.title).toMatch(/from legacy to enhanced SSO/);
    expect(after.warnings[0]!.message).toMatch(
      /retired: the last announced deadline to move to enhanced SSO, 31 March 2026, has passed, so logins through it may stop working at any time/,
    );
    // No fresh legacy setup: without the enhanced connection id there are no IdP steps at all.
    expect(after.sections.map((section) => section.id)).toEqual(['before-you-start', 'migration']);
    const migration = after.sections.find((section) => section.id === 'migration')!;
    expect(migration.steps[0]!.tables[0]!.rows[0]![1]).toBe(`https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`);
    expect(migration.steps.map((step) => step.title)).toEqual(
      expect.arrayContaining(['Create a new IdP app (recommended)', 'Modify the existing IdP app', 'Next: the enhanced values']),
    );
    const md = renderMarkdown(after);
    expect(md).toMatch(/Every login fails from the moment one side changes/);
    expect(md).toMatch(/Nothing breaks while you build and test it/);
    for (const format of [md, renderHtml(after), renderJson(after)]) expect(format).toMatch(/Legacy Flex SSO is retired/);
  });

  it('a chosen path is marked, and the IdP steps say which apply', () => {
    const modify = buildChecklist({ mode: 'flex-legacy', idp: 'azure-ad', ...IDS, migration: 'modify-existing', now: TODAY });
    expect(modify.migration?.path).toBe('modify-existing');
    const md = renderMarkdown(modify);
    expect(md).toMatch(/Modify the existing IdP app \(your choice\)/);
    expect(md).toMatch(/only the ACS URL and the Entity ID change/);
    // The path not chosen is named, never told in full.
    expect(md).not.toMatch(/### \d+\. Create a new IdP app/);
    expect(md).not.toMatch(/users keep signing in through the legacy app/);
    expect(md).toMatch(/The Console also offers "Create a new IdP app"; this checklist follows the path chosen\./);
    const create = renderMarkdown(buildChecklist({ mode: 'flex-legacy', idp: 'azure-ad', ...IDS, migration: 'create-new-app', now: TODAY }));
    expect(create).not.toMatch(/Every login fails from the moment one side changes/);
    expect(create).toMatch(/switch the account to enhanced SSO in the Twilio Console/);
    expect(create).toMatch(/remove the legacy IdP app\./);
    expect(create).toMatch(/The legacy settings stay available for 30 days after the switch\./);
  });
});

describe("the Console's own ACS URL", () => {
  it('a pasted ACS URL on another host is used everywhere, with a note', () => {
    const acsUrl = `https://login.flex.ie1.twilio.com/login/callback?connection=JQ${HEX}`;
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'okta', connectionId: IDS.connectionId, acsUrl, now: TODAY });
    expect(checklist.values.acsUrl).toBe(acsUrl);
    expect(checklist.values.spMetadataXml).toContain(`Location="${acsUrl}"`);
    const md = renderMarkdown(checklist);
    expect(md).not.toContain('login.flex.us1.twilio.com/login/callback');
    expect(md).toMatch(/gives the ACS URL on login\.flex\.ie1\.twilio\.com, not on login\.flex\.us1\.twilio\.com/);
    expect(() => buildChecklist({ mode: 'flex-enhanced', idp: 'okta', connectionId: `JQ${HEX.replace('0', '1')}`, acsUrl })).toThrow(/names the connection/);
  });
});

describe('artifacts in detail', () => {
  const find = (checklist: Checklist, kind: string) => artifacts(checklist).find((artifact) => artifact.kind === kind)!;

  it('Azure app roles: one per role with its own GUID, Users/Groups, enabled, plus each chosen Insights role', () => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'azure-ad', ...IDS, insightsRoles: ['wfo.full_access', 'wfo.team_leader'] });
    const roles = JSON.parse(find(checklist, 'azure-app-roles').content) as { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
    expect(roles.map((role) => role.value)).toEqual(['admin', 'supervisor', 'agent', 'wfo.full_access', 'wfo.team_leader']);
    expect(new Set(roles.map((role) => role.id)).size).toBe(5);
    for (const role of roles) {
      expect(role.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(role.allowedMemberTypes).toEqual(['User']);
      expect(role.isEnabled).toBe(true);
    }
    const again = JSON.parse(find(buildChecklist({ mode: 'flex-enhanced', idp: 'azure-ad', ...IDS }), 'azure-app-roles').content) as { id: string }[];
    expect(again[0]!.id).not.toBe(roles[0]!.id);
  });

  it('Azure: one assignment per role (a supervisor with wfo.full_access is assigned twice) and the Notification Email Addresses step', () => {
    const md = renderMarkdown(buildChecklist({ mode: 'flex-enhanced', idp: 'azure-ad', ...IDS, insightsRoles: ['wfo.full_access'] }));
    expect(md).toMatch(/Each assignment carries exactly one role/);
    expect(md).toMatch(/a supervisor who also has the Insights role wfo\.full_access is added twice/);
    expect(md).toMatch(/Notification Email Addresses/);
  });

  it('Azure Frontline: one role agent, "Agent", "Frontline user"', () => {
    const roles = JSON.parse(find(buildChecklist({ mode: 'frontline', idp: 'azure-ad', ...IDS }), 'azure-app-roles').content);
    expect(roles).toMatchObject([{ value: 'agent', displayName: 'Agent', description: 'Frontline user', allowedMemberTypes: ['User'], isEnabled: true }]);
  });

  it('Okta attribute statements', () => {
    const content = find(buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS }), 'okta-attribute-statements').content;
    expect(content).toContain('full_name\tBasic\tString.join(" ", user.firstName, user.lastName)');
    expect(content).toContain('roles\tBasic\tuser.userType');
    expect(content).toContain('email\tBasic\tuser.email');
    expect(find(buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS }), 'okta-attribute-statements').title).toBe(
      'Attribute Statements (Name, Name format, Value); image_url is optional',
    );
    expect(find(buildChecklist({ mode: 'frontline', idp: 'okta', ...IDS }), 'okta-attribute-statements').title).toBe(
      'Attribute Statements (Name, Name format, Value)',
    );
  });

  it('the roles value to copy is a list without spaces, as a User type or a roles claim takes it', () => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS, insightsRoles: ['wfo.full_access'] });
    const roles = checklist.sections.find((section) => section.id === 'roles')!.steps[0]!.values;
    expect(roles).toEqual([{ label: 'roles', value: 'admin,supervisor,agent,wfo.full_access' }]);
  });

  it("PingOne maps roles from user.memberOfGroupNames; OneLogin's SAML signature element is on the Configuration tab", () => {
    const ping = renderMarkdown(buildChecklist({ mode: 'flex-enhanced', idp: 'ping', ...IDS }));
    expect(ping).toContain('user.memberOfGroupNames');
    expect(ping).not.toContain('memberOfGroupsNames');
    const onelogin = renderMarkdown(buildChecklist({ mode: 'flex-enhanced', idp: 'onelogin', ...IDS }));
    expect(onelogin).toMatch(/On the Configuration tab set SAML signature element/);
    expect(onelogin).not.toMatch(/SSO tab[^.]*SAML signature element/);
  });

  it('Auth0: add-on settings; the Action names the Client ID and works as pasted', () => {
    const checklist = buildChecklist({
      mode: 'flex-enhanced',
      idp: 'auth0',
      ...IDS,
      customDomain: 'flex.example.org',
      auth0ClientId: `https://dev-abc123.us.auth0.com/samlp/metadata/${AUTH0_CLIENT_ID}`,
    });
    const settings = JSON.parse(find(checklist, 'auth0-addon-settings').content);
    expect(settings).toMatchObject({
      audience: `urn:flex:JQ${HEX}`,
      binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
    });
    const action = find(checklist, 'auth0-post-login-action').content;
    expect(action).toContain(`const TWILIO_CLIENT_ID = '${AUTH0_CLIENT_ID}';`);
    expect(action).not.toMatch(/<client id/i);
    // Run it the way Auth0 does: for the Twilio application it sends the roles; for another, nothing.
    const run = (clientId: string) => {
      const sent: Record<string, unknown> = {};
      const denied: string[] = [];
      const sandbox = createContext({ exports: {} as Record<string, unknown> });
      runInContext(action, sandbox);
      const handler = (sandbox.exports as { onExecutePostLogin: (event: unknown, api: unknown) => Promise<void> }).onExecutePostLogin;
      const event = {
        client: { client_id: clientId },
        user: { email: 'ann@example.com', name: 'Ann Example', app_metadata: { flex: { roles: ['supervisor', 'wfo.full_access'], team: 'Sales' } } },
      };
      const api = {
        samlResponse: { setAttribute: (name: string, value: unknown) => (sent[name] = value) },
        access: { deny: (reason: string) => denied.push(reason) },
      };
      return handler(event, api).then(() => ({ sent, denied }));
    };
    return Promise.all([run(AUTH0_CLIENT_ID), run('SomeOtherApplicationClientId0000')]).then(([ours, other]) => {
      expect(ours.sent).toEqual({ roles: ['supervisor', 'wfo.full_access'], email: 'ann@example.com', full_name: 'Ann Example', team: 'Sales' });
      expect(other.sent).toEqual({});
      const md = renderMarkdown(checklist);
      expect(md).toContain('https://flex.example.org/logout');
      expect(md).toMatch(/Allowed Logout URLs \(unverified\)/);
      expect(md).toMatch(/Twilio does not confirm them/);
      expect(md).toContain('2.7.x or later');
      expect(md).not.toContain('urn:auth0:');
      expect(md).toMatch(/normally urn: followed by the tenant's domain/);
    });
  });

  it('Auth0 without the Client ID: no Action code at all, and the checklist says why', () => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'auth0', ...IDS });
    expect(artifacts(checklist).map((artifact) => artifact.kind)).not.toContain('auth0-post-login-action');
    expect(checklist.warnings.map((warning) => warning.message).join(' ')).toMatch(/Client ID of the Auth0 application/);
    expect(() => buildChecklist({ mode: 'flex-enhanced', idp: 'auth0', ...IDS, auth0ClientId: 'abc' })).toThrow(/32 letters and digits/);
  });

  it('Google mapping and no IdP-initiated login', () => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'google', ...IDS });
    expect(find(checklist, 'google-attribute-mapping').content).toContain('Flex > Roles\troles');
    expect(checklist.sections.find((section) => section.id === 'idp-initiated')?.steps[0]?.title).toMatch(/not supported/);
  });

  it('refuses bad inputs with the field named', () => {
    expect(() => buildChecklist({ mode: 'flex-enhanced', idp: 'okta' })).toThrow(/SSO connection id/);
    expect(() => buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS, insightsRoles: ['wfo.nope'] })).toThrow(/not a Flex Insights role/);
    expect(() => buildChecklist({ mode: 'frontline', idp: 'okta', ...IDS, customDomain: 'flex.example.org' })).toThrow(/Flex only/);
    expect(() => buildChecklist({ mode: 'frontline', idp: 'okta', ...IDS, workspaceId: 'x'.repeat(201) })).toThrow(
      /Workspace ID is 201 characters long; give at most 200/,
    );
  });

  it('takes any Workspace ID as the Frontline console shows it (its form is not published)', () => {
    const checklist = buildChecklist({ mode: 'frontline', idp: 'okta', ...IDS, workspaceId: ' acme-workspace ' });
    expect(renderMarkdown(checklist)).toContain('acme-workspace');
    const without = renderMarkdown(buildChecklist({ mode: 'frontline', idp: 'okta', ...IDS }));
    expect(without).not.toMatch(/WS…|WS followed/);
  });
});

describe("the IdP's values brought back", () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAK\n-----END CERTIFICATE-----';
  const idpValues = {
    certificate: pem,
    issuer: 'https://sts.windows.net/682febe8-021b-4fde-ac09-e60085f05181/',
    ssoUrl: 'https://login.microsoftonline.com/x/saml2',
  };

  it('are the values to paste in the Twilio Console step, with where each came from said in words', () => {
    const checklist = buildChecklist({ ...goldenInput('flex-enhanced', 'azure-ad'), idpValues });
    const step = checklist.sections.find((section) => section.id === 'twilio-console')!.steps[0]!;
    expect(step.values.slice(0, 3)).toEqual([
      { label: 'X.509 Certificate', value: pem },
      { label: 'Identity Provider Issuer', value: idpValues.issuer },
      { label: 'Single Sign-On URL', value: idpValues.ssoUrl },
    ]);
    expect(step.body).toContain('Single Sign-On URL: the "Login URL" from Microsoft Entra ID (Azure AD), as brought back (below).');
  });

  it('without them, each field says where to copy it from, in plain text', () => {
    const checklist = buildChecklist({ ...goldenInput('flex-enhanced', 'auth0'), idpValues: { issuer: 'urn:example.auth0.com' } });
    const step = checklist.sections.find((section) => section.id === 'twilio-console')!.steps[0]!;
    expect(step.values.map((value) => value.label)).not.toContain('X.509 Certificate');
    expect(step.values[0]).toEqual({ label: 'Identity Provider Issuer', value: 'urn:example.auth0.com' });
    expect(step.body.some((line) => line.startsWith('Single Sign-On URL: from Auth0, copy its "'))).toBe(true);
    expect(step.values.map((value) => value.value)).not.toContain('Issuer');
  });
});

describe('custom domains in the checklist', () => {
  it.each([
    ['http://localhost:3000', 'http://localhost:3000', false],
    ['https://flex.example.com:8443', 'https://flex.example.com:8443', true],
    ['127.0.0.1:8080', 'http://127.0.0.1:8080', false],
  ])('%s → trusted domain %s, DNS step %s', (domain, origin, dns) => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS, customDomain: domain });
    const section = checklist.sections.find((item) => item.id === 'custom-domain')!;
    expect(section.steps[0]!.values).toEqual([{ label: 'Trusted Domains', value: origin }]);
    expect(section.steps.some((step) => step.title === 'DNS record')).toBe(dns);
    if (!dns) expect(renderMarkdown(checklist)).not.toMatch(/CNAME/);
  });
});
