import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { TwilioService, compareAttributes, flexLoginLink } from '../../electron/services/twilio/twilio-service';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio/fake-twilio-server';

// Twilio's servers cannot be reached from here: these tests run the real twilio helper library
// against a FAKE Twilio server on 127.0.0.1 (tests/support/fake-twilio).
const AC = 'AC' + '1'.repeat(32);
const TOKEN = 'f'.repeat(32);
const SK = 'SK' + '2'.repeat(32);
const WS = 'WS' + '3'.repeat(32);
const WK = 'WK' + '4'.repeat(32);
const attributes = { roles: ['agent'], full_name: 'Bob Bobson', email: 'bob@example.com', contact_uri: 'client:bob_40example_2Ecom' };

let fake: FakeTwilio;
let service: TwilioService;

beforeAll(async () => {
  fake = await startFakeTwilio([
    {
      sid: AC,
      authToken: TOKEN,
      apiKeys: { [SK]: 'key-secret' },
      friendlyName: 'Contoso Flex',
      flexConfiguration: { runtimeDomain: 'magenta-dog-1234.twil.io', workspaceSid: WS, flexServiceInstanceSid: 'IS' + '5'.repeat(32), uiVersion: '~2.9.0' },
      workspaces: { [WS]: [{ sid: WK, friendlyName: 'bob@example.com', attributes }] },
    },
    { sid: 'AC' + '9'.repeat(32), authToken: TOKEN, flexConfiguration: null },
  ]);
  service = new TwilioService({ baseUrl: fake.baseUrl, timeoutMs: 1500 });
});
afterAll(() => fake.close());

const tokenCreds = { accountSid: AC, username: AC, password: TOKEN };

describe('Twilio checks (against a fake Twilio server)', () => {
  it('accepts a working Account SID + Auth Token, and an API key + secret', async () => {
    expect(await service.checkCredentials(tokenCreds)).toMatchObject({
      ok: true,
      problem: null,
      account: { sid: AC, friendlyName: 'Contoso Flex', status: 'active' },
    });
    expect(await service.checkCredentials({ accountSid: AC, username: SK, password: 'key-secret' })).toMatchObject({ ok: true });
    expect(fake.requests.at(-1)).toMatchObject({ path: `/api.twilio.com/2010-04-01/Accounts/${AC}.json`, username: SK });
  });

  it('says plainly when the credentials are wrong (401 / 20003), without echoing them', async () => {
    const result = await service.checkCredentials({ accountSid: AC, username: AC, password: 'wrong-token-value' });
    expect(result).toMatchObject({ ok: false, problem: 'unauthorized', account: null });
    expect(result.message).toMatch(/refused the credentials \(Twilio error 20003\)/);
    expect(JSON.stringify(result)).not.toMatch(/wrong-token-value/);
  });

  it('reads the Flex configuration: login link and workspace', async () => {
    expect(await service.readFlexConfiguration(tokenCreds)).toMatchObject({
      ok: true,
      flex: { defaultRedirectUrl: 'https://flex.twilio.com/magenta-dog-1234', workspaceSid: WS, runtimeDomain: 'magenta-dog-1234.twil.io' },
    });
    const noFlex = await service.readFlexConfiguration({ accountSid: 'AC' + '9'.repeat(32), username: 'AC' + '9'.repeat(32), password: TOKEN });
    expect(noFlex).toMatchObject({ ok: false, problem: 'not-found', flex: null });
    expect(noFlex.message).toMatch(/no Flex configuration/);
  });

  it('fetches the Worker by friendly name or SID and compares it with the preview', async () => {
    const same = await service.fetchWorker(tokenCreds, { workspaceSid: WS, friendlyName: 'bob@example.com' }, attributes);
    expect(same).toMatchObject({ ok: true, worker: { sid: WK, attributes } });
    expect(same.comparison.every((row) => row.status === 'same')).toBe(true);

    const differs = await service.fetchWorker(tokenCreds, { workspaceSid: WS, workerSid: WK }, { ...attributes, roles: ['admin'], team_name: 'Sales' });
    expect(differs.ok).toBe(false);
    expect(differs.message).toMatch(/2 attributes of the Worker differ/);
    expect(differs.comparison.find((r) => r.name === 'roles')).toMatchObject({ status: 'different', expected: ['admin'], actual: ['agent'] });
    expect(differs.comparison.find((r) => r.name === 'team_name')).toMatchObject({ status: 'missing' });

    const nobody = await service.fetchWorker(tokenCreds, { workspaceSid: WS, friendlyName: 'eve@example.com' });
    expect(nobody).toMatchObject({ ok: false, problem: 'not-found', worker: null });
    expect(nobody.message).toMatch(/has this user logged in/);
  });

  it('reports rate limiting (429 / 20429) and server trouble clearly', async () => {
    fake.setBehaviour('rate-limit');
    try {
      const limited = await service.checkCredentials(tokenCreds);
      expect(limited).toMatchObject({ ok: false, problem: 'rate-limited' });
      expect(limited.message).toMatch(/too many requests.*20429.*wait a minute/);
      fake.setBehaviour('server-error');
      expect(await service.readFlexConfiguration(tokenCreds)).toMatchObject({ ok: false, problem: 'server' });
    } finally {
      fake.setBehaviour('normal');
    }
  });

  it('never passes Twilio\u2019s own error text on (it may quote what was sent): only the code and our words', async () => {
    fake.setBehaviour('echoing-error');
    try {
      const results = [
        await service.checkCredentials(tokenCreds),
        await service.readFlexConfiguration({ accountSid: AC, username: SK, password: 'key-secret' }),
        await service.fetchWorker(tokenCreds, { workspaceSid: WS, friendlyName: 'eve.private@example.com' }),
      ];
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, problem: 'other' });
        expect(result.message).toMatch(
          /^Twilio refused the request for the (account|Flex configuration|workspace) \(Twilio error 20001\); www\.twilio\.com\/docs\/errors\/20001 explains that code\.$/,
        );
        const wire = JSON.stringify(result);
        for (const echoed of [TOKEN, 'key-secret', 'eve.private', 'Invalid request']) expect(wire).not.toContain(echoed);
      }
    } finally {
      fake.setBehaviour('normal');
    }
  });

  it('reports no network: a refused connection and a server that never answers', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const offline = await new TwilioService({ baseUrl: `http://127.0.0.1:${closed}`, timeoutMs: 1500 }).checkCredentials(tokenCreds);
    expect(offline).toMatchObject({ ok: false, problem: 'network' });
    expect(offline.message).toMatch(/could not be reached.*ECONNREFUSED/);

    fake.setBehaviour('hang');
    try {
      const slow = await service.checkCredentials(tokenCreds);
      expect(slow).toMatchObject({ ok: false, problem: 'network' });
      expect(slow.message).toMatch(/did not answer in time/);
    } finally {
      fake.setBehaviour('normal');
    }
  });
});

describe('Twilio helpers', () => {
  it('builds the Flex login link from flex_url or the runtime domain', () => {
    expect(flexLoginLink('https://flex.example.com/', null)).toBe('https://flex.example.com/');
    expect(flexLoginLink(null, 'magenta-dog-1234.twil.io')).toBe('https://flex.twilio.com/magenta-dog-1234');
    expect(flexLoginLink(null, null)).toBeNull();
  });

  it('compares attributes key by key, including unexpected extras', () => {
    expect(compareAttributes({ a: 1, b: [1] }, { a: 1, b: [2], c: true })).toEqual([
      { name: 'a', expected: 1, actual: 1, status: 'same' },
      { name: 'b', expected: [1], actual: [2], status: 'different' },
      { name: 'c', expected: null, actual: true, status: 'unexpected' },
    ]);
  });
});
