import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { NOT_SIGNED_IN_TEXT, SPENT_LAUNCH_TEXT, startWebHost, type WebHost } from '../../electron/web-host/server';
import { uidFromProcNetTcp } from '../../electron/web-host/peer-user';
import { createTestServices } from '../support/test-services';

let host: WebHost;
let dataFolder = '';
let cookie = '';

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, host.origin), { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (headers: Record<string, string>) =>
  raw('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body><h1>The wizard</h1></body></html>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("wizard code")');
  const services = await createTestServices();
  dataFolder = services.dataFolder;
  host = await startWebHost({ rendererDir, handlers: createApiHandlers({ ...services, appName: 'A', appVersion: '1' }), downloads: services.downloads });
});
afterAll(() => host.close());

describe('web host: only whoever holds a launch link gets in', () => {
  it('listens on 127.0.0.1 only, and hands out a different one-time launch URL each time', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const [first, second] = [host.url, host.newLaunchUrl()];
    expect(first).toMatch(new RegExp(`^${host.origin}/launch/[A-Za-z0-9_-]{32}$`));
    expect(second).not.toBe(first);
  });

  it.each(['/', '/index.html', '/app.js', '/__flex-sso-bridge.js', '/nothing-here'])(
    'GET %s without the session: 401, and nothing of the wizard',
    async (path) => {
      const answer = await raw(path);
      expect(answer.status).toBe(401);
      expect(answer.body).toBe(NOT_SIGNED_IN_TEXT);
    },
  );

  it('a launch URL sets an HttpOnly, SameSite=Strict session cookie once, then is spent', async () => {
    const launch = new URL(host.newLaunchUrl());
    const first = await raw(launch.pathname);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^flex-sso-session-${host.port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`));
    cookie = setCookie.split(';')[0]!;
    const again = await raw(launch.pathname);
    expect(again.status).toBe(403);
    expect(again.body).toBe(SPENT_LAUNCH_TEXT);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await raw('/launch/guessed-key-aaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(403);
  });

  it('with the session: the page, with the bridge and no secret in it', async () => {
    const page = await raw('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/__flex-sso-bridge.js"></script>');
    expect(page.body).not.toContain(cookie.split('=')[1]);
    const bridge = await raw('/__flex-sso-bridge.js', { headers: { cookie } });
    expect(bridge.body).toContain('flexSso');
    expect(bridge.body).not.toContain(cookie.split('=')[1]);
  });

  it('answers a call with the session and the bridge header', async () => {
    const answer = await call({ cookie, 'x-flex-sso-call': '1', origin: host.origin });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { name: 'A', version: '1', host: 'web', dataFolder } });
  });

  it.each([
    ['no session', { 'x-flex-sso-call': '1' }, 401],
    ['a guessed session', { cookie: `flex-sso-session-0=${'f'.repeat(64)}`, 'x-flex-sso-call': '1' }, 401],
    ['the old per-run token header instead', { 'x-flex-sso-token': 'f'.repeat(48), 'x-flex-sso-call': '1' }, 401],
    ['no bridge header (a form posted from another page)', { withSession: '1' }, 403],
    ['another origin', { withSession: '1', 'x-flex-sso-call': '1', origin: 'http://127.0.0.1:1' }, 403],
    ['another Host (DNS rebinding)', { withSession: '1', 'x-flex-sso-call': '1', host: 'evil.example' }, 421],
  ])('refuses a call with %s', async (_label, given, status) => {
    const { withSession, ...headers } = given as Record<string, string>;
    const answer = await call({ ...headers, ...(withSession ? { cookie } : {}) });
    expect(answer.status).toBe(status);
  });

  it('tells every browser never to frame any of it', async () => {
    for (const answer of [await raw('/'), await raw('/', { headers: { cookie } }), await call({ cookie, 'x-flex-sso-call': '1' }), await raw('/launch/x')]) {
      expect(answer.headers['content-security-policy']).toBe("frame-ancestors 'none'");
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });

  it("hands an export to the browser's own download: once, named as the wizard promised, only to the wizard's page", async () => {
    const save = (name: string) =>
      raw('/api/saveExport', {
        method: 'POST',
        headers: { cookie, 'x-flex-sso-call': '1', origin: host.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ format: 'xml', suggestedName: name, content: '<EntityDescriptor/>' }),
      });
    const saved = JSON.parse((await save('twilio-flex-enhanced-sp-metadata.xml')).body) as {
      ok: boolean;
      value: { outcome: string; url: string; fileName: string };
    };
    expect(saved).toMatchObject({ ok: true, value: { outcome: 'download', fileName: 'twilio-flex-enhanced-sp-metadata.xml' } });
    const { url } = saved.value;
    expect((await raw(url)).status, 'no session').toBe(401);
    expect((await raw(url, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status, 'from another site').toBe(403);
    const download = await raw(url, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(download.status).toBe(200);
    expect(download.body).toBe('<EntityDescriptor/>');
    expect(download.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="twilio-flex-enhanced-sp-metadata.xml"; filename*=UTF-8''twilio-flex-enhanced-sp-metadata.xml`,
    );
    expect(download.headers['content-security-policy']).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(download.headers['cache-control']).toBe('no-store');
    expect((await raw(url, { headers: { cookie } })).status, 'fetched once').toBe(404);
    const unicode = JSON.parse((await save('Café Zürich.xml')).body) as { value: { url: string } };
    expect((await raw(unicode.value.url, { headers: { cookie } })).headers['content-disposition']).toBe(
      `attachment; filename="Caf_ Z_rich.xml"; filename*=UTF-8''Caf%C3%A9%20Z%C3%BCrich.xml`,
    );
  });

  it('never serves files outside the renderer folder', async () => {
    const answer = await raw('/..%2f..%2f..%2fetc%2fpasswd', { headers: { cookie } });
    expect(answer.status).toBe(404);
  });
});

describe('the peer user of a loopback connection (Linux /proc/net/tcp)', () => {
  // Captured on a Linux machine: a server on 127.0.0.1:5199 (0x144F), a client on port 41000 (0xA028) of uid 1000.
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:144F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:144F 0100007F:A028 01 00000000:00000000 00:00000000 00000000     0        0 4712 1 0000000000000000 20 4 30 10 -1',
    '   2: 0100007F:A028 0100007F:144F 01 00000000:00000000 00:00000000 00000000  1000        0 4713 1 0000000000000000 20 4 30 10 -1',
    '   3: 0100007F:A029 0100007F:144F 06 00000000:00000000 03:00001000 00000000     0        0 0 3 0000000000000000',
  ].join('\n');

  it('is the owner of the client end, not of the server end', () => {
    expect(uidFromProcNetTcp(table, 5199, 41000)).toBe(1000);
  });
  it('is unknown for a connection not in the table, or one lingering in TIME_WAIT', () => {
    expect(uidFromProcNetTcp(table, 5199, 40000)).toBeNull();
    expect(uidFromProcNetTcp(table, 5199, 41001)).toBeNull();
  });
});
