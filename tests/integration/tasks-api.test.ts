import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumForTests } from '../support/chromium-for-tests';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers } from '../../electron/services/api-handlers';
import type { WebHostServices } from '../../electron/web-host/services';
import type { ApiHandlers, TaskStatus } from '../../shared/api';
import { createTestCertificate, startSamlpServer, type RunningSamlpIdp, type TestCertificate } from '../support/idps';
import { createTestServices } from '../support/test-services';
import { recordingLoginBrowser, type RecordingLoginBrowser } from '../support/web-harness';

// Long work through the API exactly as the renderer drives it: start → poll getTaskStatus → result.
const OKTA_METADATA = readFileSync('/work/shared/corpus/metadata/okta_dev-149827_metadata.xml', 'utf8');
const chromium = chromiumForTests('the PDF and login-test tasks');

let services: WebHostServices;
let handlers: ApiHandlers;
let server: Server;
let base = '';
let login: RecordingLoginBrowser;

async function call<T = unknown>(name: string, request: unknown): Promise<T> {
  const result = await dispatchApiCall(handlers, name, request);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

async function until(taskId: string, timeoutMs = 60_000): Promise<TaskStatus> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const status = await call<TaskStatus>('getTaskStatus', { taskId });
    if (status.state !== 'running') return status;
    if (Date.now() > end) throw new Error(`task still running: ${status.message}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  login = recordingLoginBrowser({ headless: true });
  services = await createTestServices({ loginBrowser: login.factory });
  handlers = createApiHandlers(services);
  server = createServer((req, res) => {
    if (req.url === '/metadata') return void res.writeHead(200, { 'content-type': 'application/xml' }).end(OKTA_METADATA);
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  services.tasks.cancelAll();
  await login.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('metadata download task', () => {
  it('downloads and analyses metadata, reporting the Console fields', async () => {
    const { taskId } = await call<{ taskId: string }>('startMetadataDownload', { url: `${base}/metadata` });
    const status = await until(taskId);
    expect(status).toMatchObject({ state: 'succeeded', kind: 'metadata-download', progress: 1 });
    if (status.result?.kind !== 'metadata-download') throw new Error('wrong result');
    expect(status.result.bytes).toBe(Buffer.byteLength(OKTA_METADATA));
    expect(status.result.report.consoleFields.singleSignOnUrl).toMatch(/^https:\/\/.*okta/);
    expect(status.result.report.consoleFields.identityProviderIssuer).toMatch(/okta/);
  });

  it("fails with the server's answer in words, and can be cancelled while waiting", async () => {
    const missing = await until((await call<{ taskId: string }>('startMetadataDownload', { url: `${base}/nothing` })).taskId);
    expect(missing.state).toBe('failed');
    expect(missing.error).toMatch(/404/);

    const { taskId } = await call<{ taskId: string }>('startMetadataDownload', { url: `${base}/slow` });
    expect((await call<TaskStatus>('cancelTask', { taskId })).message).toBe('Cancelling…');
    expect(await until(taskId, 5000)).toMatchObject({ state: 'cancelled', error: null });
  });

  it('refuses a non-URL at once', async () => {
    const result = await dispatchApiCall(handlers, 'startMetadataDownload', { url: 'not a url' });
    expect(result).toMatchObject({ ok: false, error: { message: '"not a url" is not a URL.' } });
  });
});

describe.skipIf(!chromium)("PDF export task (web host: Chromium, the browser's download)", () => {
  it("prints the HTML to a tagged (accessible) PDF and hands it to the browser's download, named as suggested", async () => {
    const html =
      '<!doctype html><html lang="en"><head><title>Checklist</title></head><body><h1>Okta for Contoso</h1><h3 id="s">1. Enter Twilio\'s values</h3><p class="tick"><label><input type="checkbox" aria-describedby="s">Done</label></p><p>Single sign on URL</p></body></html>';
    const { taskId } = await call<{ taskId: string }>('startPdfExport', { suggestedName: 'Contoso checklist', html });
    const status = await until(taskId);
    expect(status.state).toBe('succeeded');
    if (status.result?.kind !== 'pdf-export' || status.result.saved.outcome !== 'download')
      throw new Error(`not handed to the download: ${JSON.stringify(status.result)}`);
    const { url, fileName, bytes } = status.result.saved;
    expect(fileName).toBe('Contoso checklist.pdf');
    const download = services.downloads.take(url.replace('/downloads/', ''));
    if (!download) throw new Error('the download is not waiting on the shelf');
    expect(download).toMatchObject({ fileName: 'Contoso checklist.pdf', mediaType: 'application/pdf' });
    expect(download.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes).toBe(download.body.length);
    // Tagged: a structure tree and the "marked" flag (PDF/UA's basics), and an outline of the headings.
    const text = download.body.toString('latin1');
    expect(text).toMatch(/\/StructTreeRoot/);
    expect(text).toMatch(/\/MarkInfo\s*<<[^>]*\/Marked\s+true/);
    expect(text).toMatch(/\/Lang\s*\(en\)/);
    expect(text).toMatch(/\/Outlines/);
    // Fetched once: a second take finds nothing.
    expect(services.downloads.take(url.replace('/downloads/', ''))).toBeNull();
  });
});

describe.skipIf(!chromium)('login test task (real Chromium, real samlp IdP on 127.0.0.1)', () => {
  let key: TestCertificate;
  let idp: RunningSamlpIdp;
  beforeAll(async () => {
    key = await createTestCertificate();
    idp = await startSamlpServer({ key });
  });
  afterAll(async () => {
    await idp.close();
    key.dispose();
  });

  it('captures the login, shows live phases, returns the diagnosis and records it on the profile', async () => {
    const { profile } = await call<{ profile: { id: string; activeConnectionId: string } }>('createProfile', {
      name: 'Contoso',
      mode: 'flex-enhanced',
      idp: 'okta',
    });
    const connectionId = 'JQ' + 'a'.repeat(32);
    const { taskId } = await call<{ taskId: string }>('startLoginTest', {
      profileId: profile.id,
      mode: 'flex-enhanced',
      ids: { connectionId },
      start: { kind: 'sp-initiated', ssoUrl: idp.ssoUrl },
      idpCertificatePem: idp.certPem,
      idpIssuer: idp.issuer,
      timeoutSeconds: 60,
    });
    const page = await login.pages.next();
    await page.waitForSelector('input[name=username]');
    expect((await call<TaskStatus>('getTaskStatus', { taskId })).phase).toBe('waiting-for-login');
    await page.fill('input[name=username]', 'grace');
    await page.fill('input[name=password]', 'test-only password');
    await page.click('button[type=submit]');
    const status = await until(taskId);
    expect(status).toMatchObject({ state: 'succeeded', phase: 'done', kind: 'login-test' });
    if (status.result?.kind !== 'login-test') throw new Error('wrong result');
    expect(status.result.report?.worker?.attributes).toMatchObject({ email: 'grace.hopper@example.com', full_name: 'Grace Hopper' });
    expect(status.result.lastTestResult).toMatchObject({ connectionId: profile.activeConnectionId });
    const saved = await call<{ profile: { lastTestResult: { outcome: string } | null; connections: Array<{ lastTest: unknown }> } }>('getProfile', {
      id: profile.id,
    });
    expect(saved.profile.lastTestResult?.outcome).toBe(status.result.lastTestResult?.outcome);
    expect(saved.profile.connections[0]?.lastTest).toEqual(saved.profile.lastTestResult);
  }, 90_000);

  it('refuses bad options at once, in words', async () => {
    const result = await dispatchApiCall(handlers, 'startLoginTest', {
      mode: 'flex-enhanced',
      ids: { connectionId: 'JQ123' },
      start: { kind: 'sp-initiated', ssoUrl: idp.ssoUrl },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/JQ/);
  });

  it('can be cancelled while waiting for the login; the browser closes', async () => {
    const { taskId } = await call<{ taskId: string }>('startLoginTest', {
      mode: 'flex-enhanced',
      ids: { connectionId: 'JQ' + 'b'.repeat(32) },
      start: { kind: 'sp-initiated', ssoUrl: idp.ssoUrl },
      timeoutSeconds: 60,
    });
    const page = await login.pages.next();
    await page.waitForSelector('input[name=username]');
    await call('cancelTask', { taskId });
    const status = await until(taskId, 20_000);
    expect(status).toMatchObject({ state: 'cancelled', phase: 'cancelled' });
    await expect.poll(() => page.isClosed(), { timeout: 10_000 }).toBe(true);
  }, 60_000);
});
