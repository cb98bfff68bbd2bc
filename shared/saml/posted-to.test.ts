import { describe, expect, it } from 'vitest';
import { spValues, type ModeId, type ModeIds } from '../domain/modes';
import { getPlaybook, IDP_IDS } from '../idps';
import type { AnalysisReport } from './report';
import { diagnosePostedTo, diagnosePostedToAddress, POSTED_TO_FINDING_CODE, withPostedToFinding, type PostedToKind } from './posted-to';

/** The login test's last sentence (electron/services/login-test/session.ts). */
const KEPT_HERE = { outcome: 'The test kept the response on this computer, so nothing reached that address.' };

const JQ = 'JQ0123456789abcdef0123456789abcdef';
const JQ_OTHER = 'JQffffffffffffffffffffffffffffffff';
const AC = 'AC0123456789abcdef0123456789abcdef';
const JB = 'JB0123456789abcdef0123456789abcdef';
const enhanced = spValues('flex-enhanced', { connectionId: JQ }).acsUrl;
const legacy = spValues('flex-legacy', { accountSid: AC }).acsUrl;
const frontline = spValues('frontline', { realmSid: JB }).acsUrl;
const otherEnhanced = spValues('flex-enhanced', { connectionId: JQ_OTHER }).acsUrl;
const IDS: Record<ModeId, ModeIds> = { 'flex-enhanced': { connectionId: JQ }, 'flex-legacy': { accountSid: AC }, frontline: { realmSid: JB } };

describe('where the response went', () => {
  const cases: Array<[string, ModeId, string, PostedToKind, RegExp | null]> = [
    ['the exact ACS URL', 'flex-enhanced', enhanced, 'expected', null],
    [
      'the ACS URL with an upper-case host (the browser lower-cases it)',
      'flex-enhanced',
      enhanced.replace('login.flex.us1.twilio.com', 'LOGIN.FLEX.US1.TWILIO.COM'),
      'expected',
      null,
    ],
    ['a trailing dot', 'flex-enhanced', enhanced.replace('twilio.com/', 'twilio.com./'), 'other-spelling', /its host name ends with a dot/],
    ['a port', 'flex-enhanced', enhanced.replace('twilio.com/', 'twilio.com:8443/'), 'other-spelling', /names port 8443/],
    ['http://', 'frontline', frontline.replace('https:', 'http:'), 'other-spelling', /http:\/\/ instead of https:\/\//],
    [
      'this connection on another Twilio host than the Console gives',
      'flex-enhanced',
      enhanced,
      'other-spelling',
      /its host is login\.flex\.us1\.twilio\.com, not login\.flex\.ie1\.twilio\.com/,
    ],
    [
      'another connection',
      'flex-enhanced',
      otherEnhanced,
      'other-id',
      /another SSO connection id \(JQf+\): probably an application set up for another customer, or an old one/,
    ],
    ['another Account SID (legacy)', 'flex-legacy', legacy.replace(AC, 'AC' + 'e'.repeat(32)), 'other-id', /another Account SID/],
    [
      'the legacy ACS during an enhanced test',
      'flex-enhanced',
      legacy,
      'other-mode',
      /legacy Flex SSO ACS URL \(Account SID AC0123.*midway through a move to enhanced SSO/,
    ],
    ['an enhanced ACS during a legacy test', 'flex-legacy', enhanced, 'other-mode', /already been moved to enhanced SSO/],
    ['a Frontline ACS during a Flex test', 'flex-enhanced', frontline, 'other-mode', /ACS URL of Frontline \(Realm SID JB0123.*set up for Frontline/],
    [
      "a Flex connection's ACS during a Frontline test",
      'frontline',
      otherEnhanced,
      'other-mode',
      /set up for Flex, perhaps for another customer, not for this Frontline setup/,
    ],
    [
      'another Twilio address',
      'flex-enhanced',
      'https://flex.twilio.com/some-runtime',
      'other-twilio',
      /a Twilio address, but not the ACS URL of this Flex \(enhanced SSO\) setup/,
    ],
    ['another application', 'flex-enhanced', 'https://sso.other-app.example/saml/acs', 'not-twilio', /not a Twilio address/],
    [
      'the same address in other case (Twilio does not ignore it)',
      'flex-legacy',
      legacy.replace('/saml2', '/SAML2'),
      'other-spelling',
      /differs in upper and lower case/,
    ],
  ];

  it.each(cases)('%s', (label, mode, postedTo, kind, reason) => {
    // One case uses the ACS URL as an account's own Console page gives it, on another host.
    const ids = label.includes('another Twilio host') ? { ...IDS[mode], acsUrl: enhanced.replace('.us1.', '.ie1.') } : IDS[mode];
    const diagnosis = diagnosePostedTo(postedTo, mode, ids, undefined, KEPT_HERE);
    expect(diagnosis.kind).toBe(kind);
    if (!reason) {
      expect(diagnosis.finding).toBeNull();
      return;
    }
    const finding = diagnosis.finding!;
    expect(finding).toMatchObject({ code: POSTED_TO_FINDING_CODE, severity: 'error' });
    expect(finding.message).toContain(`The identity provider sent the SAML response to ${postedTo}; Twilio expects it at ${spValues(mode, ids).acsUrl}.`);
    expect(finding.message).toMatch(reason);
    expect(finding.message).toMatch(/nothing reached that address\.$/);
    expect(finding.fix).toContain(spValues(mode, ids).acsUrl);
  });

  it.each(IDP_IDS)('names the field to change in the words of %s', (idp) => {
    const { finding } = diagnosePostedTo(legacy, 'flex-enhanced', IDS['flex-enhanced'], idp);
    const playbook = getPlaybook(idp);
    expect(finding!.fix).toContain(`set ${playbook.fieldNames.acsUrl} to ${enhanced}.`);
    if (idp !== 'generic') expect(finding!.fix).toMatch(new RegExp(`^In ${playbook.label.replace(/[()]/g, '\\$&')}, set`));
    // Mid-migration: the Entity ID moves too, or a second app is created beside the old one.
    expect(finding!.fix).toContain(`${playbook.fieldNames.entityId} = urn:flex:${JQ}`);
    expect(finding!.fix).toMatch(/second application beside the old one/);
  });

  it('marks the report as failing, finding first, whatever it said before', () => {
    const report: AnalysisReport & { verdict: string } = {
      ok: true,
      verdict: 'ok',
      signature: { checked: true, valid: true, certificate: 'given' },
      facts: null,
      findings: [{ code: 'x', severity: 'info', message: 'm', fix: 'f' }],
      worker: null,
    };
    const { finding } = diagnosePostedTo(frontline, 'flex-enhanced', IDS['flex-enhanced']);
    const merged = withPostedToFinding(report, finding!);
    expect(merged.ok).toBe(false);
    expect(merged.verdict).toBe('fail');
    expect(merged.findings.map((f) => f.code)).toEqual([POSTED_TO_FINDING_CODE, 'x']);
    expect(report.ok).toBe(true);
  });

  it('diagnoses an address that is not a URL as not Twilio, and refuses bad ids like the rest of the product', () => {
    expect(diagnosePostedTo('not a url', 'flex-enhanced', IDS['flex-enhanced']).kind).toBe('not-twilio');
    expect(() => diagnosePostedTo(enhanced, 'flex-enhanced', { connectionId: 'JQ1' })).toThrow(/connectionId/);
  });

  it("is told in the IdP's own name, and in a capture's words: what the IdP did, why Twilio expects the address", () => {
    const { finding } = diagnosePostedTo(legacy, 'flex-enhanced', IDS['flex-enhanced'], 'okta', { verb: 'was about to post', basis: 'for this customer' });
    expect(finding!.message).toMatch(
      new RegExp(
        `^Okta was about to post the SAML response to ${legacy.replace(/[.?/]/g, '\\$&')}; Twilio expects it at .+ \\(for this customer\\)\\. That is the legacy Flex SSO ACS URL`,
      ),
    );
    expect(finding!.message).not.toMatch(/nothing reached that address/);
  });

  it("judges against the address an AuthnRequest asked for when it is no mode's ACS URL", () => {
    const asked = 'https://sp.example.com/acs';
    expect(diagnosePostedToAddress(asked, asked).finding).toBeNull();
    const other = diagnosePostedToAddress(enhanced, asked, undefined, { basis: 'in its AuthnRequest' });
    expect(other.kind).toBe('other-mode');
    expect(other.finding!.message).toContain(
      `Twilio expects it at ${asked} (in its AuthnRequest). That is the ACS URL of Flex (enhanced SSO) (SSO connection id ${JQ})`,
    );
    expect(other.finding!.fix).toBe(`In the identity provider, set ${getPlaybook('generic').fieldNames.acsUrl} to ${asked}.`);
    expect(diagnosePostedToAddress('https://else.example/acs', asked).kind).toBe('not-twilio');
  });
});
