import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSamlResponse, importMetadata } from '../../electron/services/analysis';
import type { IdpAdminError } from '../../electron/services/idp-admin/admin-http';
import {
  AUTH0_MARKER_KEY,
  AUTH0_SCOPES,
  Auth0Provider,
  auth0ActionName,
  auth0DashboardBase,
  type Auth0Credentials,
} from '../../electron/services/idp-admin/auth0';
import { applySetup, planSetup, setupResult, undoSetup } from '../../electron/services/idp-admin/engine';
import type { Journal } from '../../electron/services/idp-admin/types';
import type { ModeId } from '../../shared/domain/modes';
import { desiredSetup } from '../../shared/idp-admin/desired';
import { AUTH0_SPEC, startFakeAuth0, type FakeAuth0, type FakeAuth0User } from '../support/fake-idp-admin/fake-auth0';
import { fakeSsoLogin } from '../support/fake-idp-admin/fake-sso';
import { createTestCertificate, type TestCertificate } from '../support/idps';

const HAVE_SPEC = existsSync(AUTH0_SPEC);
if (!HAVE_SPEC) console.log(`skipped: the Auth0 tests validate every request against ${AUTH0_SPEC.pathname}, which is absent here`);

const IDS = { connectionId: `JQ${'f6'.repeat(16)}`, accountSid: `AC${'a7'.repeat(16)}`, realmSid: `JB${'b8'.repeat(16)}` };
const M2M = { clientId: 'm2mWizardClient0000000000000001', clientSecret: 'test-only m2m secret' };
const instant = async (_ms: number): Promise<void> => {};
const USER: FakeAuth0User = {
  username: 'ada',
  password: 'test-only password',
  user_id: 'auth0|ada',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  app_metadata: { flex: { roles: ['agent', 'supervisor'] } },
};
const FOREIGN_CODE = "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('department', 'Sales'); };";

describe.skipIf(!HAVE_SPEC)('Auth0 through the Management API (against a FAKE tenant held to the third-party OpenAPI copy)', () => {
  let key: TestCertificate;
  let auth0: FakeAuth0;

  beforeAll(async () => {
    key = await createTestCertificate({ commonName: 'fake-tenant.us.auth0.com' });
    auth0 = await startFakeAuth0({ signingKey: key, users: [USER] });
    auth0.addMachineApp(M2M.clientId, M2M.clientSecret, AUTH0_SCOPES);
    auth0.addForeignAction("Someone else's enrichment", FOREIGN_CODE);
  }, 60_000);
  afterAll(async () => {
    await auth0?.close();
    key?.dispose();
  });

  const provider = (credentials: Auth0Credentials = { kind: 'client-credentials', ...M2M }, sleep = instant) =>
    new Auth0Provider({ domain: auth0.baseUrl, credentials, sleep });
  const desired = (mode: ModeId, appName = `Twilio ${mode}`) => desiredSetup({ idp: 'auth0', mode, ids: IDS, appName });
  const foreignBound = () => auth0.bindings.filter((b) => auth0.actions.get(b.actionId)?.name === "Someone else's enrichment");

  for (const mode of ['flex-enhanced', 'frontline'] as const) {
    it(`${mode}: plans, applies, re-plans nothing, leaves other Actions alone, and undo removes everything`, async () => {
      const setup = desired(mode);
      const plan = await planSetup(provider(), setup);
      expect(plan.steps.map((s) => s.id)).toEqual(['create-client', 'create-action', 'deploy-action', 'bind-action']);
      expect(plan.steps.map((s) => s.permission)).toEqual(['create:clients', 'create:actions', 'create:actions', 'read:actions and update:actions']);
      expect(plan.steps[0]!.title).toMatch(/rsa-sha256 and sha256 \(the add-on signs with SHA-1 unless told otherwise\)/);
      const journal = await applySetup(provider(), plan);
      expect(journal.state).toBe('applied');
      const client = auth0.clients.get(journal.outputs.clientId!)!;
      expect(client.app_type).toBe('regular_web');
      expect(client.callbacks[0]).toBe(setup.acsUrl);
      expect(client.client_metadata[AUTH0_MARKER_KEY]).toBe(setup.marker);
      expect(client.addons.samlp).toMatchObject({
        audience: setup.entityId,
        recipient: setup.acsUrl,
        destination: setup.acsUrl,
        signResponse: true,
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        nameIdentifierFormat: expect.stringContaining('emailAddress'),
      });
      const action = auth0.actions.get(journal.outputs.actionId!)!;
      expect(action.name).toBe(auth0ActionName(setup.marker));
      expect(action.deployedCode).toContain(`const TWILIO_CLIENT_ID = '${client.client_id}';`);
      expect(auth0.bindings.map((b) => auth0.actions.get(b.actionId)!.name)).toEqual(["Someone else's enrichment", action.name]);

      expect((await planSetup(provider(), setup, journal)).steps).toEqual([]);
      expect((await planSetup(provider(), setup)).steps).toEqual([]); // found again by its marker and name, without the journal

      const undone = await undoSetup(provider(), journal);
      expect(undone.state).toBe('undone');
      expect(auth0.clients.has(client.client_id)).toBe(false);
      expect(auth0.actions.has(action.id)).toBe(false);
      expect(foreignBound()).toHaveLength(1);
      expect(auth0.violations).toEqual([]);
    });
  }

  it('a setting changed by hand is planned back, and only that', async () => {
    const setup = desired('flex-enhanced', 'Twilio adopt');
    const first = await applySetup(provider(), await planSetup(provider(), setup));
    const client = auth0.clients.get(first.outputs.clientId!)!;
    client.addons.samlp!.signatureAlgorithm = 'rsa-sha1'; // the add-on's default, put back by hand
    client.callbacks = ['https://example.com/other', setup.acsUrl];
    const plan = await planSetup(provider(), setup);
    expect(plan.steps.map((s) => s.id)).toEqual(['update-client']);
    await applySetup(provider(), plan);
    expect(client.addons.samlp!.signatureAlgorithm).toBe('rsa-sha256');
    expect(client.callbacks).toEqual([setup.acsUrl, 'https://example.com/other']);
    expect((await planSetup(provider(), setup)).steps).toEqual([]);
    await undoSetup(provider(), first);
    expect(auth0.violations).toEqual([]);
  });

  it('resumes after a failure at every step and ends in the same state', async () => {
    const setup = desired('flex-enhanced', 'Twilio resume');
    const total = (await planSetup(provider(), setup)).steps.length;
    for (let failing = 0; failing < total; failing += 1) {
      auth0.clearFaults();
      auth0.addFault({ match: 'mutating', after: failing, fault: { kind: 'network' } });
      const saved: Journal[] = [];
      const error = await applySetup(provider(), await planSetup(provider(), setup), { onJournal: (j) => void saved.push(j) }).catch((e: unknown) => e);
      expect((error as IdpAdminError).problem).toBe('network');
      const stopped = saved.at(-1)!;
      expect(stopped.state).toBe('failed');
      expect(stopped.entries.filter((e) => e.state === 'done')).toHaveLength(failing);
      auth0.clearFaults();
      const resumed = await planSetup(provider(), setup, stopped);
      expect(resumed.steps).toHaveLength(total - failing);
      const done = await applySetup(provider(), resumed);
      expect((await planSetup(provider(), setup, done)).steps).toEqual([]);
      await undoSetup(provider(), done);
      expect([...auth0.clients.values()].filter((c) => c.name === 'Twilio resume')).toEqual([]);
      expect(foreignBound()).toHaveLength(1);
    }
    expect(auth0.violations).toEqual([]);
  });

  it('waits while the Action builds, honours X-RateLimit-Reset (429), names a missing scope (403) and a refused secret (401)', async () => {
    auth0.setBuildLag(3);
    const waits: number[] = [];
    const patient = provider(undefined, async (ms: number) => void waits.push(ms));
    auth0.addFault({
      match: 'post_clients',
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2) },
        body: { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached' },
      },
    });
    const setup = desired('flex-enhanced', 'Twilio limits');
    const journal = await applySetup(patient, await planSetup(patient, setup));
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(2000);
    expect(waits.length).toBeGreaterThanOrEqual(4); // one rate-limit wait, then three build waits
    auth0.setBuildLag(1);
    await undoSetup(patient, journal);

    auth0.addMachineApp(
      'm2mNoActions',
      'secret-2',
      AUTH0_SCOPES.filter((s) => s !== 'create:actions'),
    );
    const limited = provider({ kind: 'client-credentials', clientId: 'm2mNoActions', clientSecret: 'secret-2' });
    const saved: Journal[] = [];
    const refused = await applySetup(limited, await planSetup(limited, setup), { onJournal: (j) => void saved.push(j) }).catch((e: unknown) => e);
    expect((refused as IdpAdminError).problem).toBe('forbidden');
    expect((refused as Error).message).toMatch(
      /needs the permission create:actions\. In the Auth0 Dashboard open Applications > APIs > Auth0 Management API > Machine To Machine Applications.*tick create:actions/,
    );
    expect((refused as Error).message).toMatch(/Done before it: Create the Regular Web Application/);
    const resumed = await applySetup(provider(), await planSetup(provider(), setup, saved.at(-1)!));
    await undoSetup(provider(), resumed);

    const wrongSecret = await planSetup(provider({ kind: 'client-credentials', clientId: M2M.clientId, clientSecret: 'wrong' }), setup).catch(
      (e: unknown) => e,
    );
    expect((wrongSecret as IdpAdminError).problem).toBe('unauthorized');
    expect((wrongSecret as Error).message).toMatch(/refused the machine-to-machine application's sign-in \(401\).*Client ID and Client Secret/);
    auth0.addMachineApp('m2mNotAuthorized', 'secret-3', []);
    const noGrant = await planSetup(provider({ kind: 'client-credentials', clientId: 'm2mNotAuthorized', clientSecret: 'secret-3' }), setup).catch(
      (e: unknown) => e,
    );
    expect((noGrant as Error).message).toMatch(/did not let the machine-to-machine application use the Management API \(403\).*switch the application on/);
    const badToken = await planSetup(provider({ kind: 'management-token', token: 'expired' }), setup).catch((e: unknown) => e);
    expect((badToken as Error).message).toMatch(/did not accept the sign-in \(401\)/);
    expect(auth0.violations).toEqual([]);
  });

  it("the applied configuration, signed by the fake tenant as its add-on and Login flow say, passes the product's analysis", async () => {
    const setup = desired('flex-enhanced', 'Twilio login');
    const journal = await applySetup(provider(), await planSetup(provider(), setup));
    try {
      const result = await setupResult(provider(), journal);
      expect(result.metadataUrl).toBe(`${auth0.baseUrl}/samlp/metadata/${journal.outputs.clientId}`);
      const metadata = await importMetadata({ xml: result.metadataXml });
      expect(metadata.consoleFields.identityProviderIssuer).toBe(auth0.issuer);
      const sp = { entityId: setup.entityId, acsUrl: setup.acsUrl, certPem: metadata.consoleFields.x509Certificate! };
      const login = await fakeSsoLogin(metadata.consoleFields.singleSignOnUrl!, sp, USER);
      expect(login.xml).toMatch(/xmldsig-more#rsa-sha256/);
      expect(login.xml).toMatch(/<saml:AttributeValue[^>]*>supervisor</);
      const options = {
        mode: 'flex-enhanced' as const,
        ids: IDS,
        idp: 'auth0' as const,
        idpCertPem: metadata.consoleFields.x509Certificate!,
        idpIssuer: metadata.consoleFields.identityProviderIssuer!,
      };
      const report = await analyzeSamlResponse(login.xml, options);
      expect(report.signature).toMatchObject({ checked: true, valid: true });
      // The add-on signs the response only; enhanced Flex takes that (facts section 1).
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report).toMatchObject({ ok: true, verdict: 'ok' });

      // The fake is faithful: without the Action in the Login flow, roles are missing.
      const ours = auth0.bindings.findIndex((b) => b.actionId === journal.outputs.actionId);
      const [removed] = auth0.bindings.splice(ours, 1);
      const without = await analyzeSamlResponse((await fakeSsoLogin(metadata.consoleFields.singleSignOnUrl!, sp, USER)).xml, options);
      expect(without.findings.map((f) => f.code)).toContain('missing-claim');
      auth0.bindings.push(removed!);
    } finally {
      await undoSetup(provider(), journal);
    }
    expect(auth0.violations).toEqual([]);
  }, 60_000);

  it('links to the Auth0 Dashboard for real tenant domains (US tenants have no region label)', () => {
    expect(auth0DashboardBase('acme.eu.auth0.com')).toBe('https://manage.auth0.com/dashboard/eu/acme');
    expect(auth0DashboardBase('acme.auth0.com')).toBe('https://manage.auth0.com/dashboard/us/acme');
    expect(auth0DashboardBase('127.0.0.1:4000')).toBeNull();
    expect(() => new Auth0Provider({ domain: 'http://acme.us.auth0.com', credentials: { kind: 'management-token', token: 'x' } })).toThrow(
      /must start with https:\/\//,
    );
  });
});
