import { describe, expect, it } from 'vitest';
import { buildReport, prepareResponse, type SignatureVerdict } from './analyze';
import { decodeBase64, decodeSamlInput, parseFormBody } from './input';
import { readMetadata } from './metadata';
import { declaresDtd, parseXmlSafely, rawShape } from './xml';
import { readStructure } from './response';
import { fixFor } from './fixes';

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const ACS = 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef';
const ENTITY = 'urn:flex:JQ0123456789abcdef0123456789abcdef';

/** A placeholder signature with every part, whose Reference points at `id` (the rules here take the verdict as given). */
function sig(id: string): string {
  return `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="#${id}"/></ds:SignedInfo><ds:SignatureValue>c2ln</ds:SignatureValue></ds:Signature>`;
}

function response(
  opts: {
    status?: string;
    sub?: string;
    attrs?: Record<string, string[]>;
    session?: string;
    audience?: string;
    extra?: string;
    signed?: { response: boolean; assertion: boolean };
  } = {},
): string {
  const signed = opts.signed ?? { response: true, assertion: true };
  const attrs = Object.entries(opts.attrs ?? { email: ['a@example.com'], full_name: ['A B'], roles: ['agent'] })
    .map(([name, values]) => `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
    .join('');
  const status = `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${opts.status ?? 'Success'}">${opts.sub ? `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${opts.sub}"/>` : ''}</samlp:StatusCode></samlp:Status>`;
  const assertion =
    opts.status && opts.status !== 'Success'
      ? ''
      : `<saml:Assertion ID="_a1" Version="2.0" IssueInstant="2025-01-01T00:00:00Z"><saml:Issuer>urn:idp</saml:Issuer>${signed.assertion ? sig('_a1') : ''}
<saml:Subject><saml:NameID>a@example.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="${ACS}" NotOnOrAfter="2025-01-01T00:05:00Z"/></saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotBefore="2025-01-01T00:00:00Z" NotOnOrAfter="2025-01-01T01:00:00Z"><saml:AudienceRestriction><saml:Audience>${opts.audience ?? ENTITY}</saml:Audience></saml:AudienceRestriction></saml:Conditions>
<saml:AuthnStatement AuthnInstant="2025-01-01T00:00:00Z"${opts.session ? ` SessionNotOnOrAfter="${opts.session}"` : ''}/><saml:AttributeStatement>${attrs}</saml:AttributeStatement></saml:Assertion>`;
  return `<samlp:Response ${NS} ID="_r1" Version="2.0" IssueInstant="2025-01-01T00:00:00Z" Destination="${ACS}"><saml:Issuer>urn:idp</saml:Issuer>${signed.response ? sig('_r1') : ''}${status}${opts.extra ?? ''}${assertion}</samlp:Response>`;
}

/** A verdict as the Node side would give for a valid given-certificate check of `xml`. */
function validVerdict(xml: string): SignatureVerdict {
  return {
    summary: { checked: true, valid: true, certificate: 'given' },
    verifiedAssertionId: /<saml:Assertion ID="([^"]+)"/.exec(xml)?.[1] ?? null,
    problem: null,
    usedCertificate: null,
  };
}

function analyse(xml: string, extra: Parameters<typeof buildReport>[2] = {}) {
  const prepared = prepareResponse(xml);
  if (!prepared.ok) throw new Error(prepared.message);
  return buildReport(prepared, validVerdict(xml), {
    mode: 'flex-enhanced',
    ids: { connectionId: 'JQ0123456789abcdef0123456789abcdef' },
    now: new Date('2025-01-01T00:01:00Z'),
    idpIssuer: 'urn:idp',
    ...extra,
  });
}
const codes = (r: { findings: Array<{ code: string }> }) => r.findings.map((f) => f.code);

describe('input decoding', () => {
  it.each([
    ['xml', '<a/>', 'xml', null],
    ['base64', Buffer.from('<a/>').toString('base64'), 'base64', null],
    [
      'base64 with line breaks',
      Buffer.from('<a>' + 'x'.repeat(100) + '</a>')
        .toString('base64')
        .replace(/.{20}/g, '$&\n'),
      'base64',
      null,
    ],
    ['POST body', `SAMLResponse=${encodeURIComponent(Buffer.from('<a/>').toString('base64'))}&RelayState=r%20s`, 'post-body', 'r s'],
    ['POST body, RelayState first', `RelayState=x&SAMLResponse=${encodeURIComponent(Buffer.from('<a/>').toString('base64'))}`, 'post-body', 'x'],
  ])('%s', (_name, input, kind, relayState) => {
    const decoded = decodeSamlInput(input);
    expect(decoded).toMatchObject({ ok: true, kind, relayState });
  });
  it.each([['not base64 !!!'], ['SAMLResponse=%ZZ'], [Buffer.from('hello').toString('base64')], [Buffer.from([0xc3, 0x28, 0xa0, 0xa1]).toString('base64')]])(
    'refuses %s',
    (input) => {
      expect(decodeSamlInput(input).ok).toBe(false);
    },
  );
  it('refuses input larger than the limit before decoding', () => {
    expect(decodeSamlInput('A'.repeat(4_000_000))).toMatchObject({ ok: false, code: 'input-too-large' });
  });
  it('decodes base64 and forms', () => {
    expect(Buffer.from(decodeBase64('aGVsbG8=')!).toString()).toBe('hello');
    expect(decodeBase64('a')).toBeNull();
    expect(parseFormBody('a=1&b=2+3&a=4')).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2 3'],
      ]),
    );
  });
});

describe('XML safety', () => {
  it.each(['<!DOCTYPE x>', '<!doctype x [<!ENTITY a "b">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">', '<! DOCTYPE x>'])(
    'refuses %s before parsing',
    (prefix) => {
      expect(declaresDtd(prefix + '<x/>')).toBe(true);
      expect(parseXmlSafely(prefix + '<x/>', 1000)).toMatchObject({ ok: false, code: 'dtd-refused' });
    },
  );
  it('refuses deep nesting and malformed XML', () => {
    expect(parseXmlSafely('<a>'.repeat(200) + '</a>'.repeat(200), 1e6)).toMatchObject({ ok: false, code: 'malformed-xml' });
    expect(parseXmlSafely('<a><b></a>', 1e6)).toMatchObject({ ok: false, code: 'malformed-xml' });
    expect(parseXmlSafely('<a/>', 2)).toMatchObject({ ok: false, code: 'input-too-large' });
  });

  it.each([
    ['<a><b><c/></b></a>', 3, 10, 'fits'],
    ['<a><b><c/></b></a>', 2, 10, 'too-deep'],
    ['<a><b><c></c></b></a>', 2, 10, 'too-deep'],
    ['<a><b/><b/><b/></a>', 5, 3, 'too-many-elements'],
    ['<x a="1>" b=\'<\'><!-- <y><y><y> --><![CDATA[<z><z><z>]]><?pi <q><q> ?><w/><v></v></x>', 2, 10, 'fits'],
    ['<x a="1>"><y><z/></y></x>', 2, 10, 'too-deep'],
    // Unterminated comment, CDATA and processing instruction (found by the fuzz: the scan looped).
    ['<a><b/><!-- <c>', 5, 10, 'fits'],
    ['<a><b/><![CDATA[ <c>', 5, 10, 'fits'],
    ['<a><b/><? <c>', 5, 10, 'fits'],
    ['<!--', 5, 10, 'fits'],
  ])('reads the shape of %s on the raw text (depth %i, elements %i): %s', (xml, depth, elements, expected) => {
    expect(rawShape(xml, depth, elements)).toBe(expected);
  });
  it('refuses too many elements before parsing (a response is far smaller)', () => {
    const wide = `<r>${'<e/>'.repeat(6_000)}</r>`;
    expect(parseXmlSafely(wide, 1e6)).toMatchObject({ ok: false, code: 'input-too-large' });
    expect(parseXmlSafely(wide, 1e6, 10_000)).toMatchObject({ ok: true });
  });
  it('reads a Response whose elements all share one ID: every element counted, the message short', () => {
    const n = 4_000;
    const parsed = parseXmlSafely(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x">${'<e ID="x"/>'.repeat(n)}</samlp:Response>`, 1e6);
    if (!parsed.ok) throw new Error(parsed.message);
    const structure = readStructure(parsed.root);
    expect(structure.wrapping[0]).toMatch(new RegExp(`carried by ${n + 1} elements \\(Response, Response/e, Response/e and ${n - 2} more\\)`));
  });

  it.each([
    ['attributes without a space between them', '<a x="1"y="2"/>'],
    ['an unquoted attribute value', '<a x=1/>'],
  ])('refuses XML that is not well-formed even where the parser would only warn: %s', (_label, xml) => {
    expect(parseXmlSafely(xml, 1e6)).toMatchObject({ ok: false, code: 'malformed-xml' });
  });
});

describe('structure', () => {
  it('not a Response → not-saml, with what it is', () => {
    const metadata = prepareResponse('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>');
    expect(metadata).toMatchObject({ ok: false, code: 'not-saml' });
    expect((metadata as { message: string }).message).toMatch(/metadata/);
    expect(prepareResponse(`<saml:Assertion ${NS}/>`)).toMatchObject({ ok: false, code: 'not-saml' });
  });
  it('an unsigned response: neither signed; two assertions or a nested one: wrapping', () => {
    const plain = prepareResponse(response({ signed: { response: false, assertion: false } }));
    expect(plain.ok && plain.structure).toMatchObject({ responseSigned: false, assertionSigned: false, wrapping: [] });
    const doubled = prepareResponse(
      response().replace('</samlp:Response>', /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(response())![0].replace('_a1', '_a2') + '</samlp:Response>'),
    );
    expect(doubled.ok && doubled.structure.wrapping.length).toBeGreaterThan(0);
  });
  it('a signature whose reference points elsewhere does not count as signing its parent', () => {
    const unsigned = response({ signed: { response: false, assertion: true } });
    const prepared = prepareResponse(
      unsigned.replace('<saml:Issuer>urn:idp</saml:Issuer><samlp:Status>', `<saml:Issuer>urn:idp</saml:Issuer>${sig('_a1')}<samlp:Status>`),
    );
    expect(prepared.ok && prepared.structure.responseSigned).toBe(false);
    expect(prepared.ok && prepared.structure.wrapping.join(' ')).toMatch(/does not cover/);
  });
  it.each([
    ['no SignedInfo', '<ds:SignatureValue>c2ln</ds:SignatureValue>'],
    ['no SignatureValue', '<ds:SignedInfo><ds:Reference URI="#_r1"/></ds:SignedInfo>'],
    ['no Reference', '<ds:SignedInfo/><ds:SignatureValue>c2ln</ds:SignatureValue>'],
  ])('a signature with %s is malformed, not a wrapping attack, and covers nothing', (_name, inside) => {
    const broken = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${inside}</ds:Signature>`;
    const xml = response({ signed: { response: false, assertion: true } }).replace(
      '<saml:Issuer>urn:idp</saml:Issuer><samlp:Status>',
      `<saml:Issuer>urn:idp</saml:Issuer>${broken}<samlp:Status>`,
    );
    const prepared = prepareResponse(xml);
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.structure).toMatchObject({ responseSigned: false, malformedSignatures: ['Response'], wrapping: [] });
    const report = buildReport(
      prepared,
      { summary: { checked: true, valid: false, certificate: null }, verifiedAssertionId: null, problem: null, usedCertificate: null },
      {},
    );
    expect(codes(report)).toContain('signature-malformed');
    expect(codes(report)).not.toContain('signature-wrapping');
    expect(report.verdict).toBe('fail');
    expect(report.worker).toBeNull();
  });
});

describe('rules (with a verified assertion)', () => {
  it('a correct response is ok with the Worker preview', () => {
    const report = analyse(response());
    expect(codes(report)).toEqual([]);
    expect(report.verdict).toBe('ok');
    expect(report.worker?.attributes).toMatchObject({ email: 'a@example.com', full_name: 'A B', roles: ['agent'] });
  });
  it.each([
    ['status Responder/AuthnFailed', { status: 'Responder', sub: 'AuthnFailed' }, 'status-error'],
    ['InvalidNameIDPolicy subcode', { status: 'Requester', sub: 'InvalidNameIDPolicy' }, 'invalid-nameid-policy'],
    ['a session of 30 minutes', { session: '2025-01-01T00:30:00Z' }, 'session-too-short'],
    ['wrong audience', { audience: 'urn:flex:JQffffffffffffffffffffffffffffffff' }, 'audience-mismatch'],
    [
      'namespaced email',
      { attrs: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['a@example.com'], full_name: ['A'], roles: ['agent'] } },
      'namespaced-claim',
    ],
    ['no roles', { attrs: { email: ['a@example.com'], full_name: ['A'] } }, 'missing-claim'],
    ['role Admin', { attrs: { email: ['a@example.com'], full_name: ['A'], roles: ['Admin'] } }, 'invalid-role'],
    ['int that is not', { attrs: { email: ['a@example.com'], full_name: ['A'], roles: ['agent'], 'level.int': ['1.5'] } }, 'invalid-attribute-type'],
  ])('%s → %s', (_name, opts, code) => {
    expect(codes(analyse(response(opts)))).toContain(code);
  });
  it("a status message naming the ACS URL gets the ACS URL fix (Google), not the IdP's general advice for a refused login", () => {
    const google =
      "ACS Url in request https://login.flex.us1.twilio.com/login/callback?connection=JQ0 doesn't match configured ACS Url https://example.com/acs.";
    const withMessage = (message: string) =>
      response({ status: 'Requester', extra: '' }).replace(
        '</samlp:StatusCode></samlp:Status>',
        `</samlp:StatusCode><samlp:StatusMessage>${message}</samlp:StatusMessage></samlp:Status>`,
      );
    const acs = analyse(withMessage(google), { idp: 'google' }).findings.find((f) => f.code === 'status-error')!;
    expect(acs.message).toContain('ACS Url in request');
    expect(acs.fix).toBe("Service provider details: ACS URL must be exactly Twilio's ACS URL.");
    const entity = analyse(withMessage("Entity ID in request doesn't match configured Entity ID."), { idp: 'google' }).findings.find(
      (f) => f.code === 'status-error',
    )!;
    expect(entity.fix).toBe("Service provider details: Entity ID must be exactly Twilio's Entity ID.");
    const other = analyse(withMessage('The user is not allowed.'), { idp: 'google' }).findings.find((f) => f.code === 'status-error')!;
    expect(other.fix).toMatch(/User access/);
  });
  it('Entra\'s …/claims/name: full_name is missing, and the fix adds it from user.displayname (never "send name")', () => {
    const uri = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
    const report = analyse(response({ attrs: { email: ['a@example.com'], roles: ['agent'], [uri]: ['a@contoso.onmicrosoft.com'] } }), { idp: 'azure-ad' });
    const namespaced = report.findings.find((f) => f.code === 'namespaced-claim')!;
    expect(namespaced.message).toMatch(/user principal name/);
    expect(namespaced.message).not.toMatch(/bare name "name"/);
    expect(namespaced.fix).toContain('Name full_name, Namespace left empty, Source attribute user.displayname');
    expect(report.findings.find((f) => f.code === 'missing-claim')?.message).toMatch(/full_name/);
    expect(report.verdict).toBe('fail');
  });
  it('a session as long as a shift is not flagged when AuthnInstant is a second later; one hour is too short', () => {
    const eightHours = response({ session: '2025-01-01T08:00:00Z' }).replace('AuthnInstant="2025-01-01T00:00:00Z"', 'AuthnInstant="2025-01-01T00:00:01Z"');
    expect(analyse(eightHours).findings.filter((f) => f.code === 'session-too-short')).toEqual([]);
    const almost = response({ session: '2025-01-01T07:58:30Z' });
    expect(analyse(almost).findings.filter((f) => f.code === 'session-too-short')).toEqual([]);
    const seven = response({ session: '2025-01-01T07:00:00Z' });
    expect(analyse(seven).findings.find((f) => f.code === 'session-too-short')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/8 to 10 hours/),
    });
    const hour = analyse(response({ session: '2025-01-01T01:00:00Z' })).findings.find((f) => f.code === 'session-too-short')!;
    expect(hour).toMatchObject({ severity: 'error', message: expect.stringMatching(/more than 1 hour/) });
    expect(hour.fix).toMatch(/more than 1 hour/);
    expect(hour.fix).toMatch(/8 to 10 hours/);
  });
  it('time window with skew, issuer, in-response-to, no mode', () => {
    expect(codes(analyse(response(), { now: new Date('2025-01-01T01:02:00Z') }))).toContain('expired');
    expect(codes(analyse(response(), { now: new Date('2025-01-01T01:04:00Z') }))).toContain('expired');
    expect(codes(analyse(response(), { now: new Date('2024-12-31T23:58:00Z') }))).not.toContain('not-yet-valid');
    expect(codes(analyse(response(), { now: new Date('2024-12-31T23:50:00Z') }))).toContain('not-yet-valid');
    expect(codes(analyse(response(), { idpIssuer: 'urn:idp/' }))).toContain('issuer-mismatch');
    expect(codes(analyse(response(), { expectedInResponseTo: '_req' }))).toContain('in-response-to-mismatch');
    expect(codes(analyse(response(), { mode: undefined }))).toContain('mode-not-given');
  });
  it('a failed signature hides claims and the Worker preview', () => {
    const xml = response();
    const prepared = prepareResponse(xml);
    if (!prepared.ok) throw new Error();
    const report = buildReport(
      prepared,
      {
        summary: { checked: true, valid: false, certificate: null },
        verifiedAssertionId: null,
        problem: { code: 'signature-invalid', message: 'bad' },
        usedCertificate: null,
      },
      { mode: 'flex-enhanced', ids: { connectionId: 'JQ0123456789abcdef0123456789abcdef' } },
    );
    expect(report.ok).toBe(false);
    expect(report.worker).toBeNull();
    expect(report.facts?.readFrom).toBe('unverified-document');
    expect(codes(report)).not.toContain('missing-claim');
  });
  it('a verified assertion that is not the one the document presents (by ID) → signature-wrapping', () => {
    const xml = response();
    const prepared = prepareResponse(xml);
    if (!prepared.ok) throw new Error();
    for (const verifiedAssertionId of ['_another', null]) {
      const report = buildReport(prepared, { ...validVerdict(xml), verifiedAssertionId }, {});
      expect(codes(report)).toContain('signature-wrapping');
      expect(report.worker).toBeNull();
      expect(report.verdict).toBe('fail');
    }
  });
});

describe('fixes', () => {
  it('use the playbook of the chosen IdP when it has one, else a generic text', () => {
    expect(fixFor('namespaced-claim', { idp: 'azure-ad' })).toMatch(/Namespace/);
    expect(fixFor('namespaced-claim')).toMatch(/bare/);
    expect(fixFor('signature-wrapping', { idp: 'okta' }).length).toBeGreaterThan(10);
    expect(fixFor('no-such-code')).toBeTruthy();
  });
});

describe('metadata (pure)', () => {
  it('base64 of metadata is accepted; a templated entity ID is flagged', () => {
    const xml =
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sts.windows.net/{tenantid}/"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://login.microsoftonline.com/{tenantid}/saml2"/></md:IDPSSODescriptor></md:EntityDescriptor>';
    const report = readMetadata(Buffer.from(xml).toString('base64'));
    expect(report.entityId).toBe('https://sts.windows.net/{tenantid}/');
    expect(report.findings.map((f) => f.code).sort()).toEqual(['metadata-no-certificate', 'metadata-templated-entity-id']);
  });
  it('refuses a DOCTYPE in metadata', () => {
    expect(readMetadata('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>').findings.map((f) => f.code)).toEqual(['dtd-refused']);
  });
});
