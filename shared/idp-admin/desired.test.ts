import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../checklist';
import { DomainInputError } from '../domain/modes';
import { desiredSetup, noAdminApiReason, twilioStaysManual } from './desired';

const IDS = { connectionId: `JQ${'0a'.repeat(16)}`, realmSid: `JB${'0b'.repeat(16)}` };

describe("desired IdP setup comes from the checklist's own knowledge", () => {
  it("Entra: the app roles are the checklist's manifest roles, Insights roles included", () => {
    const setup = desiredSetup({ idp: 'azure-ad', mode: 'flex-enhanced', ids: IDS, insightsRoles: ['wfo.team_leader'] });
    const manifest = buildChecklist({ mode: 'flex-enhanced', idp: 'azure-ad', ...IDS, insightsRoles: ['wfo.team_leader'] })
      .sections.flatMap((s) => s.steps)
      .flatMap((s) => s.artifacts)
      .find((a) => a.kind === 'azure-app-roles')!;
    expect(setup.roles.map((r) => r.value)).toEqual((JSON.parse(manifest.content) as Array<{ value: string }>).map((r) => r.value));
    expect(setup.claims).toEqual([
      { name: 'email', source: 'user.mail' },
      { name: 'full_name', source: 'user.displayname' },
      { name: 'roles', source: 'user.assignedroles' },
    ]);
    expect(setup.marker).toBe(`flex-sso-wizard:${IDS.connectionId}`);
  });

  it('Okta Frontline: the constant role agent, no full_name', () => {
    const setup = desiredSetup({ idp: 'okta', mode: 'frontline', ids: IDS });
    expect(setup.claims).toEqual([
      { name: 'email', source: 'user.email' },
      { name: 'roles', source: '"agent"' },
    ]);
    expect(setup.entityId).toBe(`https://iam.twilio.com/v2/saml2/metadata/${IDS.realmSid}`);
  });

  it('Auth0: the add-on settings are the checklist JSON, and the Action names the created application', () => {
    const setup = desiredSetup({ idp: 'auth0', mode: 'flex-enhanced', ids: IDS });
    // The add-on signs one of the two: with signResponse true, the response (facts section 1).
    expect(setup.signing).toEqual({ responseSigned: true, assertionSigned: false, algorithm: 'sha256' });
    expect(setup.auth0!.addonSettings).toMatchObject({ audience: setup.entityId, signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' });
    expect(setup.auth0!.actionCode('abcDEF123')).toContain("const TWILIO_CLIENT_ID = 'abcDEF123';");
  });

  it('refuses a role the mode does not have, and says why Google cannot be set up', () => {
    expect(() =>
      desiredSetup({ idp: 'azure-ad', mode: 'frontline', ids: IDS, assignments: [{ principalId: 'g', principalType: 'group', role: 'admin' }] }),
    ).toThrow(DomainInputError);
    expect(noAdminApiReason('google')).toMatch(/no API for creating custom SAML apps/);
    expect(noAdminApiReason('okta')).toBe('');
    expect(twilioStaysManual('frontline')).toMatch(/^Twilio has no public API for Frontline single sign-on settings/);
    expect(twilioStaysManual('frontline')).not.toMatch(/\bFlex\b/);
  });
});
