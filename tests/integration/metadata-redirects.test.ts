/**
 * Metadata downloads follow redirects one hop at a time and check every hop before requesting it:
 * no step down from HTTPS to plain HTTP (https → http → https is cut at the http hop), no plain
 * HTTP beyond this computer's loopback, no jump from a public host to an internal address, at
 * most five redirects. Real servers on 127.0.0.1: a plain-HTTP one, and an HTTPS one whose
 * certificate the CLI (the same fetchMetadata) trusts through NODE_EXTRA_CA_CERTS.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeNetworkError, fetchMetadata, MAX_METADATA_REDIRECTS, refuseHop } from '../../electron/services/saml/fetch';
import { UserFacingError } from '../../electron/services/errors';
import { CLI_BUNDLE, ensureCliBuilt, REPO_ROOT } from '../support/cli';
import { idpMetadataXml } from '../support/idp-metadata';

const ISSUER = 'https://idp.example.com/redirect-test';

const chain = (...urls: string[]) => urls.map((url) => new URL(url));

describe('refuseHop: each hop checked against the hops before it', () => {
  it.each([
    // [next hop, hops already requested, refused?]
    ['https://idp.example.com/md', [], null],
    ['http://127.0.0.1:8080/md', [], null],
    ['http://idp.example.com/md', [], /must use HTTPS/],
    ['ftp://idp.example.com/md', [], /must be an https:\/\/ address/],
    ['https://cdn.example.net/md', ['https://idp.example.com/md'], null],
    ['http://idp.example.com/md', ['https://idp.example.com/md'], /redirected from HTTPS to a plain HTTP address \(http:\/\/idp\.example\.com\)/],
    // The step down is refused even when the next hop would go back up to HTTPS.
    ['http://mirror.example.com/up', ['https://idp.example.com/md'], /from HTTPS to a plain HTTP/],
    ['http://127.0.0.1:9000/md', ['https://idp.example.com/md'], /from HTTPS to a plain HTTP/],
    ['http://10.0.0.7/md', ['http://127.0.0.1:8080/md'], /plain HTTP address \(http:\/\/10\.0\.0\.7\)/],
    ['http://169.254.169.254/latest/meta-data/', ['http://127.0.0.1:8080/md'], /plain HTTP/],
    ['http://127.0.0.1:9000/md', ['http://127.0.0.1:8080/md'], null],
    ['https://127.0.0.1:9443/md', ['https://idp.example.com/md'], /inside this computer or its network \(127\.0\.0\.1:9443\)/],
    ['https://10.1.2.3/md', ['https://idp.example.com/md'], /inside this computer/],
    ['https://[::ffff:192.168.1.1]/md', ['https://idp.example.com/md'], /inside this computer/],
    ['https://[fd12:3456::1]/md', ['https://idp.example.com/md'], /inside this computer/],
    ['https://localhost./md', ['https://idp.example.com/md'], /inside this computer/],
    ['https://0x7f000001/md', ['https://idp.example.com/md'], /inside this computer/],
    ['https://10.1.2.4/md', ['https://10.1.2.3/md'], null],
    ['file:///etc/passwd', ['https://idp.example.com/md'], /redirected to a file: address/],
  ] as const)('%s after %j', (next, before, expected) => {
    const answer = refuseHop(new URL(next), chain(...before));
    if (expected === null) expect(answer).toBeNull();
    else expect(answer).toMatch(expected);
  });
});

interface Hits {
  paths: string[];
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

let scratch: string;
let certPem: string;
let caFile: string;
let plain: Server;
let secure: Server;
let plainBase: string;
let secureBase: string;
const plainHits: Hits = { paths: [] };
const secureHits: Hits = { paths: [] };

function routes(hits: Hits, routeTable: () => Record<string, string | null>) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    hits.paths.push(path);
    if (path === '/metadata') {
      response
        .writeHead(200, { 'content-type': 'application/samlmetadata+xml' })
        .end(idpMetadataXml({ issuer: ISSUER, certPem, ssoUrl: 'https://idp.example.com/sso' }));
      return;
    }
    const table = routeTable();
    if (path in table) {
      const location = table[path];
      response.writeHead(302, location === null ? {} : { location }).end();
      return;
    }
    response.writeHead(404).end('not here');
  };
}

beforeAll(async () => {
  ensureCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'flex-sso-redirects-'));
  const keyFile = join(scratch, 'key.pem');
  caFile = join(scratch, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  certPem = readFileSync(caFile, 'utf8');
  plain = createHttpServer(
    routes(plainHits, () => ({
      '/to-loopback': `${plainBase}/metadata`,
      '/to-private-http': 'http://10.0.0.7/metadata',
      '/to-cloud-metadata': 'http://169.254.169.254/latest/meta-data/',
      '/back-up-to-https': `${secureBase}/metadata`,
      '/loop': '/loop',
      '/no-location': null,
      '/to-ftp': 'ftp://127.0.0.1/metadata',
    })),
  );
  plainBase = `http://127.0.0.1:${await listen(plain)}`;
  secure = createHttpsServer(
    { key: readFileSync(keyFile), cert: certPem },
    routes(secureHits, () => ({
      '/down-and-up': `${plainBase}/back-up-to-https`,
      '/same-host': `${secureBase}/metadata`,
    })),
  );
  secureBase = `https://127.0.0.1:${await listen(secure)}`;
}, 60_000);

afterAll(async () => {
  await close(plain);
  await close(secure);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function refusal(url: string): Promise<string> {
  const error = await fetchMetadata(url).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as Error).message;
}

describe('fetchMetadata follows redirects hop by hop', () => {
  it('follows a redirect that stays on this computer\u2019s loopback over plain HTTP (local testing)', async () => {
    expect(await fetchMetadata(`${plainBase}/to-loopback`)).toContain(ISSUER);
  });

  it('refuses a redirect to a plain-HTTP internal address without requesting it', async () => {
    expect(await refusal(`${plainBase}/to-private-http`)).toMatch(/redirected to a plain HTTP address \(http:\/\/10\.0\.0\.7\); refused/);
    expect(await refusal(`${plainBase}/to-cloud-metadata`)).toMatch(/plain HTTP address \(http:\/\/169\.254\.169\.254\)/);
  });

  it('stops after five redirects, and says what went wrong with a redirect that has no target or a foreign scheme', async () => {
    const before = plainHits.paths.filter((path) => path === '/loop').length;
    expect(await refusal(`${plainBase}/loop`)).toMatch(new RegExp(`more than ${MAX_METADATA_REDIRECTS} times`));
    expect(plainHits.paths.filter((path) => path === '/loop').length - before).toBe(MAX_METADATA_REDIRECTS + 1);
    expect(await refusal(`${plainBase}/no-location`)).toMatch(/without saying where to/);
    expect(await refusal(`${plainBase}/to-ftp`)).toMatch(/redirected to a ftp: address/);
  });
});

describe('over HTTPS (the CLI, trusting the test server\u2019s certificate)', () => {
  // Asynchronous: the servers answer from this process, so it must not block while the CLI runs.
  const metadata = (url: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI_BUNDLE, 'metadata', url, '--format', 'json'], {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('downloads over HTTPS and follows an HTTPS redirect', async () => {
    for (const path of ['/metadata', '/same-host']) {
      const run = await metadata(`${secureBase}${path}`);
      expect(run.stderr, path).not.toMatch(/refused|not trusted/);
      expect(JSON.parse(run.stdout).entityId, path).toBe(ISSUER);
    }
  });

  it('https \u2192 http \u2192 https: refused at the plain-HTTP hop, which is never requested', async () => {
    const before = plainHits.paths.length;
    const run = await metadata(`${secureBase}/down-and-up`);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/redirected from HTTPS to a plain HTTP address \(http:\/\/127\.0\.0\.1:\d+\); refused/);
    expect(run.stdout).toBe('');
    expect(plainHits.paths.length).toBe(before);
    expect(secureHits.paths).toContain('/down-and-up');
  });
});

describe('a failed download says why in the admin\u2019s words', () => {
  const url = new URL('https://login.microsoftonline.com/tenant/federationmetadata/2007-06/federationmetadata.xml');
  const failed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code }) });
  it('offline (no network, or the name service not answering): "you seem to be offline", with the other ways', () => {
    for (const [code, offline] of [
      ['EAI_AGAIN', false],
      ['ENOTFOUND', true],
      ['ENETUNREACH', true],
    ] as const) {
      const message = describeNetworkError(failed(code), url, 15_000, false, () => offline);
      expect(message, code).toMatch(
        /^You seem to be offline: login\.microsoftonline\.com could not be reached\. Connect to the network and download again, or import the metadata from its file or pasted text instead\.$/,
      );
    }
  });
  it('on a network, an unknown host is a wrong address', () => {
    expect(describeNetworkError(failed('ENOTFOUND'), url, 15_000, false, () => false)).toBe(
      'The host login.microsoftonline.com could not be found; check the address.',
    );
  });
});
