/**
 * Signing per mode, for every IdP playbook: a response signed the way each of the IdP's own
 * signing choices signs it (and one signed not at all) gets the findings the facts give for the
 * mode; and following the fix of any signing finding (signing the response the way the fix says,
 * then analysing again) never produces another signing finding. Responses are signed here and
 * verified with node-saml against the test certificate (xmlsec1 confirms the signing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODE_IDS, spValues, type ModeId } from '../../shared/domain/modes';
import { getPlaybook, IDP_IDS } from '../../shared/idps';
import { isSigningCode, recommendedSigning } from '../../shared/saml/signing';
import { analyzeSamlResponse, type AnalysisReport } from '../../electron/services/analysis';
import { BUILT_RESPONSE_ISSUER, buildResponse, createTestCertificate, signResponse, xmlsecVerify, type TestCertificate } from '../support/idps';

const HEX = '0123456789abcdef0123456789abcdef';
const IDS = { connectionId: `JQ${HEX}`, accountSid: `AC${HEX}`, realmSid: `JB${HEX}` };
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);

type Signed = { response: boolean; assertion: boolean };
const NOTHING: Signed = { response: false, assertion: false };

let key: TestCertificate;
const signedFor = new Map<string, Map<string, string>>();

beforeAll(async () => {
  key = await createTestCertificate();
  for (const mode of MODE_IDS) {
    const sp = spValues(mode, IDS);
    const unsigned = buildResponse({
      acsUrl: sp.acsUrl,
      entityId: sp.entityId,
      issueInstant: NOW,
      attributes: { email: 'ada@example.com', full_name: 'Ada Lovelace', roles: 'agent' },
    });
    const byShape = new Map<string, string>();
    for (const what of [NOTHING, { response: true, assertion: false }, { response: false, assertion: true }, { response: true, assertion: true }]) {
      byShape.set(shape(what), what.response || what.assertion ? signResponse(unsigned, key, what) : unsigned);
    }
    signedFor.set(mode, byShape);
  }
});
afterAll(() => key?.dispose());

function shape(what: Signed): string {
  return `${what.response ? 'R' : '-'}${what.assertion ? 'A' : '-'}`;
}

function analyze(mode: ModeId, idp: string, what: Signed): Promise<AnalysisReport> {
  return analyzeSamlResponse(signedFor.get(mode)!.get(shape(what))!, {
    mode,
    ids: IDS,
    idp: idp as never,
    idpCertPem: key.certPem,
    idpIssuer: BUILT_RESPONSE_ISSUER,
    now: new Date(NOW.getTime() + 60_000),
  });
}

const signingFindings = (report: AnalysisReport) => report.findings.filter((f) => isSigningCode(f.code));

describe('the signed test responses', () => {
  it('are valid where signed and only there, says xmlsec1 (one mode: the others differ only in their ACS URL and Entity ID)', () => {
    for (const [name, xml] of signedFor.get('frontline')!) {
      expect(xmlsecVerify(xml, key.certPem, 'Response'), name).toBe(name[0] === 'R');
      expect(xmlsecVerify(xml, key.certPem, 'Assertion'), name).toBe(name[1] === 'A');
    }
  });
});

describe.each(IDP_IDS)('%s', (idp) => {
  const playbook = getPlaybook(idp);
  const starts: Array<[string, Signed]> = [
    ['nothing signed', NOTHING],
    ...playbook.signingOptions.choices.map((c) => [c.label, { response: c.response, assertion: c.assertion }] as [string, Signed]),
  ];

  it.each(MODE_IDS)('%s: each signing choice gets the findings the facts give, and following any fix leaves no signing finding', async (mode) => {
    const target = recommendedSigning(idp);
    for (const [label, what] of starts) {
      const report = await analyze(mode, idp, what);
      const found = signingFindings(report);
      const errors = found.filter((f) => f.severity === 'error');
      // Facts, section 1: nothing covering the assertion fails everywhere; legacy and Frontline
      // need the Response signed; enhanced needs one of the two.
      const mustFail = !what.response && (!what.assertion || mode !== 'flex-enhanced');
      expect({ label, errors: errors.length > 0 }).toEqual({ label, errors: mustFail });
      expect(report.verdict, label).toBe(mustFail ? 'fail' : 'ok');
      // At most a note where the rule is met, never a warning.
      if (!mustFail)
        expect(
          found.every((f) => f.severity === 'info'),
          label,
        ).toBe(true);
      for (const f of found) {
        expect(f.fix, `${label}: ${f.code}`).toBe(playbook.signingOptions.instruction);
        expect(f.fix, `${label}: ${f.code}`).toContain(target.label);
        const after = await analyze(mode, idp, { response: target.response, assertion: target.assertion });
        expect({ label, code: f.code, after: signingFindings(after).map((g) => `${g.code}:${g.severity}`) }).toEqual({ label, code: f.code, after: [] });
        expect(after.verdict).toBe('ok');
      }
    }
  });
});

describe('the two IdPs that cannot sign both', () => {
  it('Google signs the response only when Signed response is ticked: no finding in any mode; unticked, legacy and Frontline fail', async () => {
    for (const mode of MODE_IDS) expect(signingFindings(await analyze(mode, 'google', { response: true, assertion: false }))).toEqual([]);
    expect(signingFindings(await analyze('flex-enhanced', 'google', { response: false, assertion: true }))).toEqual([]);
    expect(signingFindings(await analyze('flex-legacy', 'google', { response: false, assertion: true })).map((f) => f.severity)).toEqual(['error']);
  });

  it('Auth0 signs the assertion by default: fine for enhanced Flex; legacy and Frontline are told "signResponse": true, which signs the response instead', async () => {
    expect(signingFindings(await analyze('flex-enhanced', 'auth0', { response: false, assertion: true }))).toEqual([]);
    const frontline = signingFindings(await analyze('frontline', 'auth0', { response: false, assertion: true }));
    expect(frontline.map((f) => [f.code, f.severity])).toEqual([['response-unsigned', 'error']]);
    expect(frontline[0]!.fix).toContain('"signResponse": true');
    expect(frontline[0]!.message).toMatch(/not verified/);
    expect(signingFindings(await analyze('frontline', 'auth0', { response: true, assertion: false }))).toEqual([]);
  });
});
