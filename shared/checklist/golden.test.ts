import { Script } from 'node:vm';
import { DOMParser as XmlParser } from '@xmldom/xmldom';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MODE_IDS, spValues, type ModeId } from '../domain/modes';
import { IDP_IDS, type IdpId } from '../idps';
import { buildChecklist, renderHtml, renderJson, renderMarkdown, type Checklist, type ChecklistArtifact } from './index';
import { ChecklistSchema } from './schema';

const HEX = '0123456789abcdef0123456789abcdef';
const IDS = { connectionId: `JQ${HEX}`, accountSid: `AC${HEX}`, realmSid: `JB${HEX}` };

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
      const doc = new XmlParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(artifact.content, 'text/xml');
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
  const checklist = buildChecklist({ mode, idp, ...IDS, insightsRoles: mode === 'frontline' ? [] : ['wfo.full_access'] });
  const { acsUrl, entityId } = spValues(mode, IDS);

  it('carries the exact SP values', () => {
    expect(checklist.values.acsUrl).toBe(acsUrl);
    expect(checklist.values.entityId).toBe(entityId);
  });

  it('markdown has both values verbatim', () => {
    const md = renderMarkdown(checklist);
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
    for (const artifact of list) parseArtifact(artifact);
  });

  it('no step is empty', () => {
    for (const section of checklist.sections) {
      expect(section.steps.length, section.id).toBeGreaterThan(0);
      for (const step of section.steps) expect(step.body.length + step.values.length + step.tables.length + step.artifacts.length, step.title).toBeGreaterThan(0);
    }
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

  it('Azure Frontline: one role agent, "Agent", "Frontline user"', () => {
    const roles = JSON.parse(find(buildChecklist({ mode: 'frontline', idp: 'azure-ad', ...IDS }), 'azure-app-roles').content);
    expect(roles).toMatchObject([{ value: 'agent', displayName: 'Agent', description: 'Frontline user', allowedMemberTypes: ['User'], isEnabled: true }]);
  });

  it('Okta attribute statements', () => {
    const content = find(buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS }), 'okta-attribute-statements').content;
    expect(content).toContain('full_name\tBasic\tString.join(" ", user.firstName, user.lastName)');
    expect(content).toContain('roles\tBasic\tuser.userType');
    expect(content).toContain('email\tBasic\tuser.email');
  });

  it('Auth0 add-on settings and Action', () => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'auth0', ...IDS, customDomain: 'flex.example.org' });
    const settings = JSON.parse(find(checklist, 'auth0-addon-settings').content);
    expect(settings).toMatchObject({ audience: `urn:flex:JQ${HEX}`, signResponse: true, binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' });
    const action = find(checklist, 'auth0-post-login-action').content;
    expect(action).toContain("api.samlResponse.setAttribute('roles', roles)");
    expect(action).toContain('app_metadata.flex');
    const md = renderMarkdown(checklist);
    expect(md).toContain('https://flex.twilio.com/logout');
    expect(md).toContain('https://flex.example.org/logout');
    expect(md).toContain('https://flex.example.org');
    expect(md).toContain('2.7.x or later');
  });

  it('Google mapping and no IdP-initiated login', () => {
    const checklist = buildChecklist({ mode: 'flex-enhanced', idp: 'google', ...IDS });
    expect(find(checklist, 'google-attribute-mapping').content).toContain('Flex > Roles\troles');
    expect(checklist.sections.find((section) => section.id === 'idp-initiated')?.steps[0]?.title).toMatch(/not supported/);
  });

  it('legacy shows the retirement and the migration side by side', () => {
    const checklist = buildChecklist({ mode: 'flex-legacy', idp: 'okta', ...IDS });
    expect(checklist.mode.retired).toBe(true);
    expect(checklist.warnings[0]!.message).toMatch(/retired/);
    const migration = checklist.sections.find((section) => section.id === 'migration')!;
    const table = migration.steps[0]!.tables[0]!;
    expect(table.rows[0]).toEqual(['ACS URL', `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`, `https://login.flex.us1.twilio.com/login/callback?connection=JQ${HEX}`]);
    expect(migration.steps.map((step) => step.title)).toEqual(expect.arrayContaining(['Create a new IdP app (recommended)', 'Modify the existing IdP app']));
  });

  it('refuses bad inputs with the field named', () => {
    expect(() => buildChecklist({ mode: 'flex-enhanced', idp: 'okta' })).toThrow(/SSO connection id/);
    expect(() => buildChecklist({ mode: 'flex-enhanced', idp: 'okta', ...IDS, insightsRoles: ['wfo.nope'] })).toThrow(/not a Flex Insights role/);
    expect(() => buildChecklist({ mode: 'frontline', idp: 'okta', ...IDS, customDomain: 'flex.example.org' })).toThrow(/Flex modes only/);
  });
});
