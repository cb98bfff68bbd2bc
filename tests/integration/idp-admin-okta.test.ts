import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSamlResponse, importMetadata } from '../../electron/services/analysis';
import { applySetup, planSetup, setupResult, undoSetup } from '../../electron/services/idp-admin/engine';
import { IdpAdminError } from '../../electron/services/idp-admin/admin-http';
import { OktaProvider, type OktaCredentials } from '../../electron/services/idp-admin/okta';
import type { Journal } from '../../electron/services/idp-admin/types';
import type { ModeId } from '../../shared/domain/modes';
import { desiredSetup } from '../../shared/idp-admin/desired';
import { OKTA_SPEC, startFakeOkta, type FakeOkta } from '../support/fake-idp-admin/fake-okta';
import { createTestCertificate, samlpLogin, startSamlpServer, type TestCertificate } from '../support/idps';

const HAVE_SPEC = existsSync(OKTA_SPEC);
if (!HAVE_SPEC) console.log(`skipped: the Okta tests validate every request against ${OKTA_SPEC.pathname}, which is absent here`);

const IDS = { connectionId: `JQ${'a1'.repeat(16)}`, realmSid: `JB${'b2'.repeat(16)}` };
const GROUP = '00gflexagents0001';
const instant = async (): Promise<void> => {};

describe.skipIf(!HAVE_SPEC)("Okta through the management API (against a FAKE Okta org held to Okta's OpenAPI file)", () => {
  let key: TestCertificate;
  let okta: FakeOkta;

  beforeAll(async () => {
    key = await createTestCertificate({ commonName: 'fake okta signing' });
    okta = await startFakeOkta({ signingKey: key, groups: [GROUP] });
  }, 60_000);
  afterAll(async () => {
    await okta?.close();
    key?.dispose();
  });

  const provider = (credentials: OktaCredentials = { kind: 'api-token', token: okta.apiToken }) =>
    new OktaProvider({ orgUrl: okta.baseUrl, credentials, sleep: instant });
  const desired = (mode: ModeId, appName = `Twilio ${mode}`) =>
    desiredSetup({ idp: 'okta', mode, ids: IDS, appName, assignments: [{ principalId: GROUP, principalType: 'group', role: 'agent' }] });

  for (const mode of ['flex-enhanced', 'frontline'] as const) {
    it(`${mode}: plans, applies, re-plans nothing, and undo removes everything`, async () => {
      const setup = desired(mode);
      const plan = await planSetup(provider(), setup);
      expect(plan.steps.map((s) => s.id)).toEqual(['create-app', `assign-group:${GROUP}`]);
      for (const step of plan.steps) expect(step.permission).toMatch(/okta\.apps\.manage/);
      const journal = await applySetup(provider(), plan);
      expect(journal.state).toBe('applied');
      const app = okta.apps.get(journal.outputs.appId!)!;
      const signOn = app.settings.signOn as Record<string, unknown>;
      expect(signOn).toMatchObject({
        ssoAcsUrl: setup.acsUrl,
        audience: setup.entityId,
        recipient: setup.acsUrl,
        destination: setup.acsUrl,
        responseSigned: true,
        assertionSigned: true,
        signatureAlgorithm: 'RSA_SHA256',
        digestAlgorithm: 'SHA256',
      });
      const statements = signOn.attributeStatements as Array<{ name: string; namespace: string; values: string[] }>;
      expect(statements.map((s) => s.name).sort()).toEqual(mode === 'frontline' ? ['email', 'roles'] : ['email', 'full_name', 'roles']);
      expect(statements.every((s) => s.namespace.endsWith(':basic'))).toBe(true);
      expect([...app.groups]).toEqual([GROUP]);

      const again = await planSetup(provider(), setup, journal);
      expect(again.steps).toEqual([]);

      const undone = await undoSetup(provider(), journal);
      expect(undone.state).toBe('undone');
      expect(okta.apps.has(journal.outputs.appId!)).toBe(false);
      expect(okta.violations).toEqual([]);
    });
  }

  it('finds an app it created earlier by its name and audience, and plans only the difference', async () => {
    const setup = desired('flex-enhanced', 'Twilio adopt');
    const first = await applySetup(provider(), await planSetup(provider(), setup));
    const app = okta.apps.get(first.outputs.appId!)!;
    (app.settings.signOn as Record<string, unknown>).responseSigned = false; // changed by hand in the console
    app.groups.clear();
    const plan = await planSetup(provider(), setup); // no journal: found by name and audience
    expect(plan.steps.map((s) => s.id)).toEqual(['update-app', `assign-group:${GROUP}`]);
    await applySetup(provider(), plan);
    expect((app.settings.signOn as Record<string, unknown>).responseSigned).toBe(true);
    expect((await planSetup(provider(), setup)).steps).toEqual([]);
    await undoSetup(provider(), first);
    expect(okta.violations).toEqual([]);
  });

  it('resumes after a failure at every step and ends in the same state', async () => {
    const setup = desired('flex-enhanced', 'Twilio resume');
    const total = (await planSetup(provider(), setup)).steps.length;
    for (let failing = 0; failing < total; failing += 1) {
      okta.clearFaults();
      okta.addFault({ match: 'mutating', after: failing, fault: { kind: 'network' } });
      const saved: Journal[] = [];
      const plan = await planSetup(provider(), setup);
      const error = await applySetup(provider(), plan, { onJournal: (j) => void saved.push(j) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdpAdminError);
      expect((error as IdpAdminError).problem).toBe('network');
      const stopped = saved.at(-1)!;
      expect(stopped.state).toBe('failed');
      expect(stopped.error).toMatch(failing === 0 ? /nothing \(the IdP is unchanged\)/ : /Create the SAML 2\.0 app integration/);
      okta.clearFaults();
      const resumed = await planSetup(provider(), setup, stopped);
      expect(resumed.steps).toHaveLength(total - failing);
      const done = await applySetup(provider(), resumed);
      expect((await planSetup(provider(), setup, done)).steps).toEqual([]);
      await undoSetup(provider(), done);
      expect([...okta.apps.values()].filter((a) => a.label === 'Twilio resume')).toEqual([]);
    }
    expect(okta.violations).toEqual([]);
  });

  it('honours X-Rate-Limit-Reset (429) and names the missing scope of a service app (403)', async () => {
    const waits: number[] = [];
    okta.addFault({
      match: 'createApplication',
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 3) },
        body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' },
      },
    });
    const patient = new OktaProvider({
      orgUrl: okta.baseUrl,
      credentials: { kind: 'api-token', token: okta.apiToken },
      sleep: async (ms) => void waits.push(ms),
    });
    const setup = desired('flex-enhanced', 'Twilio rate');
    const journal = await applySetup(patient, await planSetup(patient, setup));
    expect(waits[0]).toBeGreaterThan(1000);
    expect(waits[0]).toBeLessThanOrEqual(3000);
    await undoSetup(patient, journal);

    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    okta.addServiceApp('0oaservice', publicKey.export({ type: 'spki', format: 'pem' }).toString(), ['okta.apps.read', 'okta.groups.read']);
    const readOnly = provider({ kind: 'private-key', clientId: '0oaservice', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const refused = await planSetup(readOnly, setup).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IdpAdminError);
    expect((refused as Error).message).toMatch(/did not grant the scopes .*okta\.apps\.manage.*Okta API Scopes > Grant okta\.apps\.manage/);

    okta.addServiceApp('0oaservice', publicKey.export({ type: 'spki', format: 'pem' }).toString(), ['okta.apps.manage', 'okta.apps.read', 'okta.groups.read']);
    const withScope = provider({ kind: 'private-key', clientId: '0oaservice', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const applied = await applySetup(withScope, await planSetup(withScope, setup));
    expect(applied.state).toBe('applied');
    await undoSetup(withScope, applied);

    const bad = await planSetup(provider({ kind: 'api-token', token: 'not-the-token' }), setup).catch((e: unknown) => e);
    expect((bad as Error).message).toMatch(/did not accept the sign-in \(401\).*Security > API > Tokens/);
    expect(okta.violations).toEqual([]);
  });

  it("the applied app, turned into a SAML response signed with the certificate Okta hands out, passes the product's analysis", async () => {
    const setup = desired('flex-enhanced', 'Twilio login');
    const journal = await applySetup(provider(), await planSetup(provider(), setup));
    const result = await setupResult(provider(), journal);
    const metadata = await importMetadata({ xml: result.metadataXml });
    expect(metadata.consoleFields.identityProviderIssuer).toBe(okta.issuerOf(journal.outputs.appId!));
    expect(result.links[0]!.consoleUrl).toContain(`/instance/${journal.outputs.appId}/`);

    // Okta would evaluate the app's attribute statements for this user:
    const user = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', userType: 'agent,supervisor' };
    const app = okta.apps.get(journal.outputs.appId!)!;
    const signOn = app.settings.signOn as { attributeStatements: Array<{ name: string; values: string[] }>; responseSigned: boolean; assertionSigned: boolean };
    const evaluate = (expression: string): string | string[] => {
      if (expression === 'user.email') return user.email;
      if (expression === 'user.userType') return user.userType.split(',');
      if (expression === 'String.join(" ", user.firstName, user.lastName)') return `${user.firstName} ${user.lastName}`;
      throw new Error(`the test does not evaluate ${expression}`);
    };
    const claims = Object.fromEntries(signOn.attributeStatements.map((s) => [s.name, evaluate(s.values[0]!)]));
    const idp = await startSamlpServer({ key, issuer: metadata.consoleFields.identityProviderIssuer! });
    try {
      const login = await samlpLogin(
        idp,
        { entityId: setup.entityId, acsUrl: setup.acsUrl },
        { signResponse: signOn.responseSigned, signAssertion: signOn.assertionSigned, claims, nameId: user.email },
      );
      const report = await analyzeSamlResponse(login.xml, {
        mode: 'flex-enhanced',
        ids: IDS,
        idp: 'okta',
        idpCertPem: metadata.consoleFields.x509Certificate!,
        idpIssuer: metadata.consoleFields.identityProviderIssuer!,
      });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await idp.close();
      await undoSetup(provider(), journal);
    }
  }, 60_000);
});
