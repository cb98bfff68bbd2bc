import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSamlResponse, importMetadata } from '../../electron/services/analysis';
import type { IdpAdminError } from '../../electron/services/idp-admin/admin-http';
import { applySetup, planSetup, setupResult, undoSetup } from '../../electron/services/idp-admin/engine';
import { ENTRA_PERMISSIONS, EntraProvider, tenantOfToken } from '../../electron/services/idp-admin/entra';
import type { Journal } from '../../electron/services/idp-admin/types';
import { MODE_IDS, type ModeId } from '../../shared/domain/modes';
import { desiredSetup } from '../../shared/idp-admin/desired';
import { startFakeGraph, type FakeGraph } from '../support/fake-idp-admin/fake-graph';
import { samlpLogin, startSamlpServer } from '../support/idps';

// The project's own trimmed Graph description always runs (it is in the repository).
const IDS = { connectionId: `JQ${'c3'.repeat(16)}`, accountSid: `AC${'d4'.repeat(16)}`, realmSid: `JB${'e5'.repeat(16)}` };
const GROUP = '11111111-2222-4333-8444-555555555555';
const instant = async (): Promise<void> => {};

describe('Entra ID through Microsoft Graph (against a FAKE tenant held to the trimmed Graph description)', () => {
  let graph: FakeGraph;
  beforeAll(async () => {
    graph = await startFakeGraph();
  }, 60_000);
  afterAll(async () => graph?.close());

  const provider = (scopes: readonly string[] = ENTRA_PERMISSIONS) => {
    const token = graph.issueToken(scopes);
    return new EntraProvider({
      accessToken: async () => token,
      tenantId: tenantOfToken(token)!,
      graphUrl: graph.graphUrl,
      loginUrl: graph.loginUrl,
      sleep: instant,
    });
  };
  const desired = (mode: ModeId, appName = `Twilio ${mode}`) =>
    desiredSetup({
      idp: 'azure-ad',
      mode,
      ids: IDS,
      appName,
      insightsRoles: mode === 'frontline' ? [] : ['wfo.full_access'],
      assignments: [{ principalId: GROUP, principalType: 'group', role: 'agent' }],
    });

  for (const mode of MODE_IDS) {
    it(`${mode}: plans, applies through replication delays, re-plans nothing, undo removes everything`, async () => {
      const setup = desired(mode);
      const plan = await planSetup(provider(), setup);
      const ids = plan.steps.map((s) => s.id);
      expect(ids.indexOf('set-sso-mode')).toBeLessThan(ids.indexOf('set-saml-urls'));
      for (const step of plan.steps) expect(step.permission).toMatch(/Application\.ReadWrite\.All|Policy\.|AppRoleAssignment\./);
      const journal = await applySetup(provider(), plan);
      const app = graph.apps.get(journal.outputs.appObjectId!)!;
      const sp = graph.servicePrincipals.get(journal.outputs.servicePrincipalId!)!;
      expect(app.identifierUris).toEqual([setup.entityId]);
      expect(app.web.redirectUris).toEqual([setup.acsUrl]);
      expect(app.appRoles.map((r) => r.value)).toEqual([
        'msiam_access',
        ...(mode === 'frontline' ? ['agent'] : ['admin', 'supervisor', 'agent', 'wfo.full_access']),
      ]);
      expect(sp.preferredSingleSignOnMode).toBe('saml');
      expect(sp.preferredTokenSigningKeyThumbprint).toBeTruthy();
      const claims = JSON.parse(graph.policies.get(sp.claimsMappingPolicies[0]!)!.definition[0]!).ClaimsMappingPolicy.ClaimsSchema as Array<{
        ID: string;
        SamlClaimType: string;
      }>;
      expect(claims.map((c) => `${c.SamlClaimType}<-${c.ID}`)).toEqual(expect.arrayContaining(['email<-mail', 'roles<-assignedroles']));
      expect(JSON.parse(graph.policies.get(app.tokenIssuancePolicies[0]!)!.definition[0]!).TokenIssuancePolicy.TokenResponseSigningPolicy).toBe(
        'ResponseAndToken',
      );
      expect(sp.assignments).toHaveLength(1);
      expect((await planSetup(provider(), setup, journal)).steps).toEqual([]);
      const undone = await undoSetup(provider(), journal);
      expect(undone.state).toBe('undone');
      expect(graph.apps.has(app.id) || graph.servicePrincipals.has(sp.id)).toBe(false);
      expect([...graph.policies.values()].filter((p) => p.displayName.startsWith('Flex SSO Wizard'))).toEqual([]);
      expect(graph.violations).toEqual([]);
    });
  }

  it('the fake refuses the identifier before SAML is chosen (the ordering rule the plan follows)', async () => {
    const setup = desired('flex-enhanced', 'Twilio order');
    const plan = await planSetup(provider(), setup);
    const reordered = { ...plan, steps: plan.steps.filter((s) => s.id !== 'set-sso-mode') };
    const saved: Journal[] = [];
    const error = await applySetup(provider(), reordered, { onJournal: (j) => void saved.push(j) }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/verified domain/);
    await undoSetup(provider(), saved.at(-1)!);
    expect([...graph.apps.values()].filter((a) => a.displayName === 'Twilio order')).toEqual([]);
  });

  it('resumes after a failure at every step, and says what exists', async () => {
    graph.setReplicationLag(0);
    const setup = desired('flex-enhanced', 'Twilio resume');
    const total = (await planSetup(provider(), setup)).steps.length;
    for (let failing = 0; failing < total; failing += 1) {
      graph.clearFaults();
      graph.addFault({ match: 'mutating', after: failing, fault: { kind: 'network' } });
      const saved: Journal[] = [];
      const error = await applySetup(provider(), await planSetup(provider(), setup), { onJournal: (j) => void saved.push(j) }).catch((e: unknown) => e);
      expect((error as IdpAdminError).problem).toBe('network');
      expect(saved.at(-1)!.entries.filter((e) => e.state === 'done')).toHaveLength(failing);
      graph.clearFaults();
      const resumed = await planSetup(provider(), setup, saved.at(-1)!);
      const done = await applySetup(provider(), resumed);
      expect((await planSetup(provider(), setup, done)).steps).toEqual([]);
      await undoSetup(provider(), done);
      expect([...graph.apps.values()].filter((a) => a.displayName === 'Twilio resume')).toEqual([]);
    }
    graph.setReplicationLag(2);
    expect(graph.violations).toEqual([]);
  });

  it('names the missing delegated permission (403) and asks to sign in again (401)', async () => {
    const setup = desired('flex-enhanced', 'Twilio consent');
    const limited = provider(['Application.ReadWrite.All']);
    const plan = await planSetup(limited, setup);
    const saved: Journal[] = [];
    const error = await applySetup(limited, plan, { onJournal: (j) => void saved.push(j) }).catch((e: unknown) => e);
    expect((error as IdpAdminError).problem).toBe('forbidden');
    expect((error as Error).message).toMatch(/needs the permission Policy\.ReadWrite\.ApplicationConfiguration.*Grant admin consent/);
    expect((error as Error).message).toMatch(/Done before it: Create the enterprise application/);
    // consent granted: the same journal resumes where it stopped
    const resumed = await applySetup(provider(), await planSetup(provider(), setup, saved.at(-1)!));
    expect(resumed.state).toBe('applied');
    await undoSetup(provider(), resumed);
    const expired = new EntraProvider({
      accessToken: async () => 'expired',
      tenantId: graph.tenantId,
      graphUrl: graph.graphUrl,
      loginUrl: graph.loginUrl,
      sleep: instant,
    });
    expect(((await planSetup(expired, setup).catch((e: unknown) => e)) as Error).message).toMatch(/401.*Sign in to Microsoft again/);
  });

  it("the applied app, turned into a response signed with Entra's new certificate, passes the product's analysis", async () => {
    const setup = desired('flex-enhanced', 'Twilio login');
    const journal = await applySetup(provider(), await planSetup(provider(), setup));
    const result = await setupResult(provider(), journal);
    expect(result.metadataUrl).toContain(`appid=${journal.outputs.appId}`);
    const metadata = await importMetadata({ xml: result.metadataXml });
    const sp = graph.servicePrincipals.get(journal.outputs.servicePrincipalId!)!;
    const key = graph.signingKeys.get(sp.preferredTokenSigningKeyThumbprint!)!;
    const policy = JSON.parse(graph.policies.get(sp.claimsMappingPolicies[0]!)!.definition[0]!).ClaimsMappingPolicy.ClaimsSchema as Array<{
      ID: string;
      SamlClaimType: string;
    }>;
    const user: Record<string, string | string[]> = { mail: 'ada@example.com', displayname: 'Ada Lovelace', assignedroles: ['agent'] };
    const claims = Object.fromEntries(policy.filter((c) => !c.SamlClaimType.includes('/')).map((c) => [c.SamlClaimType, user[c.ID]!]));
    const signing = JSON.parse(graph.policies.get(graph.apps.get(journal.outputs.appObjectId!)!.tokenIssuancePolicies[0]!)!.definition[0]!).TokenIssuancePolicy
      .TokenResponseSigningPolicy;
    const idp = await startSamlpServer({ key, issuer: metadata.consoleFields.identityProviderIssuer! });
    try {
      const login = await samlpLogin(
        idp,
        { entityId: setup.entityId, acsUrl: setup.acsUrl },
        { signResponse: signing === 'ResponseAndToken', signAssertion: true, claims, nameId: String(user.mail) },
      );
      const report = await analyzeSamlResponse(login.xml, {
        mode: 'flex-enhanced',
        ids: IDS,
        idp: 'azure-ad',
        idpCertPem: metadata.consoleFields.x509Certificate!,
        idpIssuer: metadata.consoleFields.identityProviderIssuer!,
      });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report.ok).toBe(true);
    } finally {
      await idp.close();
      await undoSetup(provider(), journal);
    }
    expect(graph.violations).toEqual([]);
  }, 60_000);
});
