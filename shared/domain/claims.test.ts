import { describe, expect, it } from 'vitest';
import { bareClaimName, checkRoles, checkTypedAttribute, defaultContactUri, FLEX_INVALID_ATTRIBUTE_FORMAT, parseAttributeName, previewWorker } from './claims';
import type { ModeId } from './modes';

describe('typed attributes: every example in the facts, section 3', () => {
  // name, values, expected problem (null: accepted)
  it.each<[string, string[], RegExp | null]>([
    ['roles', ['agent'], null],
    ['roles', ['admin,supervisor'], null],
    ['full_name', ['Bob Bobson'], null],
    ['email', ['john@company.com'], null],
    ['image_url', ['http://example.com/bob.jpg'], null],
    ['department', ['Sales'], null],
    ['location', ['London'], null],
    ['manager', ['Alice'], null],
    ['phone', ['+15555555555'], null],
    ['team_id', ['T1'], null],
    ['team_name', ['Sales'], null],
    ['team_name_in_hierarchy', ['London,Sales,VIP'], null],
    ['channel.voice.availability', ['false'], null],
    ['channel.chat.availability', ['true'], null],
    ['channel.voice.capacity', ['3'], null],
    ['contact_uri', ['sip:someone@domain.com'], null],
    ['contact_uri', ['+14151112222'], null],
    ['skill.int', ['a'], /400 Error invalid attribute format: "skill\.int" must be a whole number .* "a" is not/],
    ['skill.int', ['1.23'], /400 Error invalid attribute format: .*"1\.23" is not/],
    ['skill.int', ['7'], null],
    ['skill.int', ['-2'], null],
    ['flag.boolean', ['true'], null],
    ['flag.boolean', ['yes'], /400 Error invalid attribute format: .*true or false/],
    ['flag.boolean', ['True'], /400 Error invalid attribute format/],
    ['note.string', ['anything, even 1.23'], null],
    ['tags.stringarray', ['a,b', 'c'], null],
    ['levels.intarray', ['1,2,3'], null],
    ['levels.intarray', ['1,x,3'], /400 Error invalid attribute format: .*"x"/],
    ['flags.booleanarray', ['true,false'], null],
    ['flags.booleanarray', ['true,maybe'], /400 Error invalid attribute format: .*"maybe"/],
    ['channel.voice.availability', ['no'], /400 Error invalid attribute format/],
    ['channel.voice.capacity', ['three'], /400 Error invalid attribute format/],
    ['skill.INT', ['1'], /types are written in lowercase: rename "skill\.INT" to "skill\.int"/],
    ['skill.integer', ['1'], /not one of Flex's attribute types.*Did you mean "skill\.int"/],
    ['skill.int', ['1', '2'], /single int but the IdP sends 2 values/],
  ])('%s = %j', (name, values, expected) => {
    const problems = checkTypedAttribute(name, values);
    if (expected === null) {
      expect(problems).toEqual([]);
    } else {
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.map((problem) => problem.message).join('\n')).toMatch(expected);
      expect(problems[0]!.code).toBe('invalid-attribute-type');
    }
  });

  it("uses Flex's own wording", () => expect(FLEX_INVALID_ATTRIBUTE_FORMAT).toBe('400 Error invalid attribute format'));

  it.each([
    ['roles', { key: 'roles', type: 'stringarray', explicit: false }],
    ['email', { key: 'email', type: 'string', explicit: false }],
    ['skill.int', { key: 'skill', type: 'int', explicit: true }],
    ['a.b.booleanarray', { key: 'a.b', type: 'booleanarray', explicit: true }],
    ['channel.voice.capacity', { key: 'channel.voice.capacity', type: 'int', explicit: false, channel: { name: 'voice', setting: 'capacity' } }],
  ])('parseAttributeName(%s)', (name, expected) => expect(parseAttributeName(name)).toEqual(expected));
});

describe('roles', () => {
  it.each<[string[], ModeId, { code: string; severity: string; message: RegExp }[]]>([
    [['agent'], 'flex-enhanced', []],
    [['admin,supervisor'], 'flex-enhanced', []],
    [['admin', 'supervisor'], 'flex-legacy', []],
    [[' admin , wfo.full_access '], 'flex-enhanced', []],
    [['supervisor,wfo.team_leader'], 'flex-enhanced', []],
    [
      ['agent,wfo.full_access'],
      'flex-enhanced',
      [{ code: 'invalid-role', severity: 'warning', message: /only take effect together with supervisor or admin/ }],
    ],
    [['admin,wfo.unknown'], 'flex-enhanced', [{ code: 'invalid-role', severity: 'warning', message: /not a known Flex Insights role/ }]],
    [['Admin'], 'flex-enhanced', [{ code: 'invalid-role', severity: 'error', message: /roles are lowercase: send "admin"/ }]],
    [['manager'], 'flex-enhanced', [{ code: 'invalid-role', severity: 'error', message: /"manager" is not a Flex \(enhanced SSO\) role/ }]],
    [[], 'flex-enhanced', [{ code: 'missing-claim', severity: 'error', message: /missing or empty/ }]],
    [[' , '], 'flex-enhanced', [{ code: 'missing-claim', severity: 'error', message: /missing or empty/ }]],
    [['agent'], 'frontline', []],
    [['admin'], 'frontline', [{ code: 'invalid-role', severity: 'error', message: /allowed: agent\)/ }]],
    [['wfo.full_access'], 'frontline', [{ code: 'invalid-role', severity: 'error', message: /do not exist in Frontline/ }]],
    [[], 'frontline', [{ code: 'missing-claim', severity: 'error', message: /Frontline needs the role agent/ }]],
  ])('%j in %s', (values, mode, expected) => {
    const problems = checkRoles(values, mode);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((want, i) => {
      expect(problems[i]).toMatchObject({ code: want.code, severity: want.severity });
      expect(problems[i]!.message).toMatch(want.message);
    });
  });
});

describe('bareClaimName', () => {
  it.each([
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'email'],
    ['http://schemas.microsoft.com/identity/claims/displayname', 'full_name'],
    ['http://schemas.microsoft.com/ws/2008/06/identity/claims/role', 'roles'],
    // Neither is the whole name Flex reads, but full_name is the claim that replaces them (claim-uris.ts).
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'full_name'],
    ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', 'full_name'],
    ['http://schemas.microsoft.com/identity/claims/objectidentifier', 'objectidentifier'],
    ['http://schema.auth0.com/team', 'team'],
    ['urn:oid:0.9.2342.19200300.100.1.3', 'email'],
    ['urn:example:roles', 'roles'],
    ['https://example.com/claims/full_name/', 'full_name'],
    ['email', null],
    ['channel.voice.capacity', null],
    ['full_name', null],
  ])('%s -> %s', (name, expected) => expect(bareClaimName(name)).toBe(expected));
});

describe('contact_uri default', () => {
  it.each([
    ['bob@example.com', 'client:bob_40example_2Ecom'],
    ['john_doe', 'client:john_doe'],
    ['Jane.Doe+flex@corp.co', 'client:Jane_2EDoe_2Bflex_40corp_2Eco'],
    ['a b', 'client:a_20b'],
    ['zoë', 'client:zo_C3_AB'],
  ])('%s -> %s', (identity, expected) => expect(defaultContactUri(identity)).toBe(expected));
});

describe('previewWorker', () => {
  const base = { full_name: ['Bob Bobson'], email: ['bob@example.com'], roles: ['agent'] };

  it('writes what Flex would write', () => {
    const preview = previewWorker({
      nameId: 'bob@example.com',
      mode: 'flex-enhanced',
      attributes: {
        ...base,
        roles: ['admin,supervisor', 'wfo.full_access'],
        'skill.int': ['4'],
        'langs.stringarray': ['en,fr'],
        'channel.voice.availability': ['false'],
        'channel.voice.capacity': ['3'],
        'channel.chat.capacity': ['2'],
        department: ['Sales'],
      },
    });
    expect(preview.problems).toEqual([]);
    expect(preview.written).toBe(true);
    expect(preview.attributes).toEqual({
      full_name: 'Bob Bobson',
      email: 'bob@example.com',
      roles: ['admin', 'supervisor', 'wfo.full_access'],
      skill: 4,
      langs: ['en', 'fr'],
      department: 'Sales',
      contact_uri: 'client:bob_40example_2Ecom',
      channels: { voice: { availability: false, capacity: 3 }, chat: { capacity: 2 } },
    });
  });

  it('keeps a contact_uri sent by the IdP', () => {
    const preview = previewWorker({ nameId: 'bob@example.com', mode: 'flex-enhanced', attributes: { ...base, contact_uri: ['sip:bob@pbx.example.com'] } });
    expect(preview.attributes.contact_uri).toBe('sip:bob@pbx.example.com');
    expect(preview.problems).toEqual([]);
  });

  it('warns about a contact_uri Flex cannot dial', () => {
    const preview = previewWorker({ nameId: 'bob', mode: 'flex-enhanced', attributes: { ...base, contact_uri: ['bob@example.com'] } });
    expect(preview.problems).toMatchObject([{ code: 'invalid-contact-uri', severity: 'warning' }]);
  });

  it('refuses the whole login on a bad typed value, as Flex does', () => {
    const preview = previewWorker({ nameId: 'bob', mode: 'flex-enhanced', attributes: { ...base, 'skill.int': ['1.23'] } });
    expect(preview.written).toBe(false);
    expect(preview.problems).toMatchObject([{ code: 'invalid-attribute-type', severity: 'error', attribute: 'skill.int' }]);
    expect(preview.problems[0]!.message).toContain('400 Error invalid attribute format');
  });

  it("reports Azure's namespaced defaults and the claims they leave missing", () => {
    const preview = previewWorker({
      nameId: 'bob@example.com',
      mode: 'flex-enhanced',
      attributes: {
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['bob@example.com'],
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname': ['Bob'],
        roles: ['agent'],
      },
    });
    const byCode = preview.problems.map((problem) => [problem.code, problem.severity, problem.attribute]);
    expect(byCode).toEqual([
      ['namespaced-claim', 'error', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'],
      ['namespaced-claim', 'warning', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'],
      ['missing-claim', 'error', 'full_name'],
    ]);
    expect(preview.attributes).not.toHaveProperty('email');
    expect(preview.problems[0]!.message).toMatch(/bare name "email"/);
  });

  it('reports every missing mandatory claim and a missing NameID', () => {
    const preview = previewWorker({ nameId: '', mode: 'flex-enhanced', attributes: {} });
    expect(preview.problems.map((problem) => problem.attribute)).toEqual(['NameID', 'roles', 'full_name', 'email']);
    expect(preview.attributes).not.toHaveProperty('contact_uri');
  });

  it('roles in Frontline', () => {
    const preview = previewWorker({ nameId: 'ann@example.com', mode: 'frontline', attributes: { ...base, roles: ['supervisor'] } });
    expect(preview.problems).toMatchObject([{ code: 'invalid-role', severity: 'error' }]);
  });

  it('several values for a text attribute: first kept, with a warning', () => {
    const preview = previewWorker({ nameId: 'bob', mode: 'flex-enhanced', attributes: { ...base, department: ['Sales', 'Support'] } });
    expect(preview.attributes.department).toBe('Sales');
    expect(preview.problems).toMatchObject([{ severity: 'warning', attribute: 'department' }]);
  });

  it('a blank value clears the attribute', () => {
    const preview = previewWorker({ nameId: 'bob', mode: 'flex-enhanced', attributes: { ...base, team_name: [''], 'skill.int': [''] } });
    expect(preview.attributes.team_name).toBe('');
    expect(preview.attributes.skill).toBeNull();
    expect(preview.problems).toEqual([]);
  });
});
