import { describe, expect, it } from 'vitest';
import { customDomainPlan } from './custom-domain';
import { longDate } from './dates';
import { LEGACY_SSO, legacyDeadlinePassed, legacyStatus, migrationPlan, modeRetired } from './migration';
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

describe('legacy SSO: the deadline is data, compared with today (a fixed clock on both sides)', () => {
  it('keeps the dates as data', () => {
    expect(LEGACY_SSO.deadline).toBe('2026-03-31');
    expect(longDate(LEGACY_SSO.deadline)).toBe('31 March 2026');
  });

  it.each([
    ['2026-03-31T00:00:00Z', false],
    ['2026-03-31T23:59:59Z', false],
    ['2026-04-01T00:00:01Z', true],
    ['2026-11-30T12:00:00Z', true],
  ])('%s: retired %s', (now, retired) => {
    const status = legacyStatus(new Date(now));
    expect(status.retired).toBe(retired);
    expect(legacyDeadlinePassed(new Date(now))).toBe(retired);
    expect(modeRetired('flex-legacy', new Date(now))).toBe(retired);
    expect(status.warning).toMatch(
      retired ? /is retired: .*has passed, so logins through it may stop working at any time/ : /must move to enhanced SSO by 31 March 2026/,
    );
  });

  it('only legacy is ever retired', () => {
    expect(modeRetired('flex-enhanced', new Date('2030-01-01'))).toBe(false);
    expect(modeRetired('frontline', new Date('2030-01-01'))).toBe(false);
  });

  it('shows old and new values side by side, with what breaks meanwhile', () => {
    const plan = migrationPlan({ accountSid: `AC${HEX}`, connectionId: `JQ${HEX}` }, new Date('2026-11-30'));
    expect(plan.status.retired).toBe(true);
    expect(plan.legacy?.acsUrl).toBe(`https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`);
    expect(plan.enhanced?.entityId).toBe(`urn:flex:JQ${HEX}`);
    expect(plan.choices.map((choice) => choice.path)).toEqual(['create-new-app', 'modify-existing']);
    expect(plan.choices.every((choice) => choice.meanwhile.length > 20)).toBe(true);
    expect(migrationPlan({ accountSid: `AC${HEX}` }).enhanced).toBeNull();
  });
});

describe("custom Flex domain (the facts' rules)", () => {
  it('enhanced: an origin (port kept), Flex UI 2.7, CNAME, Auth0 logout URLs', () => {
    const plan = customDomainPlan('https://Flex.Example.org:8443/', 'flex-enhanced', 'auth0');
    expect(plan.trustedDomainEntries).toEqual(['https://flex.example.org:8443']);
    expect(plan.minFlexUi).toBe('2.7.x');
    expect(plan.dns).toEqual({ type: 'CNAME', name: 'flex.example.org', target: 'flex.twilio.com', verified: false });
    expect(plan.logoutUrls).toEqual(['https://flex.twilio.com/logout', 'https://flex.example.org:8443/logout']);
  });

  it('legacy: the host name alone, no version, no logout URLs outside Auth0', () => {
    const plan = customDomainPlan('flex.example.org', 'flex-legacy', 'okta');
    expect(plan.trustedDomainEntries).toEqual(['flex.example.org']);
    expect(plan.minFlexUi).toBeNull();
    expect(plan.logoutUrls).toBeNull();
  });

  it.each([
    ['http://localhost:3000', 'http://localhost:3000'],
    ['localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['https://203.0.113.7', 'https://203.0.113.7'],
  ])('%s: no DNS step (loopback name or IP address), origin %s', (domain, origin) => {
    const plan = customDomainPlan(domain, 'flex-enhanced', 'okta');
    expect(plan.dns).toBeNull();
    expect(plan.origin).toBe(origin);
  });

  it('a bare host name is served over https, and says so', () => {
    const plan = customDomainPlan('flex.example.org', 'flex-enhanced', 'okta');
    expect(plan.origin).toBe('https://flex.example.org');
    expect(plan.notes.join(' ')).toMatch(/No scheme was given: the wizard took https:\/\//);
  });

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['http://flex.example.com', /http:\/\/ is only for Flex running on this computer while you develop/],
    ['https://flex.example.com/agents', /has a path \(\/agents\); a custom Flex domain is an origin/],
    ['flex.example.com/agents?x=1', /has a path/],
    ['*.example.org', /without a wildcard/],
    ['ftp://flex.example.org', /ftp:\/\/ is not a web address/],
    ['https://flex.example.org:0', /port must be between 1 and 65535/],
    ['exa mple', /not a valid domain label|not a domain name/],
  ])('refuses %j, naming the rule', (domain, message) => {
    expect(() => customDomainPlan(domain, 'flex-enhanced', 'okta')).toThrow(message);
  });
});
