import { describe, expect, it } from 'vitest';
import { customDomainPlan } from './custom-domain';
import { LEGACY_SSO, legacyDeadlinePassed, migrationPlan } from './migration';
import { checkSessionLifetime } from './session';
import { urlProblem } from './urls';

const HEX = '0123456789abcdef0123456789abcdef';

describe('SessionNotOnOrAfter (facts section 6)', () => {
  const at = '2025-01-01T08:00:00Z';
  it.each([
    [undefined, []],
    ['2025-01-01T08:30:00Z', [['session-too-short', 'error']]],
    ['2025-01-01T09:00:00Z', [['session-too-short', 'error']]],
    ['2025-01-01T12:00:00Z', [['session-too-short', 'warning']]],
    ['2025-01-01T18:00:00Z', [['session-limit', 'info']]],
  ])('%s', (end, expected) => {
    expect(checkSessionLifetime(at, end).map((problem) => [problem.code, problem.severity])).toEqual(expected);
  });
});

describe('urlProblem', () => {
  it.each([
    ['https://login.microsoftonline.com/t/saml2', null],
    ['http://idp.example.com/sso', /must start with https:\/\//],
    ['idp.example.com/sso', /full address/],
    ['https://idp.example.com/a b', /spaces/],
    ['', /required/],
  ])('%s', (value, expected) => {
    const problem = urlProblem(value, 'the SSO URL');
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('legacy migration', () => {
  it('keeps the deadline as data', () => {
    expect(LEGACY_SSO.deadline).toBe('2026-03-31');
    expect(legacyDeadlinePassed(new Date('2026-03-31T12:00:00Z'))).toBe(false);
    expect(legacyDeadlinePassed(new Date('2026-04-01T00:00:01Z'))).toBe(true);
  });

  it('shows old and new values side by side', () => {
    const plan = migrationPlan({ accountSid: `AC${HEX}`, connectionId: `JQ${HEX}` });
    expect(plan.legacy?.acsUrl).toBe(`https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`);
    expect(plan.enhanced?.entityId).toBe(`urn:flex:JQ${HEX}`);
    expect(plan.choices.map((choice) => choice.path)).toEqual(['create-new', 'modify-existing']);
    expect(migrationPlan({ accountSid: `AC${HEX}` }).enhanced).toBeNull();
  });
});

describe('custom Flex domain', () => {
  it('enhanced: origin, Flex UI 2.7, CNAME, Auth0 logout URLs', () => {
    const plan = customDomainPlan('https://Flex.Example.org/', 'flex-enhanced', 'auth0');
    expect(plan.trustedDomainEntries).toEqual(['https://flex.example.org']);
    expect(plan.minFlexUi).toBe('2.7.x');
    expect(plan.dns).toEqual({ type: 'CNAME', name: 'flex.example.org', target: 'flex.twilio.com', verified: false });
    expect(plan.logoutUrls).toEqual(['https://flex.twilio.com/logout', 'https://flex.example.org/logout']);
  });

  it('legacy: host name, no version, no logout URLs outside Auth0', () => {
    const plan = customDomainPlan('flex.example.org', 'flex-legacy', 'okta');
    expect(plan.trustedDomainEntries).toEqual(['flex.example.org']);
    expect(plan.minFlexUi).toBeNull();
    expect(plan.logoutUrls).toBeNull();
  });

  it('refuses wildcards and junk', () => {
    expect(() => customDomainPlan('*.example.org', 'flex-enhanced', 'okta')).toThrow(/without a wildcard/);
    expect(() => customDomainPlan('exa mple', 'flex-enhanced', 'okta')).toThrow(/custom domain/);
  });
});
