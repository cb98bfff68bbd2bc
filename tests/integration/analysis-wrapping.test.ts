/**
 * Wrapping detection that is exact: responses signed here (xmlsec1 confirms which signatures are
 * valid) with what legitimate IdPs send — character references (`&#13;` and `&#xd;` in a
 * two-line address), CDATA, comments, an <Advice> holding other assertions, signed or not — are
 * judged valid and read from the top-level assertion only; the signature-wrapping family built
 * from the same responses stays refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spValues } from '../../shared/domain/modes';
import { analyzeSamlResponse, type AnalysisReport } from '../../electron/services/analysis';
import {
  BUILT_RESPONSE_ISSUER,
  buildAdviceAssertion,
  buildResponse,
  createTestCertificate,
  signElement,
  signResponse,
  xmlsecVerify,
  type ResponseParts,
  type SignOptions,
  type TestCertificate,
} from '../support/idps';

const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);

let key: TestCertificate;
beforeAll(async () => {
  key = await createTestCertificate();
});
afterAll(() => key?.dispose());

function build(parts: Partial<ResponseParts> = {}): string {
  return buildResponse({ acsUrl: SP.acsUrl, entityId: SP.entityId, issueInstant: NOW, ...parts });
}

function analyze(xml: string, cert: string | null = key.certPem): Promise<AnalysisReport> {
  return analyzeSamlResponse(xml, {
    mode: 'flex-enhanced',
    ids: { connectionId: CONNECTION },
    idpIssuer: BUILT_RESPONSE_ISSUER,
    now: new Date(NOW.getTime() + 60_000),
    ...(cert ? { idpCertPem: cert } : {}),
  });
}

const codes = (report: AnalysisReport) => report.findings.map((f) => f.code);
const BOTH = { response: true, assertion: true };
const SIGNINGS = [
  ['response and assertion signed', BOTH],
  ['assertion signed', { response: false, assertion: true }],
  ['response signed', { response: true, assertion: false }],
] as const;

describe('legitimate responses are valid and read exactly', () => {
  const cases: Array<[string, Partial<ResponseParts>, (report: AnalysisReport) => void, SignOptions?]> = [
    [
      'a two-line address written with &#13;&#10;',
      { attributes: { email: 'ada@example.com', full_name: 'Ada Lovelace', roles: 'agent', location: '12 St James&apos;s Square&#13;&#10;London' } },
      (report) => expect(report.worker?.attributes.location).toBe("12 St James's Square\r\nLondon"),
      { carriageReturn: '&#13;' },
    ],
    [
      'a carriage return written as &#xd;',
      { attributes: { email: 'ada@example.com', full_name: 'Ada&#xd;Lovelace', roles: 'agent', department: 'R&#xd;D' } },
      (report) => {
        expect(report.worker?.attributes.full_name).toBe('Ada\rLovelace');
        expect(report.worker?.attributes.department).toBe('R\rD');
      },
      { carriageReturn: '&#xd;' },
    ],
    [
      'CDATA in a value',
      { attributes: { email: 'ada@example.com', full_name: '<![CDATA[Ada <Countess> Lovelace & co]]>', roles: 'agent' } },
      (report) => expect(report.worker?.attributes.full_name).toBe('Ada <Countess> Lovelace & co'),
    ],
    [
      'comments inside the NameID and a value',
      { nameId: 'ada<!-- a comment -->@example.com', attributes: { email: 'ada@exa<!---->mple.com', full_name: 'Ada Lovelace', roles: 'agent' } },
      (report) => {
        expect(report.facts?.nameId).toBe('ada@example.com');
        expect(report.worker?.attributes.email).toBe('ada@example.com');
      },
    ],
    [
      'an Advice holding an unsigned assertion about someone else',
      { advice: buildAdviceAssertion('_advice-1', 'grace@example.com') },
      (report) => {
        expect(report.facts?.nameId).toBe('ada.lovelace@example.com');
        expect(report.facts?.assertionCount).toBe(1);
        expect(report.worker?.attributes.roles).toEqual(['agent']);
      },
    ],
  ];
  for (const [name, parts, check, options] of cases) {
    for (const [signing, what] of SIGNINGS) {
      it(`${name}, ${signing}`, async () => {
        const xml = signResponse(build(parts), key, what, options);
        if (options?.carriageReturn) expect(xml).toContain(options.carriageReturn);
        if (what.response) expect(xmlsecVerify(xml, key.certPem, 'Response')).toBe(true);
        if (what.assertion) expect(xmlsecVerify(xml, key.certPem, 'Assertion')).toBe(true);
        const report = await analyze(xml);
        expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
        expect(report.verdict).toBe('ok');
        expect(report.signature).toEqual({ checked: true, valid: true, certificate: 'given' });
        expect(report.facts?.readFrom).toBe('verified-signature');
        check(report);
      });
    }
  }

  it('an Advice holding assertions signed by another authority (and by the IdP), inside a signed assertion', async () => {
    const other = await createTestCertificate({ commonName: 'Another authority (test-only)' });
    try {
      const advice =
        signElement(buildAdviceAssertion('_advice-other', 'grace@example.com'), other, '_advice-other') +
        signElement(buildAdviceAssertion('_advice-same', 'grace@example.com', BUILT_RESPONSE_ISSUER), key, '_advice-same');
      for (const [signing, what] of SIGNINGS) {
        const xml = signResponse(build({ advice }), key, what);
        if (what.response) expect(xmlsecVerify(xml, key.certPem, 'Response'), signing).toBe(true);
        if (what.assertion) expect(xmlsecVerify(xml, key.certPem, 'Assertion'), signing).toBe(true);
        const report = await analyze(xml);
        expect(
          report.findings.filter((f) => f.severity !== 'info'),
          signing,
        ).toEqual([]);
        expect(report.verdict, signing).toBe('ok');
        expect(report.facts?.nameId).toBe('ada.lovelace@example.com');
        // The Advice's signatures are covered, never read: no SHA-1 or other finding from them.
        expect(report.facts?.signatureAlgorithms).toEqual(['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256']);
      }
    } finally {
      other.dispose();
    }
  });
});

describe('the wrapping family stays refused', () => {
  const refused = async (xml: string, code: string) => {
    for (const cert of [key.certPem, null]) {
      const report = await analyze(xml, cert);
      expect(report.ok).toBe(false);
      expect(report.verdict).toBe('fail');
      expect(codes(report)).toContain(code);
      expect(report.signature.valid === true).toBe(false);
      expect(report.worker).toBeNull();
      expect(report.facts?.readFrom).toBe('unverified-document');
    }
  };

  it('the signed assertion hidden in the Advice of a forged, unsigned one', async () => {
    const genuine = signResponse(build(), key, { response: false, assertion: true });
    const signedAssertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/
      .exec(genuine)![0]
      .replace('<saml:Assertion ', '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ');
    const forged = build({ assertionId: '_forged', nameId: 'admin@victim.example', advice: signedAssertion });
    await refused(forged, 'signature-wrapping');
  });

  it("an Advice assertion reusing the signed assertion's ID", async () => {
    const xml = signResponse(build({ advice: buildAdviceAssertion('_built-assertion', 'admin@victim.example') }), key, BOTH);
    await refused(xml, 'signature-wrapping');
  });

  it('a forged assertion slipped into the Advice after signing (xmlsec1 agrees it is invalid)', async () => {
    const signed = signResponse(build({ advice: '' }), key, { response: false, assertion: true });
    const tampered = signed.replace(
      /<saml:Advice\/>|<saml:Advice><\/saml:Advice>/,
      `<saml:Advice>${buildAdviceAssertion('_slipped', 'admin@victim.example')}</saml:Advice>`,
    );
    expect(tampered).toContain('_slipped');
    expect(xmlsecVerify(tampered, key.certPem, 'Assertion')).toBe(false);
    await refused(tampered, 'signature-invalid');
  });

  it('a second top-level assertion next to the signed one', async () => {
    const signed = signResponse(build(), key, BOTH);
    const extra = buildAdviceAssertion('_extra', 'admin@victim.example', BUILT_RESPONSE_ISSUER);
    await refused(signed.replace('</samlp:Response>', `${extra}</samlp:Response>`), 'signature-wrapping');
  });

  it('a character reference changed after signing (xmlsec1 agrees it is invalid)', async () => {
    const signed = signResponse(
      build({ attributes: { email: 'ada@example.com', full_name: 'Ada Lovelace', roles: 'agent', location: 'A&#13;&#10;B' } }),
      key,
      BOTH,
    );
    // xml-crypto writes the line feed back raw; the carriage return stays a reference (see build-response.ts).
    const tampered = signed.replace(/A&#13;(\n|&#10;)B/, 'A&#10;$1B');
    expect(signed).toMatch(/A&#13;(\n|&#10;)B/);
    expect(tampered).not.toBe(signed);
    expect(xmlsecVerify(tampered, key.certPem, 'Response')).toBe(false);
    await refused(tampered, 'signature-invalid');
  });

  it('a comment inserted into a signed NameID cannot shorten what is read (c14n drops comments, so the signature still verifies)', async () => {
    const signed = signResponse(build({ nameId: 'admin@victim.example.evil.test' }), key, BOTH);
    const commented = signed.replace('admin@victim.example.evil.test', 'admin@victim.example<!---->.evil.test');
    expect(xmlsecVerify(commented, key.certPem, 'Assertion')).toBe(true);
    const report = await analyze(commented);
    expect(report.facts?.nameId).toBe('admin@victim.example.evil.test');
  });
});

describe('a signature without its parts is malformed, not an attack', () => {
  it.each([
    ['SignedInfo', /<SignedInfo>[\s\S]*?<\/SignedInfo>/],
    ['SignatureValue', /<SignatureValue>[\s\S]*?<\/SignatureValue>/],
  ])('the Response signature without %s → signature-malformed', async (_name, part) => {
    const signed = signResponse(build(), key, { response: true, assertion: false });
    const broken = signed.replace(part, '');
    const report = await analyze(broken);
    expect(codes(report)).toContain('signature-malformed');
    expect(codes(report)).not.toContain('signature-wrapping');
    expect(report.verdict).toBe('fail');
    expect(report.worker).toBeNull();
  });
});
