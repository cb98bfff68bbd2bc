import { describe, expect, it } from 'vitest';
import { previewWorker } from './claims';
import { readModeIdInput } from './console-values';
import { desiredState } from './desired-state';
import { FRONTLINE_WORKSPACE_ID, frontlineWorkspaceIdNote } from './frontline';
import { DomainInputError, spValues, type ModeId } from './modes';

const HEX = '0123456789abcdef0123456789abcdef';
const JQ = `JQ${HEX}`;

describe("the id field takes what Twilio's page shows and extracts the id", () => {
  it.each<[ModeId, string, string, string | null]>([
    ['flex-enhanced', JQ, JQ, null],
    ['flex-enhanced', `  ${JQ}  `, JQ, null],
    ['flex-enhanced', `https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`, JQ, null],
    ['flex-enhanced', `urn:flex:${JQ}`, JQ, null],
    [
      'flex-enhanced',
      `https://login.flex.ie1.twilio.com/login/callback?connection=${JQ}`,
      JQ,
      `https://login.flex.ie1.twilio.com/login/callback?connection=${JQ}`,
    ],
    ['flex-legacy', `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`, `AC${HEX}`, null],
    ['flex-legacy', `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2/metadata`, `AC${HEX}`, null],
    ['frontline', `https://iam.twilio.com/v2/saml2/authenticate/JB${HEX}`, `JB${HEX}`, null],
    ['frontline', `https://iam.twilio.com/v2/saml2/metadata/JB${HEX}`, `JB${HEX}`, null],
  ])('%s: %s', (mode, raw, id, acsUrl) => {
    const read = readModeIdInput(mode, raw);
    expect(read).toMatchObject({ ok: true, id, acsUrl });
    if (raw.trim() !== id) expect(read.ok && read.note).toMatch(new RegExp(`Read the .* ${id} from the (ACS URL|Entity ID)`));
  });

  it('says when the host differs, and keeps the pasted value', () => {
    const read = readModeIdInput('flex-enhanced', `https://login.flex.ie1.twilio.com/login/callback?connection=${JQ}`);
    expect(read.ok && read.note).toMatch(
      /Its host is login\.flex\.ie1\.twilio\.com, not login\.flex\.us1\.twilio\.com: the ACS URL is used exactly as Twilio's page gives it, everywhere/,
    );
  });

  it.each<[ModeId, string, RegExp]>([
    ['flex-enhanced', `http://login.flex.us1.twilio.com/login/callback?connection=${JQ}`, /start with https:\/\/, not http:\/\//],
    ['flex-enhanced', `https://login.example.com/login/callback?connection=${JQ}`, /on login\.example\.com, not a twilio\.com host/],
    ['flex-enhanced', `https://login.flex.us1.twilio.com/other?connection=${JQ}`, /not the Flex \(enhanced SSO\) ACS URL or Entity ID/],
    ['flex-enhanced', `https://login.flex.us1.twilio.com/login/callback?connection=JQ123`, /not the Flex \(enhanced SSO\) ACS URL/],
    ['flex-enhanced', 'urn:flex:JQ123', /not the Flex \(enhanced SSO\) ACS URL/],
    ['flex-enhanced', `AC${HEX}`, /starts with JQ; this starts with AC, which is an Account SID/],
    ['frontline', `https://iam.twilio.com/v2/saml2/authenticate/JQ${HEX}`, /not the Frontline ACS URL or Entity ID/],
  ])('%s refuses %s', (mode, raw, message) => {
    const read = readModeIdInput(mode, raw);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });
});

describe('spValues keeps a pasted enhanced ACS URL: one source for every consumer', () => {
  it('uses it as given', () => {
    const acsUrl = `https://login.flex.ie1.twilio.com/login/callback?connection=${JQ}`;
    expect(spValues('flex-enhanced', { connectionId: JQ, acsUrl })).toEqual({ mode: 'flex-enhanced', acsUrl, entityId: `urn:flex:${JQ}` });
  });

  it('refuses one for another connection or not from Twilio', () => {
    const other = `https://login.flex.ie1.twilio.com/login/callback?connection=JQ${'1'.repeat(32)}`;
    expect(() => spValues('flex-enhanced', { connectionId: JQ, acsUrl: other })).toThrow(DomainInputError);
    expect(() => spValues('flex-enhanced', { connectionId: JQ, acsUrl: `https://evil.example/login/callback?connection=${JQ}` })).toThrow(
      /must be the one Twilio's "Set up your identity provider" page shows/,
    );
  });

  it('other modes ignore it', () => {
    expect(spValues('frontline', { realmSid: `JB${HEX}`, acsUrl: 'https://x.twilio.com/' }).acsUrl).toBe(
      `https://iam.twilio.com/v2/saml2/authenticate/JB${HEX}`,
    );
  });
});

describe('desired state (shared with IdP automation)', () => {
  it('Flex: values, roles with Insights, the three claims', () => {
    expect(desiredState('flex-enhanced', { connectionId: JQ }, ['wfo.full_access'])).toEqual({
      mode: 'flex-enhanced',
      values: spValues('flex-enhanced', { connectionId: JQ }),
      roles: ['admin', 'supervisor', 'agent', 'wfo.full_access'],
      requiredClaims: ['roles', 'full_name', 'email'],
      nameId: 'email',
      encryptAssertions: false,
    });
  });

  it('Frontline: agent, email and roles only; no Insights roles', () => {
    expect(desiredState('frontline', { realmSid: `JB${HEX}` })).toMatchObject({ roles: ['agent'], requiredClaims: ['roles', 'email'] });
    expect(() => desiredState('frontline', { realmSid: `JB${HEX}` }, ['wfo.full_access'])).toThrow(/Frontline has no Insights roles/);
  });
});

describe('Frontline is its own product', () => {
  it('a Frontline login without full_name is complete; its messages name Frontline', () => {
    const preview = previewWorker({ mode: 'frontline', nameId: 'ann@example.com', attributes: { email: ['ann@example.com'], roles: ['agent'] } });
    expect(preview.problems).toEqual([]);
    const missing = previewWorker({ mode: 'frontline', nameId: 'ann@example.com', attributes: { roles: ['agent'] } });
    expect(missing.problems.map((problem) => problem.message)).toEqual([
      'the email claim is missing or empty; Frontline needs it on every login (add a claim named exactly "email")',
    ]);
  });

  // Twilio's Frontline guides do not describe the Workspace ID's form: any value is taken; only one unlike a workspace SID gets a note.
  it.each([`WS${HEX}`, ` WS${HEX} `, '', '   '])('Workspace ID %j: silent', (value) => {
    expect(frontlineWorkspaceIdNote(value)).toBeNull();
  });
  it.each(['acme', `WS${HEX.slice(1)}`, `WK${HEX}`, '12345'])('Workspace ID %s: a gentle note that says to keep it if the console shows it', (value) => {
    const note = frontlineWorkspaceIdNote(value);
    expect(note).toMatch(/^This does not look like a workspace SID .*If it is exactly what the Frontline console's SSO page shows, keep it\.$/);
    expect(note).not.toMatch(/wizard expects|must|required/i);
  });
  it('the Workspace ID hint says to copy it as the console shows it, and nothing about how the wizard was written', () => {
    expect(FRONTLINE_WORKSPACE_ID.explanation).toBe("Copy it exactly as the Frontline console's SSO page shows it. Twilio's guides do not describe its form.");
    for (const text of [FRONTLINE_WORKSPACE_ID.explanation, FRONTLINE_WORKSPACE_ID.where]) expect(text).not.toMatch(/wizard|seed|WS followed/i);
  });
});
