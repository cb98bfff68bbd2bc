import { describe, expect, it } from 'vitest';
import { DomainInputError, MODE_IDS, MODES, spValues, type ModeId } from './modes';
import { sidProblem } from './sids';
import { spMetadataXml } from './sp-metadata';
import { DOMParser } from '@xmldom/xmldom';

const HEX = '0123456789abcdef0123456789abcdef';

describe('spValues: the facts table, section 1', () => {
  it.each<[ModeId, Record<string, string>, string, string]>([
    ['flex-enhanced', { connectionId: `JQ${HEX}` }, `https://login.flex.us1.twilio.com/login/callback?connection=JQ${HEX}`, `urn:flex:JQ${HEX}`],
    [
      'flex-legacy',
      { accountSid: `AC${HEX}` },
      `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2`,
      `https://iam.twilio.com/v1/Accounts/AC${HEX}/saml2/metadata`,
    ],
    ['frontline', { realmSid: `JB${HEX}` }, `https://iam.twilio.com/v2/saml2/authenticate/JB${HEX}`, `https://iam.twilio.com/v2/saml2/metadata/JB${HEX}`],
  ])('%s', (mode, ids, acsUrl, entityId) => {
    expect(spValues(mode, ids)).toEqual({ mode, acsUrl, entityId });
  });

  it('lists the three modes; Frontline says it is closed to new customers', () => {
    expect(MODE_IDS).toEqual(['flex-enhanced', 'flex-legacy', 'frontline']);
    expect(MODES.frontline.summary).toContain('Closed to new customers since 9 February 2023');
  });

  it.each<[ModeId, Record<string, string>, string, RegExp]>([
    [
      'flex-enhanced',
      {},
      'connectionId',
      /needs the SSO connection id, JQ followed by 32 lowercase hex digits \(0-9, a-f\), from Twilio Console .*; on the command line, --connection$/,
    ],
    ['flex-enhanced', { accountSid: `AC${HEX}` }, 'connectionId', /needs the SSO connection id/],
    ['flex-legacy', { accountSid: `FO${HEX}` }, 'accountSid', /an Account SID starts with AC; this starts with FO, which is a Flex instance SID/],
    ['frontline', { realmSid: `JB${HEX}0` }, 'realmSid', /33 hex digits .*extra/],
    ['frontline', { realmSid: '   ' }, 'realmSid', /needs the Realm SID/],
  ])('%s with %j throws a DomainInputError on %s', (mode, ids, field, message) => {
    try {
      spValues(mode, ids);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainInputError);
      expect((error as DomainInputError).field).toBe(field);
      expect((error as DomainInputError).message).toMatch(message);
    }
  });
});

describe('sidProblem names the part that is wrong', () => {
  it.each([
    [`AC${HEX}`, 'AC', null],
    [` AC${HEX} `, 'AC', null],
    [`FO${HEX}`, 'AC', /an Account SID starts with AC; this starts with FO, which is a Flex instance SID/],
    [`JB${HEX}`, 'JQ', /an SSO connection id starts with JQ; this starts with JB, which is a Realm SID/],
    [`ac${HEX}`, 'AC', /starts with a capital AC/],
    [`XX${HEX}`, 'AC', /this starts with XX$/],
    [`AC${HEX.slice(0, 31)}`, 'AC', /31 hex digits .*cut off/],
    [`AC${HEX.toUpperCase()}`, 'AC', /lowercase hex digits .*capital letters/],
    [`AC${HEX.slice(0, 31)}g`, 'AC', /"g" at position 34 is not a hex digit/],
    ['', 'JB', /a Realm SID is required/],
  ] as const)('%s as %s', (value, prefix, expected) => {
    const problem = sidProblem(value, prefix);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('spMetadataXml', () => {
  it.each(MODE_IDS)('%s: parses and carries the exact values', (mode) => {
    const values = spValues(mode, { connectionId: `JQ${HEX}`, accountSid: `AC${HEX}`, realmSid: `JB${HEX}` });
    const doc = new DOMParser().parseFromString(spMetadataXml(values), 'text/xml');
    const root = doc.documentElement!;
    expect(root.localName).toBe('EntityDescriptor');
    expect(root.getAttribute('entityID')).toBe(values.entityId);
    const acs = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:metadata', 'AssertionConsumerService')[0]!;
    expect(acs.getAttribute('Location')).toBe(values.acsUrl);
    expect(acs.getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
  });

  it('escapes XML special characters', () => {
    expect(spMetadataXml({ acsUrl: 'https://x/?a=1&b="2"', entityId: 'urn:<x>' })).toContain('Location="https://x/?a=1&amp;b=&quot;2&quot;"');
  });
});
