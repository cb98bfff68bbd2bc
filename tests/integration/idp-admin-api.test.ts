/**
 * "Set it up for me" through the API exactly as the renderer drives it (dispatchApiCall: schema
 * checks both ways): the credential goes in and never comes back, plan → consent → apply as a task
 * with progress and cancel, the journal kept per profile connection (resume, undo), the IdP's
 * metadata in the result for the Twilio fields. Against a FAKE Okta org held to Okta's OpenAPI file.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers } from '../../electron/services/api-handlers';
import type { ApiServices } from '../../electron/services/api-services';
import type { ApiHandlers, TaskStatus } from '../../shared/api';
import { OKTA_SPEC, startFakeOkta, type FakeOkta } from '../support/fake-idp-admin/fake-okta';
import { createTestCertificate, type TestCertificate } from '../support/idps';
import { createTestServices } from '../support/test-services';

const HAVE_SPEC = existsSync(OKTA_SPEC);
if (!HAVE_SPEC) console.log(`skipped: the "Set it up for me" API tests validate every request against ${OKTA_SPEC.pathname}, which is absent here`);
const CONNECTION = `JQ${'e7'.repeat(16)}`;
const GROUP = '00gflexagents';

describe.skipIf(!HAVE_SPEC)('"Set it up for me" through the API (FAKE Okta org)', () => {
  let key: TestCertificate;
  let okta: FakeOkta;
  let services: ApiServices;
  let handlers: ApiHandlers;
  let profileId = '';
  let connectionId = '';

  async function call<T = unknown>(name: string, request: unknown): Promise<T> {
    const result = await dispatchApiCall(handlers, name, request);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  }
  async function until(taskId: string, onStatus?: (status: TaskStatus) => void): Promise<TaskStatus> {
    for (;;) {
      const status = await call<TaskStatus>('getTaskStatus', { taskId });
      onStatus?.(status);
      if (status.state !== 'running') return status;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const target = () => ({ idp: 'okta' as const, orgUrl: okta.baseUrl });
  const setup = (extra: Record<string, unknown> = {}) => ({
    profileId,
    connectionId,
    target: target(),
    mode: 'flex-enhanced',
    ids: { connectionId: CONNECTION },
    appName: 'Twilio Flex (API)',
    assignments: [{ principalType: 'group', principalId: GROUP, role: 'agent' }],
    ...extra,
  });

  beforeAll(async () => {
    key = await createTestCertificate();
    okta = await startFakeOkta({ signingKey: key, groups: [GROUP] });
    services = await createTestServices({ sessionSecrets: true });
    handlers = createApiHandlers(services);
    const { profile } = await call<{ profile: { id: string; connections: Array<{ id: string }> } }>('createProfile', {
      name: 'API customer',
      mode: 'flex-enhanced',
      idp: 'okta',
    });
    profileId = profile.id;
    connectionId = profile.connections[0]!.id;
  }, 60_000);
  afterAll(async () => {
    services?.tasks.cancelAll();
    await okta?.close();
    key?.dispose();
  });

  it("keeps the token write-only, plans with each step's permission, applies what was agreed, and answers the metadata", async () => {
    expect(await call('getIdpAdminStatus', { profileId, connectionId, idp: 'okta', target: target() })).toMatchObject({ signedIn: false, journal: null });
    const refused = await dispatchApiCall(handlers, 'startIdpPlan', setup());
    expect(refused.ok).toBe(true); // starts; the task says what is missing
    const noToken = await until((refused as { ok: true; value: { taskId: string } }).value.taskId);
    expect(noToken).toMatchObject({ state: 'failed', error: expect.stringMatching(/No Okta API token is stored for 127\.0\.0\.1:\d+ yet/) });

    const wrong = await dispatchApiCall(handlers, 'setIdpCredential', { target: target(), credential: { kind: 'api-token', token: 'not-the-token' } });
    expect(wrong).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not accept the sign-in \(401\).*Nothing was stored\./) } });
    expect(await call('getIdpAdminStatus', { profileId, connectionId, idp: 'okta', target: target() })).toMatchObject({ signedIn: false });
    const stored = await call('setIdpCredential', { target: target(), credential: { kind: 'api-token', token: okta.apiToken } });
    expect(stored).toEqual({ stored: true, backend: 'session' });
    const status = await call('getIdpAdminStatus', { profileId, connectionId, idp: 'okta', target: target() });
    expect(JSON.stringify(status)).not.toContain(okta.apiToken);
    expect(status).toMatchObject({ signedIn: true, backend: 'session' });

    const planned = await until((await call<{ taskId: string }>('startIdpPlan', setup())).taskId);
    expect(planned.state).toBe('succeeded');
    if (planned.result?.kind !== 'idp-plan') throw new Error('no plan');
    expect(planned.result.steps.map((s) => s.id)).toEqual(['create-app', `assign-group:${GROUP}`]);
    for (const step of planned.result.steps) expect(step.permission).toMatch(/^okta\.apps\.manage/);

    // Agreed to only the first step: the run stops before any change.
    const partial = await until((await call<{ taskId: string }>('startIdpApply', { ...setup(), consentedSteps: ['create-app'] })).taskId);
    expect(partial).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/changed since the plan was shown, so nothing was changed.*Assign the group/),
    });
    expect(okta.apps.size).toBe(0);

    const messages = new Set<string>();
    const applied = await until(
      (await call<{ taskId: string }>('startIdpApply', { ...setup(), consentedSteps: planned.result.steps.map((s) => s.id) })).taskId,
      (s) => void messages.add(s.message),
    );
    expect(applied.state, applied.error ?? '').toBe('succeeded');
    expect([...messages].some((m) => /^1 of 2: Create the SAML 2\.0 app integration/.test(m))).toBe(true);
    if (applied.result?.kind !== 'idp-apply') throw new Error('no apply result');
    expect(applied.result.metadata.consoleFields.identityProviderIssuer).toMatch(/^http:\/\/www\.okta\.com\/exk/);
    expect(applied.result.metadata.consoleFields.x509Certificate).toContain('BEGIN CERTIFICATE');
    expect(applied.result.created.map((c) => c.kind)).toEqual(['okta-app']);
    expect(JSON.stringify(applied)).not.toContain(okta.apiToken);

    const after = await call<{ journal: { state: string; created: unknown[] } }>('getIdpAdminStatus', {
      profileId,
      connectionId,
      idp: 'okta',
      target: target(),
    });
    expect(after.journal).toMatchObject({ state: 'applied', created: [expect.objectContaining({ kind: 'okta-app' })] });
    const again = await until((await call<{ taskId: string }>('startIdpPlan', setup())).taskId);
    expect(again.result).toMatchObject({ kind: 'idp-plan', nothingToDo: true });

    const undone = await until((await call<{ taskId: string }>('startIdpUndo', { profileId, connectionId, target: target() })).taskId);
    expect(undone.result).toMatchObject({ kind: 'idp-undo', state: 'undone' });
    expect(okta.apps.size).toBe(0);
    expect(okta.violations).toEqual([]);
  }, 60_000);

  it('cancel mid-apply: the journal says what exists; the next apply continues; deleting the profile removes its journals', async () => {
    const steps = ['create-app', `assign-group:${GROUP}`];
    okta.addFault({ match: 'assignGroupToApplication', fault: { kind: 'delay', ms: 3000 } });
    const { taskId } = await call<{ taskId: string }>('startIdpApply', { ...setup(), consentedSteps: steps });
    const cancelled = await until(taskId, (s) => {
      if (/^2 of 2/.test(s.message)) void call('cancelTask', { taskId });
    });
    okta.clearFaults();
    expect(cancelled.state).toBe('cancelled');
    const status = await call<{ journal: { state: string; done: string[]; error: string } }>('getIdpAdminStatus', { profileId, connectionId, idp: 'okta' });
    expect(status.journal.state).toBe('cancelled');
    expect(status.journal.done).toEqual([expect.stringMatching(/^Create the SAML 2\.0 app integration/)]);

    const resumed = await until((await call<{ taskId: string }>('startIdpPlan', setup())).taskId);
    if (resumed.result?.kind !== 'idp-plan') throw new Error('no plan');
    expect(resumed.result.steps.map((s) => s.id)).not.toContain('create-app');
    const finished = await until((await call<{ taskId: string }>('startIdpApply', { ...setup(), consentedSteps: steps })).taskId);
    expect(finished.state, finished.error ?? '').toBe('succeeded');

    const journals = join(services.dataFolder, 'idp-admin', profileId);
    expect(readdirSync(journals)).toEqual([`${connectionId}.json`]);
    await until((await call<{ taskId: string }>('startIdpUndo', { profileId, connectionId, target: target() })).taskId);
    await call('deleteProfile', { id: profileId });
    expect(existsSync(journals)).toBe(false);
    expect(okta.violations).toEqual([]);
  }, 60_000);

  it("refuses what cannot work in the admin's words", async () => {
    const bad = await dispatchApiCall(handlers, 'setIdpCredential', {
      target: { idp: 'okta', orgUrl: 'http://example.okta.com' },
      credential: { kind: 'api-token', token: 'x' },
    });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must start with https:\/\//) } });
    const wrongKind = await dispatchApiCall(handlers, 'setIdpCredential', {
      target: { idp: 'auth0', domain: 'acme.us.auth0.com' },
      credential: { kind: 'api-token', token: 'x' },
    });
    expect(wrongKind).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Client ID and Client Secret/) } });
    const entra = await dispatchApiCall(handlers, 'setIdpCredential', { target: { idp: 'azure-ad' }, credential: { kind: 'api-token', token: 'x' } });
    expect(entra).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Sign in with Microsoft/) } });
    const { profile } = await call<{ profile: { id: string; connections: Array<{ id: string }> } }>('createProfile', { name: 'Entra customer' });
    const entraStatus = await call('getIdpAdminStatus', {
      profileId: profile.id,
      connectionId: profile.connections[0]!.id,
      idp: 'azure-ad',
      target: { idp: 'azure-ad' },
    });
    expect(entraStatus).toMatchObject({ signedIn: false, account: null, entra: { clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', tenant: 'organizations' } });
    const badClient = await dispatchApiCall(handlers, 'getIdpAdminStatus', {
      profileId: profile.id,
      connectionId: profile.connections[0]!.id,
      idp: 'azure-ad',
      target: { idp: 'azure-ad', clientId: 'not-a-guid' },
    });
    expect(badClient).toMatchObject({ ok: false, error: { message: expect.stringMatching(/client id is a GUID/) } });
    const adminConsole = await dispatchApiCall(handlers, 'setIdpCredential', {
      target: { idp: 'okta', orgUrl: 'https://acme-admin.okta.com' },
      credential: { kind: 'api-token', token: 'x' },
    });
    expect(adminConsole).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Leave -admin out: the org URL is https:\/\/acme\.okta\.com/) } });
  });

  it('storing a credential is one check, not a run: its own next step, never "run it again"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await dispatchApiCall(handlers, 'setIdpCredential', {
      target: { idp: 'okta', orgUrl: `http://127.0.0.1:${port}` },
      credential: { kind: 'api-token', token: 'x' },
    });
    if (unreachable.ok) throw new Error('stored against a closed port');
    expect(unreachable.error.message).toMatch(
      /could not be reached \(the connection failed\)\. Check the address and the network connection, then store it again\. Nothing was stored\.$/,
    );
    expect(unreachable.error.message).not.toMatch(/run it again|continues where it stopped/i);
  });
});
