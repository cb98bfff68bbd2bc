/**
 * The browser host (`npm run dev:web`) is for the person who started it. The host runs here as
 * this user (root under CI); another Unix user (`runuser -u nobody`) then tries the page, the
 * bridge, the API with no session, with a guessed one and even with the owner's real session
 * cookie and an unspent launch link (as if they had leaked): all refused. The owner's launch
 * link works once. A page on another loopback port cannot frame the wizard in Chromium, although
 * the owner's browser holds the session (cookies are not kept apart by port).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags, findChromium } from '../../electron/services/chromium';
import { NOT_SIGNED_IN_TEXT, OTHER_USER_TEXT, SPENT_LAUNCH_TEXT, startWebHost, type WebHost } from '../../electron/web-host/server';
import { createTestServices } from '../support/test-services';

const WIZARD_HEADING = 'Which customer are you setting up? (test page)';

const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((path) => existsSync(path));
/** A Node.js the user "nobody" can run (one under /root, as nvm installs it, is out of their reach). */
const SYSTEM_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) && (statSync(path).mode & 0o001) !== 0);

function otherUserUnavailable(): string | null {
  if (process.platform !== 'linux') return 'the other-user check needs Linux (runuser and /proc/net/tcp)';
  if (process.getuid?.() !== 0) return 'the other-user check runs as root (it switches to "nobody" with runuser); CI runs as root';
  if (!RUNUSER) return 'runuser is not installed (util-linux)';
  if (!SYSTEM_NODE) return 'no Node.js in /usr/bin or /usr/local/bin that another user may run';
  return null;
}
const skipOtherUser = otherUserUnavailable();
if (skipOtherUser) console.log(`skipped: ${skipOtherUser}`);
const chromiumPath = findChromium().path;
if (!chromiumPath) console.log('skipped: the framing check needs Chromium (apt-get install chromium)');

interface Attempt {
  label: string;
  status: number;
  body: string;
}

/** Runs requests as the Unix user "nobody", from a Node process of theirs. Asynchronous: the host answers from this process. */
function asNobody(origin: string, attempts: Array<{ label: string; path: string; method?: string; headers?: Record<string, string> }>): Promise<Attempt[]> {
  const script = `
    const results = [];
    for (const a of JSON.parse(process.argv[1])) {
      try {
        const answer = await fetch(${JSON.stringify(origin)} + a.path, { method: a.method ?? 'GET', headers: a.headers ?? {}, redirect: 'manual', body: a.method === 'POST' ? '{}' : undefined });
        results.push({ label: a.label, status: answer.status, body: await answer.text() });
      } catch (error) {
        results.push({ label: a.label, status: -1, body: String(error) });
      }
    }
    process.stdout.write(JSON.stringify(results));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(RUNUSER!, ['-u', 'nobody', '--', SYSTEM_NODE!, '--input-type=module', '-e', script, JSON.stringify(attempts)], {
      cwd: '/',
      env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve(JSON.parse(stdout) as Attempt[]) : reject(new Error(`runuser failed (${status}): ${stderr}`))));
  });
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; setCookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, setCookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', reject);
    req.end();
  });
}

let host: WebHost;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'flex-sso-owner-'));
  writeFileSync(join(scratch, 'index.html'), `<!doctype html><html><head><title>Flex SSO Wizard</title></head><body><h1>${WIZARD_HEADING}</h1></body></html>`);
  const services = await createTestServices({ sessionSecrets: true });
  await services.profiles.create({ name: 'Owner’s customer' });
  host = await startWebHost({ rendererDir: scratch, handlers: createApiHandlers(services) });
});
afterAll(async () => {
  await host?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('another Unix user of this computer', () => {
  it.skipIf(skipOtherUser !== null)(
    'is refused everything: the page, the bridge, the API with no, a guessed or even the owner\u2019s session, and an unspent launch link',
    async () => {
      // The owner opens the wizard: their session cookie. A second launch link stays unspent.
      const owner = await get(host.newLaunchUrl());
      const ownerCookie = owner.setCookie!.split(';')[0]!;
      const leakedLaunch = new URL(host.newLaunchUrl()).pathname;
      const call = { method: 'POST', headers: { 'content-type': 'application/json', 'x-flex-sso-call': '1' } };
      const results = await asNobody(host.origin, [
        { label: 'page', path: '/' },
        { label: 'bridge', path: '/__flex-sso-bridge.js' },
        { label: 'api, no session', path: '/api/listProfiles', ...call },
        {
          label: 'api, guessed session',
          path: '/api/listProfiles',
          ...call,
          headers: { ...call.headers, cookie: `flex-sso-session-${host.port}=${'0'.repeat(64)}`, 'x-flex-sso-token': '0'.repeat(48) },
        },
        { label: 'api, the owner\u2019s own session cookie', path: '/api/listProfiles', ...call, headers: { ...call.headers, cookie: ownerCookie } },
        { label: 'page, the owner\u2019s own session cookie', path: '/', headers: { cookie: ownerCookie } },
        { label: 'an unspent launch link', path: leakedLaunch },
      ]);
      expect(results.map((r) => [r.label, r.status])).toEqual(results.map((r) => [r.label, 403]));
      for (const result of results) {
        expect(result.body, result.label).toBe(OTHER_USER_TEXT);
        expect(result.body).not.toContain('Owner’s customer');
      }
      // The launch link they tried was not spent by their attempt: the owner can still use it, once.
      expect((await get(`${host.origin}${leakedLaunch}`)).status).toBe(303);
    },
  );
});

describe('the owner', () => {
  it('gets in with the launch link once; the link is then spent; the session works for the API', async () => {
    const launch = host.newLaunchUrl();
    expect((await get(host.origin)).body).toBe(NOT_SIGNED_IN_TEXT);
    const first = await get(launch);
    expect(first.status).toBe(303);
    const second = await get(launch);
    expect([second.status, second.body]).toEqual([403, SPENT_LAUNCH_TEXT]);
    const cookie = first.setCookie!.split(';')[0]!;
    const listed = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${host.origin}/api/listProfiles`,
        { method: 'POST', headers: { cookie, 'x-flex-sso-call': '1', 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(JSON.parse(listed)).toMatchObject({ ok: true, value: { profiles: [{ name: 'Owner’s customer' }] } });
  });
});

describe('framing, in Chromium', () => {
  let browser: Browser | undefined;
  let framer: Server | undefined;
  afterAll(async () => {
    await browser?.close();
    framer?.closeAllConnections();
    await new Promise<void>((resolve) => (framer ? framer.close(() => resolve()) : resolve()));
  });

  it.skipIf(!chromiumPath)('a page on another loopback port cannot frame the wizard, although the browser holds the owner\u2019s session', async () => {
    framer = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>framer</title><iframe id="w" src="${host.origin}/"></iframe>`),
    );
    const framerPort = await new Promise<number>((resolve) => framer!.listen(0, '127.0.0.1', () => resolve((framer!.address() as AddressInfo).port)));
    browser = await chromium.launch({ executablePath: chromiumPath!, headless: true, args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags()] });
    const page = await browser.newPage();
    await page.goto(host.newLaunchUrl());
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(WIZARD_HEADING);

    await page.goto(`http://127.0.0.1:${framerPort}/`);
    const frame = await (await page.$('#w'))!.contentFrame();
    await page.waitForLoadState('load');
    expect(frame).not.toBeNull();
    // Chromium replaces a frame it refuses with its error page; the wizard never renders inside.
    await expect.poll(() => frame!.url()).toMatch(/^chrome-error:/);
    expect(await frame!.locator('h1').filter({ hasText: WIZARD_HEADING }).count()).toBe(0);
  });
});
