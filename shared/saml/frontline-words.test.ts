/**
 * Frontline's analysis reads as Frontline (issue 13): every finding's message and fix, for every
 * IdP, names Frontline's claims and roles and none of Flex's words; the preview asks only for email
 * and roles. A response carrying every problem a Frontline admin may meet is judged for each IdP.
 */
import { describe, expect, it } from 'vitest';
import { firstFlexOnlyWord } from '../../tests/support/flex-only-words';
import { FINDING_CODES } from '../findings';
import { previewWorker } from '../domain/claims';
import { spValues } from '../domain/modes';
import { IDP_IDS } from '../idps';
import { buildReport, prepareResponse } from './analyze';
import { fixFor } from './fixes';

const REALM = 'JB0123456789abcdef0123456789abcdef';
const FRONTLINE = spValues('frontline', { realmSid: REALM });
const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const DISPLAY_NAME = 'http://schemas.microsoft.com/identity/claims/displayname';
const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const TENANT = 'http://schemas.microsoft.com/identity/claims/tenantid';

/** No NameID, a namespaced display name and login name, an Entra tenant claim, a capitalised role, a typed and a contact attribute, a short session, the wrong audience and recipient. */
function troubledResponse(): string {
  const attributes: Record<string, string[]> = {
    [DISPLAY_NAME]: ['Ann Example'],
    [UPN]: ['ann@example.com'],
    [TENANT]: ['t'],
    roles: ['Agent'],
    'skill.int': ['high'],
    contact_uri: ['nowhere'],
  };
  const statement = Object.entries(attributes)
    .map(([name, values]) => `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
    .join('');
  return (
    `<samlp:Response ${NS} ID="_r1" Version="2.0" IssueInstant="2025-01-01T00:00:00Z" Destination="https://example.com/acs"><saml:Issuer>urn:idp</saml:Issuer>` +
    '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
    '<saml:Assertion ID="_a1" Version="2.0" IssueInstant="2025-01-01T00:00:00Z"><saml:Issuer>urn:idp</saml:Issuer>' +
    '<saml:Subject><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="https://example.com/acs" NotOnOrAfter="2025-01-01T00:05:00Z"/></saml:SubjectConfirmation></saml:Subject>' +
    '<saml:Conditions NotBefore="2025-01-01T00:00:00Z" NotOnOrAfter="2025-01-01T01:00:00Z"><saml:AudienceRestriction><saml:Audience>urn:someone-else</saml:Audience></saml:AudienceRestriction></saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="2025-01-01T00:00:00Z" SessionNotOnOrAfter="2025-01-01T00:30:00Z"/><saml:AttributeStatement>${statement}</saml:AttributeStatement></saml:Assertion></samlp:Response>`
  );
}

function frontlineReport(idp: string | undefined) {
  const prepared = prepareResponse(troubledResponse());
  if (!prepared.ok) throw new Error(prepared.message);
  const unchecked = { summary: { checked: false, valid: null, certificate: null }, verifiedAssertionId: null, problem: null, usedCertificate: null };
  return buildReport(prepared, unchecked, { mode: 'frontline', ids: { realmSid: REALM }, ...(idp ? { idp } : {}), now: new Date('2025-01-01T00:01:00Z') });
}

describe('a Frontline analysis reads as Frontline', () => {
  it.each([...IDP_IDS, undefined])('every finding and fix for %s', (idp) => {
    const report = frontlineReport(idp);
    const codes = report.findings.map((finding) => finding.code);
    expect(codes).toEqual(
      expect.arrayContaining(['missing-nameid', 'namespaced-claim', 'invalid-role', 'session-too-short', 'audience-mismatch', 'recipient-mismatch']),
    );
    for (const finding of report.findings) {
      expect(firstFlexOnlyWord(`${finding.message} ${finding.fix}`), `${finding.code}: ${finding.message} / ${finding.fix}`).toBeNull();
    }
    // The namespaced display name is not "full_name is missing": Frontline has no full_name.
    expect(report.findings.filter((finding) => finding.severity === 'error' && finding.message.includes(DISPLAY_NAME))).toEqual([]);
    // Typed names and contact_uri are Flex's Worker rules: Frontline gets the values as sent.
    expect(codes).not.toContain('invalid-attribute-type');
    expect(codes).not.toContain('invalid-contact-uri');
    expect(report.worker?.attributes).toEqual({ 'skill.int': 'high', contact_uri: 'nowhere', roles: ['Agent'] });
  });

  it.each([...IDP_IDS, undefined])('every fix the analysis may give for %s', (idp) => {
    for (const code of FINDING_CODES) {
      expect(firstFlexOnlyWord(fixFor(code, { idp, mode: 'frontline' })), `${code} for ${idp ?? 'no IdP'}`).toBeNull();
    }
  });

  it("the generic fixes name the mode's own claims and roles", () => {
    expect(fixFor('missing-claim', { mode: 'frontline' })).toContain('(email, roles)');
    expect(fixFor('missing-claim', { mode: 'flex-enhanced' })).toContain('(email, full_name, roles)');
    expect(fixFor('invalid-role', { mode: 'frontline' })).toBe('Send only agent (lowercase) in the roles attribute.');
    expect(fixFor('namespaced-claim', { idp: 'okta', mode: 'frontline' })).toContain('(email, roles)');
    expect(fixFor('namespaced-claim', { idp: 'okta', mode: 'flex-legacy' })).toContain('(email, full_name, roles)');
  });

  it('the preview needs only email and roles: a namespaced display name does not make full_name missing', () => {
    const preview = previewWorker({
      mode: 'frontline',
      nameId: 'ann@example.com',
      attributes: { email: ['ann@example.com'], roles: ['agent'], [DISPLAY_NAME]: ['Ann Example'] },
    });
    expect(preview.problems.filter((problem) => problem.severity !== 'info')).toEqual([]);
    expect(preview.problems.map((problem) => problem.message).join(' ')).not.toMatch(/full_name/);
    expect(preview.attributes).toEqual({ email: 'ann@example.com', roles: ['agent'] });
    expect(FRONTLINE.acsUrl).toContain(REALM);
  });
});
