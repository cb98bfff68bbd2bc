/**
 * Every document of the real-world corpus (../shared/corpus, read in place, never copied) is
 * analysed and the hand-checked facts of its manifest are compared with what the product reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSamlResponse, importMetadata } from '../../electron/services/analysis';
import { MODE_IDS, type ModeId } from '../../shared/domain/modes';
import { handbookFolder } from '../support/handbook';

const CORPUS = handbookFolder('corpus', 'the real-world corpus tests') ?? '';

interface Entry {
  file: string;
  kind: 'metadata' | 'response';
  vendor: string;
  source: { byte_exactness: string; verify_cert?: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  facts: Record<string, any>;
}

const manifest: Entry[] = CORPUS ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as Entry[]) : [];
const read = (file: string) => readFileSync(join(CORPUS, file), 'utf8');

/** "Dec 18 09:24:05 2035 GMT" (openssl) → ISO. */
function opensslDate(text: string): string {
  return new Date(text.replace(/\s+/g, ' ')).toISOString();
}

/** "C = US, CN = x, emailAddress = y" and "C=US, CN=x, E=y" → comparable. */
function normalizeDn(text: string): string {
  return text
    .replace(/\s*=\s*/g, '=')
    .replace(/\bemailAddress=/g, 'E=')
    .replace(/\s*,\s*/g, ', ');
}

describe.skipIf(!CORPUS)('corpus manifest', () => {
  it('lists 27 documents: 8 metadata, 19 responses', () => {
    expect(manifest.filter((e) => e.kind === 'metadata')).toHaveLength(8);
    expect(manifest.filter((e) => e.kind === 'response')).toHaveLength(19);
  });
});

describe.skipIf(!CORPUS)('corpus: IdP metadata', () => {
  for (const entry of manifest.filter((e) => e.kind === 'metadata')) {
    it(`${entry.file} (${entry.vendor})`, async () => {
      const f = entry.facts;
      const report = await importMetadata({ xml: read(entry.file) }, { now: new Date('2017-06-01T00:00:00Z') });
      expect(report.entityId).toBe(f.entityID);
      expect(report.ssoUrls).toEqual(f.sso_urls);
      expect(report.metadataSigned).toBe(f.metadata_signed);
      expect(report.certificates).toHaveLength(f.cert_count);
      expect(report.certificates.filter((c) => c.use !== 'encryption')).toHaveLength(f.signing_cert_count);
      f.idp_keydescriptor_certs.forEach((expected: { use: string | null; not_after: string; subject: string }, i: number) => {
        const cert = report.certificates[i]!;
        expect(cert.use).toBe(expected.use ?? 'unspecified');
        expect(cert.notAfter).toBe(opensslDate(expected.not_after));
        expect(normalizeDn(cert.subject!)).toBe(normalizeDn(expected.subject));
        expect(cert.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
        expect(cert.pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
      });
      expect(report.consoleFields.identityProviderIssuer).toBe(f.entityID);
      expect(Object.values(f.sso_urls)).toContain(report.consoleFields.singleSignOnUrl);
      expect(report.certificates.filter((c) => c.use !== 'encryption').map((c) => c.pem)).toContain(report.consoleFields.x509Certificate);
      if (f.root_element === 'EntitiesDescriptor') {
        expect(report.entities).toEqual([f.entityID]);
        expect(f.all_entity_ids).toContain(f.entityID);
      } else {
        expect(report.entities).toBeUndefined();
      }
    });
  }

  it('an expired signing certificate gives cert-expired (judged now)', async () => {
    const report = await importMetadata({ xml: read('metadata/shibboleth_testshib_idp_metadata.xml') });
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['cert-expired']);
    const fine = await importMetadata({ xml: read('metadata/shibboleth_testshib_idp_metadata.xml') }, { now: new Date('2015-01-01T00:00:00Z') });
    expect(fine.ok).toBe(true);
  });

  it('Entra rotation: two signing certificates, the one that signed the metadata is the one to paste', async () => {
    const xml = read('metadata/azuread_tenant-682febe8_federationmetadata.xml');
    const during = await importMetadata({ xml }, { now: new Date('2018-06-01T00:00:00Z') });
    expect(during.certificates.map((c) => c.expired)).toEqual([false, false]);
    expect(during.consoleFields.x509Certificate).toBe(during.certificates[0]!.pem);
    expect(during.consoleFields.certificateAdvice).toMatch(/2 signing certificates/);
    expect(during.consoleFields.certificateAdvice).toMatch(/signed this metadata/);
    expect(during.findings.map((f) => f.code)).toContain('metadata-several-signing-certificates');
    expect(during.ok).toBe(true);
    const after = await importMetadata({ xml }, { now: new Date('2019-06-01T00:00:00Z') });
    expect(after.consoleFields.x509Certificate).toBe(after.certificates[0]!.pem);
    expect(after.findings.find((f) => f.code === 'cert-expired')?.severity).toBe('warning');
    expect(after.ok).toBe(true);
    // Before the new certificate's start date, the older one (then the only valid one) is advised.
    const before = await importMetadata({ xml }, { now: new Date('2017-06-01T00:00:00Z') });
    expect(before.consoleFields.x509Certificate).toBe(before.certificates[1]!.pem);
    expect(before.consoleFields.certificateAdvice).toMatch(/first one listed that is currently valid/);
  });

  it('Entra rotation with both certificates expired: no usable certificate, said once, never "use the other one"', async () => {
    const xml = read('metadata/azuread_tenant-682febe8_federationmetadata.xml');
    const report = await importMetadata({ xml }, { now: new Date('2026-11-30T00:00:00Z'), idp: 'azure-ad' });
    expect(report.ok).toBe(false);
    const advice = report.consoleFields.certificateAdvice;
    expect(advice).toMatch(/2 signing certificates and none of them is valid today/);
    expect(advice).toMatch(/no usable certificate/);
    expect(advice).toMatch(/Make a new signing certificate active in Microsoft Entra ID \(Azure AD\), then bring the metadata back here\./);
    expect(advice).not.toMatch(/other one|use that one instead/);
    const expired = report.findings.filter((f) => f.code === 'cert-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.severity).toBe('error');
    expect(expired[0]!.message).toMatch(/None of the 2 signing certificates/);
    expect(expired[0]!.fix).toMatch(/^SAML Certificates: create a new certificate, make it active/);
    expect(report.findings.map((f) => f.message).join(' ')).not.toMatch(/do not paste that one/);
    expect(new Set(report.findings.map((f) => f.fix)).size).toBe(report.findings.length);
  });

  it('a rotation of three: "the other one" is never said; the valid ones are named', async () => {
    const twice = read('metadata/azuread_tenant-682febe8_federationmetadata.xml').replace(
      /(<IDPSSODescriptor[^>]*>)(\s*<KeyDescriptor use="signing">[\s\S]*?<\/KeyDescriptor>)/,
      '$1$2$2',
    );
    const during = await importMetadata({ xml: twice }, { now: new Date('2018-06-01T00:00:00Z') });
    expect(during.certificates.filter((c) => c.use === 'signing')).toHaveLength(3);
    expect(during.consoleFields.certificateAdvice).toMatch(/3 signing certificates/);
    expect(during.consoleFields.certificateAdvice).not.toMatch(/the other one/);
    expect(during.consoleFields.certificateAdvice).toMatch(/another one that is valid today/);
    const none = await importMetadata({ xml: twice }, { now: new Date('2026-11-30T00:00:00Z') });
    expect(none.consoleFields.certificateAdvice).toMatch(/3 signing certificates and none of them is valid today/);
    expect(none.consoleFields.certificateAdvice).not.toMatch(/other/);
  });

  it('Entra templated (multi-tenant) metadata with {tenantid} is flagged', async () => {
    const xml = read('metadata/azuread_tenant-682febe8_federationmetadata.xml').replaceAll('682febe8-021b-4fde-ac09-e60085f05181', '{tenantid}');
    const report = await importMetadata({ xml }, { now: new Date('2018-06-01T00:00:00Z') });
    expect(report.entityId).toBe('https://sts.windows.net/{tenantid}/');
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['metadata-templated-entity-id']);
  });

  it('an aggregate: choose by entityID; the SP in it or an unknown id is refused', async () => {
    const xml = read('metadata/shibboleth_testshib-providers_entities.xml');
    const chosen = await importMetadata({ xml }, { entityId: 'https://idp.testshib.org/idp/shibboleth', now: new Date('2020-01-01T00:00:00Z') });
    expect(chosen.ok).toBe(true);
    const sp = await importMetadata({ xml }, { entityId: 'https://sp.testshib.org/shibboleth-sp' });
    expect(sp.findings.map((f) => f.code)).toEqual(['metadata-entity-not-found']);
    expect(sp.entities).toEqual(['https://idp.testshib.org/idp/shibboleth']);
  });

  it('SP metadata given by mistake, HTML pages, empty and non-XML bodies get clear findings', async () => {
    const spOnly = read('metadata/shibboleth_testshib-providers_entities.xml').replace(
      /<EntityDescriptor[^>]*idp\.testshib\.org[\s\S]*?<\/EntityDescriptor>/,
      '',
    );
    expect((await importMetadata({ xml: spOnly })).findings.map((f) => f.code)).toEqual(['metadata-sp-given']);
    expect((await importMetadata({ xml: '<!DOCTYPE html><html><body>Sign in</body></html>' })).findings[0]!.message).toMatch(/web page/);
    expect((await importMetadata({ xml: '   ' })).findings.map((f) => f.code)).toEqual(['malformed-xml']);
    expect((await importMetadata({ xml: '{"issuer":"x"}' })).findings[0]!.message).toMatch(/JSON/);
    const response = await importMetadata({ xml: read('responses/okta_exk659_signed.xml') });
    expect(response.findings[0]!.message).toMatch(/SAML response/);
  });
});

const HEX = '0123456789abcdef0123456789abcdef';
const MODE_SIDS = { connectionId: `JQ${HEX}`, accountSid: `AC${HEX}`, realmSid: `JB${HEX}` };

/**
 * The signing findings each mode gives, by what is signed (R: Response, A: assertion, ?: encrypted
 * assertion, -: unsigned). No IdP is named, so the generic one applies, which can sign both: a
 * note (info) recommends both where one is enough.
 */
const SIGNING_BY_MODE: Record<string, Record<ModeId, string[]>> = {
  '--': { 'flex-enhanced': ['assertion-unsigned:error'], 'flex-legacy': ['response-unsigned:error'], frontline: ['response-unsigned:error'] },
  '-A': { 'flex-enhanced': ['response-unsigned:info'], 'flex-legacy': ['response-unsigned:error'], frontline: ['response-unsigned:error'] },
  'R-': { 'flex-enhanced': ['assertion-unsigned:info'], 'flex-legacy': ['assertion-unsigned:info'], frontline: ['assertion-unsigned:info'] },
  RA: { 'flex-enhanced': [], 'flex-legacy': [], frontline: [] },
  'R?': { 'flex-enhanced': [], 'flex-legacy': [], frontline: [] },
  '-?': { 'flex-enhanced': [], 'flex-legacy': ['response-unsigned:error'], frontline: ['response-unsigned:error'] },
};

const RESPONSE_FACTS: Array<[string, string]> = [
  ['issuer', 'issuer'],
  ['destination', 'destination'],
  ['in_response_to', 'inResponseTo'],
  ['issue_instant', 'issueInstant'],
  ['status_code', 'statusCode'],
  ['status_subcode', 'statusSubcode'],
  ['status_message', 'statusMessage'],
  ['response_signed', 'responseSigned'],
  ['encrypted', 'encrypted'],
  ['assertion_count', 'assertionCount'],
  ['nameid', 'nameId'],
  ['nameid_format', 'nameIdFormat'],
  ['audience', 'audience'],
  ['recipient', 'recipient'],
  ['not_before', 'notBefore'],
  ['not_on_or_after', 'notOnOrAfter'],
  ['subject_confirmation_not_on_or_after', 'subjectNotOnOrAfter'],
  ['session_not_on_or_after', 'sessionNotOnOrAfter'],
  ['assertion_id', 'assertionId'],
  ['response_id', 'responseId'],
];

const signingKeysSeen = new Set<string>();

describe.skipIf(!CORPUS)('corpus: SAML responses', () => {
  for (const entry of manifest.filter((e) => e.kind === 'response' && e.facts.root_element === 'Response')) {
    it(`${entry.file} (${entry.vendor})`, async () => {
      const f = entry.facts;
      const now = new Date(f.issue_instant);
      const report = await analyzeSamlResponse(read(entry.file), { now });
      expect(report.facts).not.toBeNull();
      const facts = report.facts as unknown as Record<string, unknown>;
      for (const [manifestKey, factKey] of RESPONSE_FACTS) {
        if (manifestKey in f) expect({ [factKey]: facts[factKey] }).toEqual({ [factKey]: f[manifestKey] });
      }
      // assertion_signed: null when the only assertion is encrypted (nothing to see).
      expect(report.facts!.assertionSigned).toBe(f.assertion_signed);
      if (f.attributes) {
        expect(report.facts!.attributes).toEqual(
          f.attributes.map((a: { name: string; name_format: string | null; values: string[] }) => ({
            name: a.name,
            nameFormat: a.name_format,
            values: a.values,
          })),
        );
      }
      expect(report.facts!.signatureAlgorithms).toEqual(f.signature_algorithms);

      // The signature, checked against the certificate the document carries (integrity only).
      const signatures: Array<{ xmlsec1_verify: string; keyinfo_x509: boolean }> = f.signatures;
      const codes = report.findings.map((x) => x.code);
      if (f.malicious) {
        expect(report.ok).toBe(false);
        expect(report.worker).toBeNull();
        expect(report.facts!.readFrom).toBe('unverified-document');
        expect(report.signature.valid === true).toBe(false);
        if (/wrapping/i.test(f.malicious)) expect(codes).toContain('signature-wrapping');
        else expect(codes).toContain('signature-invalid');
      } else if (signatures.length > 0 && signatures.every((s) => s.keyinfo_x509 && s.xmlsec1_verify === 'valid')) {
        expect(report.signature).toEqual({ checked: true, valid: true, certificate: 'embedded' });
        expect(report.facts!.readFrom).toBe('embedded-signature');
        expect(codes).toContain('trust-not-checked');
      } else if (signatures.length > 0 && signatures.every((s) => !s.keyinfo_x509)) {
        expect(report.signature).toEqual({ checked: false, valid: null, certificate: null });
        expect(codes).toContain('trust-not-checked');
      } else {
        expect(report.signature.certificate).not.toBe('given');
      }
      // No certificate was given: whatever else holds, the verdict is never ok.
      expect(report.ok).toBe(false);
      expect(report.verdict).toBe(report.findings.some((x) => x.severity === 'error') ? 'fail' : 'unverified');
      // Flex's own rules on these (non-Flex) documents.
      if (f.encrypted) expect(codes).toContain('assertion-encrypted');
      if (!f.status_code?.endsWith('Success')) expect(codes).toContain('status-error');
      // Signing per mode (facts, section 1), from the manifest's hand-checked signing facts.
      if (!f.malicious && f.status_code?.endsWith('Success') && (f.assertion_count > 0 || f.encrypted)) {
        const key = `${f.response_signed ? 'R' : '-'}${f.assertion_signed === null ? '?' : f.assertion_signed ? 'A' : '-'}`;
        signingKeysSeen.add(key);
        for (const mode of MODE_IDS) {
          const inMode = await analyzeSamlResponse(read(entry.file), { now, mode, ids: MODE_SIDS });
          const signing = inMode.findings
            .filter((x) => x.code === 'response-unsigned' || x.code === 'assertion-unsigned')
            .map((x) => `${x.code}:${x.severity}`);
          expect({ key, mode, signing }).toEqual({ key, mode, signing: SIGNING_BY_MODE[key]![mode] });
        }
      }
      if (f.namespaced_attributes && !f.malicious) expect(codes).toContain('namespaced-claim');
      // Judged at their own issue time, none is out of its window.
      if (!f.malicious) expect(codes.filter((c) => c === 'expired' || c === 'not-yet-valid')).toEqual([]);
      // Judged today, every one has expired.
      if (!f.malicious && f.not_on_or_after && f.not_on_or_after < '2024') {
        const today = await analyzeSamlResponse(read(entry.file), {});
        expect(today.findings.map((x) => x.code)).toContain('expired');
      }
    });
  }

  it('the signing rules met real documents signed every way the corpus has', () => {
    expect([...signingKeysSeen].sort()).toEqual(['-?', '-A', 'R-', 'R?', 'RA']);
  });

  it('the billion-laughs payload is refused in well under a second, without parsing', async () => {
    const entry = manifest.find((e) => e.file.includes('billion-laughs'))!;
    expect(entry.facts.has_doctype).toBe(true);
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const report = await analyzeSamlResponse(read(entry.file), {});
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(100);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20_000_000);
    expect(report.ok).toBe(false);
    expect(report.facts).toBeNull();
    expect(report.findings.map((f) => f.code)).toEqual(['dtd-refused']);
    // Also when base64-encoded or posted as a form body.
    const b64 = Buffer.from(read(entry.file)).toString('base64');
    expect((await analyzeSamlResponse(b64, {})).findings.map((f) => f.code)).toEqual(['dtd-refused']);
    expect((await analyzeSamlResponse(`SAMLResponse=${encodeURIComponent(b64)}&RelayState=x`, {})).findings.map((f) => f.code)).toEqual(['dtd-refused']);
  });

  it('the tampered Entra response fails even against its genuine certificate, while the genuine one passes', async () => {
    const genuine = read('responses/azuread_tenant-682febe8_signed-assertion.xml');
    const cert = /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(genuine)![1]!;
    const now = new Date('2018-04-14T09:59:00Z');
    const good = await analyzeSamlResponse(genuine, { idpCertPem: cert, now });
    expect(good.signature).toEqual({ checked: true, valid: true, certificate: 'given' });
    expect(good.facts!.readFrom).toBe('verified-signature');
    const bad = await analyzeSamlResponse(read('responses/malformed_azuread_tampered-after-signing.xml'), { idpCertPem: cert, now });
    expect(bad.signature).toEqual({ checked: true, valid: false, certificate: null });
    expect(bad.findings.map((f) => f.code)).toContain('signature-invalid');
    expect(bad.worker).toBeNull();
  });

  it('the Okta response against the Okta metadata certificate: trust verified, issuer compared', async () => {
    const metadata = await importMetadata({ xml: read('metadata/okta_dev-149827_metadata.xml') });
    const report = await analyzeSamlResponse(read('responses/okta_dev-149827_signed-response-and-assertion.xml'), {
      idpCertPem: metadata.consoleFields.x509Certificate!,
      idpIssuer: metadata.consoleFields.identityProviderIssuer!,
      now: new Date('2018-11-01T16:00:00Z'),
      idp: 'okta',
    });
    expect(report.signature).toEqual({ checked: true, valid: true, certificate: 'given' });
    expect(report.findings.map((f) => f.code)).not.toContain('issuer-mismatch');
    const wrongIssuer = await analyzeSamlResponse(read('responses/okta_dev-149827_signed-response-and-assertion.xml'), {
      idpCertPem: metadata.consoleFields.x509Certificate!,
      idpIssuer: 'http://www.okta.com/exk659aytfMeNI49v0h7',
      now: new Date('2018-11-01T16:00:00Z'),
    });
    expect(wrongIssuer.findings.map((f) => f.code)).toContain('issuer-mismatch');
  });
});
