import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { createTestServices } from '../support/test-services';

let host: WebHost;
let token = '';
let dataFolder = '';

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${host.url.replace(/\/$/, '')}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  const services = await createTestServices();
  dataFolder = services.dataFolder;
  host = await startWebHost({ rendererDir, handlers: createApiHandlers({ ...services, appName: 'A', appVersion: '1' }) });
  const page = await raw('/');
  token = /name="flex-sso-token" content="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
});
afterAll(() => host.close());

describe('web host', () => {
  it('listens on 127.0.0.1 only and injects the bridge and a per-run token into the page', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const bridge = await raw('/__flex-sso-bridge.js');
    expect(bridge.body).toContain('flexSso');
    expect(bridge.body).not.toContain(token);
  });

  it('answers a call with the right token', async () => {
    const answer = await raw('/api/getAppInfo', { method: 'POST', headers: { 'x-flex-sso-token': token, 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, value: { name: 'A', version: '1', host: 'web', dataFolder } });
  });

  it.each([
    ['no token', {}, 403],
    ['a wrong token', { 'x-flex-sso-token': 'f'.repeat(48) }, 403],
    ['another origin', { origin: 'http://evil.example' }, 403],
    ['another Host (DNS rebinding)', { host: 'evil.example' }, 421],
  ])('refuses a call with %s', async (_label, headers, status) => {
    const merged: Record<string, string> = { 'x-flex-sso-token': token, ...(headers as Record<string, string>) };
    if ('x-flex-sso-token' in (headers as object) === false && _label === 'no token') delete merged['x-flex-sso-token'];
    const answer = await raw('/api/getAppInfo', { method: 'POST', headers: merged, body: '{}' });
    expect(answer.status).toBe(status);
  });

  it('never serves files outside the renderer folder', async () => {
    const answer = await raw('/..%2f..%2f..%2fetc%2fpasswd');
    expect(answer.status).toBe(404);
  });
});
