import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers } from '../../electron/services/api-handlers';
import type { WebHostServices } from '../../electron/web-host/services';
import type { ApiHandlers } from '../../shared/api';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio/fake-twilio-server';
import { createTestServices } from '../support/test-services';

// Secrets and Twilio checks through the API as the renderer makes them; Twilio is a FAKE server.
const AC = 'AC' + 'c'.repeat(32);
const SK = 'SK' + 'd'.repeat(32);
const WS = 'WS' + 'e'.repeat(32);
const TOKEN = 'S3CR3T-auth-token-0123456789abcdef';
const KEY_SECRET = 'S3CR3T-key-secret-fedcba9876543210';

let fake: FakeTwilio;
let services: WebHostServices;
let handlers: ApiHandlers;
const wire: string[] = [];

async function call<T = Record<string, unknown>>(name: string, request: unknown): Promise<T> {
  const result = await dispatchApiCall(handlers, name, request);
  wire.push(JSON.stringify(result));
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

beforeAll(async () => {
  fake = await startFakeTwilio([
    {
      sid: AC,
      authToken: TOKEN,
      apiKeys: { [SK]: KEY_SECRET },
      friendlyName: 'Contoso',
      flexConfiguration: { runtimeDomain: 'teal-cat-9.twil.io', workspaceSid: WS },
      workspaces: {
        [WS]: [{ sid: 'WK' + 'f'.repeat(32), friendlyName: 'grace.hopper@example.com', attributes: { email: 'grace.hopper@example.com', roles: ['agent'] } }],
      },
    },
  ]);
  services = await createTestServices({ twilioBaseUrl: fake.baseUrl, sessionSecrets: true });
  handlers = createApiHandlers(services);
});
afterAll(() => fake.close());

describe('secrets and Twilio through the API', () => {
  it('stores secrets write-only, uses them for Twilio, and never lets one cross back or reach disk', async () => {
    const { profile } = await call<{ profile: { id: string } }>('createProfile', { name: 'Contoso' });
    await call('updateProfile', {
      id: profile.id,
      patch: { twilio: { accountSid: AC, authMethod: 'auth-token', apiKeySid: SK, defaultRedirectUrl: '', workspaceSid: '' } },
    });

    expect(await call('checkTwilioCredentials', { profileId: profile.id })).toMatchObject({ ok: false, problem: 'no-credentials' });
    expect(await call('setSecret', { profileId: profile.id, kind: 'twilio-auth-token', value: TOKEN })).toEqual({
      kind: 'twilio-auth-token',
      status: 'stored',
      backend: 'session',
    });
    expect(await call('setSecret', { profileId: profile.id, kind: 'twilio-api-key-secret', value: KEY_SECRET })).toMatchObject({ status: 'stored' });
    const status = await call<{ secrets: Array<{ kind: string; status: string }> }>('getSecretStatus', { profileId: profile.id });
    expect(status.secrets.map((s) => `${s.kind}=${s.status}`)).toEqual(['twilio-auth-token=stored', 'twilio-api-key-secret=stored', 'idp-api-token=absent']);

    expect(await call('testSecret', { profileId: profile.id, kind: 'twilio-auth-token' })).toMatchObject({ ok: true });
    expect(await call('testSecret', { profileId: profile.id, kind: 'twilio-api-key-secret' })).toMatchObject({ ok: true });
    expect(fake.requests.map((r) => r.username)).toEqual([AC, SK]);
    expect(await call('checkTwilioCredentials', { profileId: profile.id })).toMatchObject({ ok: true, account: { friendlyName: 'Contoso' } });
    const flex = await call<{ flex: { defaultRedirectUrl: string; workspaceSid: string } }>('readFlexConfiguration', { profileId: profile.id });
    expect(flex.flex).toMatchObject({ defaultRedirectUrl: 'https://flex.twilio.com/teal-cat-9', workspaceSid: WS });
    await call('updateProfile', {
      id: profile.id,
      patch: { twilio: { accountSid: AC, authMethod: 'api-key', apiKeySid: SK, defaultRedirectUrl: flex.flex.defaultRedirectUrl, workspaceSid: WS } },
    });
    const worker = await call<{ ok: boolean; comparison: Array<{ status: string }> }>('fetchTwilioWorker', {
      profileId: profile.id,
      friendlyName: 'grace.hopper@example.com',
      expectedAttributes: { email: 'grace.hopper@example.com', roles: ['agent'] },
    });
    expect(worker.ok).toBe(true);
    expect(fake.requests.at(-1)?.username).toBe(SK);

    // a response that tried to carry a secret would be cut by the schema; none does
    const exported = await call<{ outcome: string; url: string }>('exportProfile', { id: profile.id });
    const download = services.downloads.take(exported.url.replace('/downloads/', ''));
    expect(download?.fileName).toBe('Contoso.flex-sso-profile.json');
    const everything = [
      ...wire,
      download!.body.toString('utf8'),
      ...readdirSync(join(services.dataFolder, 'profiles')).map((f) => readFileSync(join(services.dataFolder, 'profiles', f), 'utf8')),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(KEY_SECRET);
    expect(everything).not.toContain('S3CR3T');
  });

  it('deleting a profile deletes its secrets (and only its own)', async () => {
    const a = (await call<{ profile: { id: string } }>('createProfile', { name: 'A' })).profile.id;
    const b = (await call<{ profile: { id: string } }>('createProfile', { name: 'B' })).profile.id;
    await call('setSecret', { profileId: a, kind: 'twilio-auth-token', value: 'aaa' });
    await call('setSecret', { profileId: a, kind: 'idp-api-token', value: 'aaa-idp' });
    await call('setSecret', { profileId: b, kind: 'twilio-auth-token', value: 'bbb' });
    expect(await call('deleteProfile', { id: a })).toEqual({ deleted: true, secretsDeleted: 2 });
    expect(await services.secrets.use(a, 'twilio-auth-token')).toBeNull();
    expect(await services.secrets.use(b, 'twilio-auth-token')).toBe('bbb');
    const refused = await dispatchApiCall(handlers, 'setSecret', { profileId: a, kind: 'twilio-auth-token', value: 'x' });
    expect(refused.ok).toBe(false);
  });

  it('without a keychain: says so, refuses to store, then stores for the session once chosen', async () => {
    const bare = createApiHandlers(await createTestServices());
    const profile = ((await dispatchApiCall(bare, 'createProfile', { name: 'X' })) as { ok: true; value: { profile: { id: string } } }).value.profile;
    expect(await dispatchApiCall(bare, 'getKeychainStatus', {})).toMatchObject({ ok: true, value: { available: false, mode: 'keychain' } });
    const refused = await dispatchApiCall(bare, 'setSecret', { profileId: profile.id, kind: 'twilio-auth-token', value: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/keychain is not available.*this session only/);
    expect(await dispatchApiCall(bare, 'setSecretStorageMode', { mode: 'session' })).toMatchObject({ ok: true, value: { mode: 'session' } });
    expect(await dispatchApiCall(bare, 'setSecret', { profileId: profile.id, kind: 'twilio-auth-token', value: 'x' })).toMatchObject({
      ok: true,
      value: { backend: 'session' },
    });
  });

  it('no call returns a secret: no response schema has room for one', async () => {
    const { apiContract } = await import('../../shared/api');
    const { z } = await import('zod');
    for (const [name, { response }] of Object.entries(apiContract)) {
      const shape = JSON.stringify(z.toJSONSchema(response, { unrepresentable: 'any', io: 'output' }));
      expect(shape.length, name).toBeGreaterThan(20);
      expect(shape, name).not.toMatch(/"(value|secret|password|token|authToken|apiKeySecret)":/i);
    }
  });
});
