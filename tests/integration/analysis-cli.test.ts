/**
 * The CLI commands `metadata` and `analyze` (JSON contract, exit statuses 0/1/2, one line on
 * stderr) and the metadata download (timeout, size limit, HTTPS expected, clear errors).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetadata } from '../../electron/services/analysis';
import { UserFacingError } from '../../electron/services/errors';
import { CLI_BUNDLE, ensureCliBuilt, REPO_ROOT } from '../support/cli';
import { firstFlexOnlyWord } from '../support/flex-only-words';
import { handbookFolder } from '../support/handbook';
import { createTestCertificate, samlpLogin, startSamlpServer, type LoginResult, type RunningSamlpIdp, type TestCertificate } from '../support/idps';

const CORPUS = handbookFolder('corpus', 'the CLI tests that read real Okta metadata and the billion-laughs document') ?? '';
const OKTA_METADATA = join(CORPUS, 'metadata', 'okta_dev-149827_metadata.xml');
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
/** Named by what it holds, as node-saml names its fixtures: samlp signs the Response and the assertion (base64, as posted). */
const RESPONSE_FILE = 'response.root-signed.assertion-signed.b64';
const ACS = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION}`;

function cli(args: string[], input?: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

let server: Server;
let origin: string;
let key: TestCertificate;
let idp: RunningSamlpIdp;
let login: LoginResult;
let dir: string;

beforeAll(async () => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-cli-test-'));
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/metadata') res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(CORPUS ? readFileSync(OKTA_METADATA) : '');
    else if (url === '/login-page') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><form>Sign in</form></body></html>');
    else if (url === '/empty') res.writeHead(200).end('');
    else if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<x>' + 'a'.repeat(3_000_000) + '</x>');
    } else if (url === '/slow') setTimeout(() => res.writeHead(200).end('<x/>'), 5000);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  key = await createTestCertificate();
  idp = await startSamlpServer({ key });
  login = await samlpLogin(idp, { entityId: `urn:flex:${CONNECTION}`, acsUrl: ACS, relayState: 'from-cli-test' });
  writeFileSync(join(dir, 'idp-cert.pem'), key.certPem);
  writeFileSync(join(dir, RESPONSE_FILE), login.samlResponse);
  writeFileSync(join(dir, 'not-a-cert.pem'), 'hello');
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections?.();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await idp?.close();
  key?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fetchMetadata', () => {
  it.skipIf(!CORPUS)('downloads metadata from a loopback address', async () => {
    expect(await fetchMetadata(`${origin}/metadata`)).toContain('EntityDescriptor');
  });
  it.each([
    ['http://idp.example.com/metadata', /HTTPS/],
    ['ftp://idp.example.com/metadata', /https:\/\//],
    ['not a url', /not a URL/],
  ])('refuses %s', async (url, message) => {
    await expect(fetchMetadata(url)).rejects.toThrow(message);
    await expect(fetchMetadata(url)).rejects.toBeInstanceOf(UserFacingError);
  });
  it('says what went wrong: 404, empty body, too large, timeout, refused connection', async () => {
    await expect(fetchMetadata(`${origin}/nothing`)).rejects.toThrow(/404/);
    await expect(fetchMetadata(`${origin}/empty`)).rejects.toThrow(/empty/);
    await expect(fetchMetadata(`${origin}/huge`, { maxBytes: 1_000_000 })).rejects.toThrow(/limit/);
    await expect(fetchMetadata(`${origin}/slow`, { timeoutMs: 300 })).rejects.toThrow(/did not answer within/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(fetchMetadata(`http://127.0.0.1:${port}/metadata`)).rejects.toThrow(/refused the connection/);
  });
  it('a port fetch refuses (the Fetch standard blocks it): a full sentence naming the port and saying to check the URL', async () => {
    const run = await cli(['metadata', 'http://127.0.0.1:1/metadata']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'flex-sso: The address http://127.0.0.1:1/metadata has port 1, which is not a valid port for a download (it belongs to another kind of service); check the URL: a metadata URL normally has no port.\n',
    );
  });
});

describe('flex-sso metadata', () => {
  it.skipIf(!CORPUS)('FILE --format json: the contract fields; exit 0', async () => {
    const run = await cli(['metadata', OKTA_METADATA, '--now', '2020-01-01T00:00:00Z', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['entityId', 'ssoUrls', 'certificates', 'consoleFields', 'findings']));
    expect(doc.entityId).toBe('http://www.okta.com/exkh52ytxrJeMH5140h7');
    expect(doc.ssoUrls['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST']).toMatch(/^https:\/\/dev-149827/);
    expect(Object.keys(doc.certificates[0])).toEqual(expect.arrayContaining(['use', 'subject', 'notAfter', 'sha256Fingerprint', 'pem']));
    expect(doc.certificates[0].notAfter).toBe('2028-11-01T09:43:43.000Z');
    expect(Object.keys(doc.consoleFields)).toEqual(['x509Certificate', 'identityProviderIssuer', 'singleSignOnUrl', 'certificateAdvice']);
  });
  it.skipIf(!CORPUS)('an expired certificate: cert-expired, exit 1', async () => {
    const run = await cli(['metadata', OKTA_METADATA, '--now', '2030-01-01T00:00:00Z', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { code: string }) => f.code)).toContain('cert-expired');
  });
  it.skipIf(!CORPUS)('URL and stdin', async () => {
    const url = await cli(['metadata', `${origin}/metadata`, '--format', 'json', '--now', '2020-01-01T00:00:00Z']);
    expect(url.status).toBe(0);
    const stdin = await cli(['metadata', '-', '--format', 'json', '--now', '2020-01-01T00:00:00Z'], readFileSync(OKTA_METADATA, 'utf8'));
    expect(JSON.parse(stdin.stdout).entityId).toBe(JSON.parse(url.stdout).entityId);
  });
  it('unreadable input and bad usage: exit 2, one line on stderr', async () => {
    for (const args of [
      ['metadata', join(dir, 'missing.xml'), '--format', 'json'],
      ['metadata', `${origin}/login-page`, '--format', 'json'],
      ['metadata', `${origin}/nothing`, '--format', 'json'],
      ['metadata', OKTA_METADATA, '--now', 'yesterday'],
      ['metadata', OKTA_METADATA, '--format', 'yaml'],
    ]) {
      const run = await cli(args);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('what people read: metadata fixes, plain words, one sentence on stderr', () => {
  it("metadata that is not XML gets metadata's own fix in the IdP's words, never the response analyser's", async () => {
    const run = await cli(['metadata', '-', '--idp', 'okta'], 'hello this is not xml');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('flex-sso: This is not XML, so not SAML metadata.\n');
    expect(run.stdout).toContain("How to fix it: Give the identity provider's SAML metadata: the XML document from Okta (Metadata URL)");
    expect(run.stdout).not.toMatch(/SAMLResponse/);
    // Only the problem (once) and its fix: no table of empty fields around it.
    expect(run.stdout).not.toMatch(/Entity ID|Twilio Console fields|: -$|This is not XML/m);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse((await cli(['metadata', '-', '--format', 'json'], '<a>not closed')).stdout);
    expect(json.findings[0].fix).toMatch(/^Download the metadata again/);
  });
  it.skipIf(!CORPUS)('metadata given to analyze: the fix names flex-sso metadata with the file', async () => {
    const run = await cli(['analyze', OKTA_METADATA]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe(`How to fix it: Read it as metadata instead: flex-sso metadata ${OKTA_METADATA}\n`);
    // No verdict about a login for a document that is not a response, and the problem said once.
    expect(run.stdout).not.toMatch(/Verdict|would not log the user in|Signature:/);
    expect(run.stderr).toBe("flex-sso: This is SAML metadata (the identity provider's or a service provider's), not a SAML response.\n");
    const json = await cli(['analyze', OKTA_METADATA, '--format', 'json']);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout).findings[0].fix).toBe(`Read it as metadata instead: flex-sso metadata ${OKTA_METADATA}`);
    expect(json.stderr.trim().split('\n')).toHaveLength(1);
  });
  it.skipIf(!CORPUS)('text output says the severity in words, with no finding codes (JSON keeps them)', async () => {
    const text = await cli(['metadata', OKTA_METADATA, '--now', '2035-01-01T00:00:00Z']);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^Problem: The signing certificate \(.*\) expired on 1 November 2028; Twilio rejects/m);
    expect(text.stdout).not.toMatch(/\[(error|warning|info)\]|cert-expired|\bfix: /);
    expect(text.stdout).toMatch(/EXPIRED on 1 November 2028/);
    const json = JSON.parse((await cli(['metadata', OKTA_METADATA, '--now', '2035-01-01T00:00:00Z', '--format', 'json'])).stdout);
    expect(json.findings.map((f: { code: string }) => f.code)).toContain('cert-expired');
    expect(json.certificates[0].notAfter).toBe('2028-11-01T09:43:43.000Z');
  });
});

describe('flex-sso analyze', () => {
  it('a correct samlp response with --idp-cert: ok, exit 0, the contract shape', async () => {
    const run = await cli([
      'analyze',
      join(dir, RESPONSE_FILE),
      '--mode',
      'flex-enhanced',
      '--connection',
      CONNECTION,
      '--idp',
      'okta',
      '--idp-cert',
      join(dir, 'idp-cert.pem'),
      '--idp-issuer',
      idp.issuer,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc)).toEqual(['ok', 'verdict', 'signature', 'facts', 'findings', 'worker']);
    expect(doc).toMatchObject({ ok: true, verdict: 'ok' });
    expect(doc.signature).toEqual({ checked: true, valid: true, certificate: 'given' });
    expect(doc.facts).toMatchObject({ issuer: idp.issuer, destination: ACS, nameId: 'grace.hopper@example.com', responseSigned: true, assertionSigned: true });
    expect(doc.worker.attributes.roles).toEqual(['agent', 'supervisor']);
  });
  it('a POST body on stdin, a wrong issuer: exit 1 with issuer-mismatch and relayState', async () => {
    const run = await cli(
      [
        'analyze',
        '-',
        '--mode',
        'flex-enhanced',
        '--connection',
        CONNECTION,
        '--idp-cert',
        join(dir, 'idp-cert.pem'),
        '--idp-issuer',
        'urn:other',
        '--format',
        'json',
      ],
      login.postBody,
    );
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.facts.relayState).toBe('from-cli-test');
    expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(['issuer-mismatch']);
  });
  it('the same response without --idp-cert: verdict unverified, ok false, exit 1, and the text says NOT VERIFIED', async () => {
    const args = ['analyze', join(dir, RESPONSE_FILE), '--mode', 'flex-enhanced', '--connection', CONNECTION, '--idp-issuer', idp.issuer];
    const json = await cli([...args, '--format', 'json']);
    expect(json.status).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, verdict: 'unverified' });
    expect(doc.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    const text = await cli(args);
    expect(text.status).toBe(1);
    expect(text.stdout.split('\n')[0]).toMatch(/^Verdict: NOT VERIFIED\..*--idp-cert/);
    expect(text.stdout).not.toMatch(/no errors/i);
  });
  it("judged for Frontline, the text speaks of Frontline: verdict, findings, fixes and the preview's heading", async () => {
    const realm = 'JB0123456789abcdef0123456789abcdef';
    const run = await cli([
      'analyze',
      join(dir, RESPONSE_FILE),
      '--mode',
      'frontline',
      '--realm',
      realm,
      '--idp',
      'azure-ad',
      '--idp-cert',
      join(dir, 'idp-cert.pem'),
      '--idp-issuer',
      idp.issuer,
    ]);
    expect(run.status).toBe(1);
    // The facts and the preview's values are the IdP's own data (this response carries full_name): only the tool's words are checked.
    const ours = run.stdout.split('\n').filter((line) => /^(Verdict:|(Problem|Worth checking|Note):| {2}How to fix it:|What |Worker )/.test(line));
    expect(ours).toContain('What Frontline receives for the user:');
    expect(ours.some((line) => /^Problem: The assertion is meant for .* \(Audience\), but Twilio's Entity ID is /.test(line))).toBe(true);
    // Addresses quoted from the response (its Destination is a Flex ACS URL) are its data too.
    expect(firstFlexOnlyWord(ours.join('\n').replace(/https:\/\/\S+/g, '<address>'))).toBeNull();
  });
  it('--now later than the window: expired', async () => {
    const run = await cli(['analyze', join(dir, RESPONSE_FILE), '--idp-cert', join(dir, 'idp-cert.pem'), '--now', '2099-01-01T00:00:00Z', '--format', 'json']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((f: { code: string }) => f.code)).toContain('expired');
  });
  it.skipIf(!CORPUS)('the billion-laughs payload: refused quickly, exit 2, JSON verdict still printed', async () => {
    const started = Date.now();
    const run = await cli(['analyze', join(CORPUS, 'responses', 'malicious_entity-expansion_billion-laughs.xml'), '--format', 'json']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).findings[0].code).toBe('dtd-refused');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('bad usage: exit 2, one line, no stack', async () => {
    for (const args of [
      ['analyze', join(dir, 'nope.xml')],
      ['analyze', join(dir, RESPONSE_FILE), '--mode', 'flex-classic'],
      ['analyze', join(dir, RESPONSE_FILE), '--mode', 'flex-enhanced', '--connection', 'JQ123'],
      ['analyze', join(dir, RESPONSE_FILE), '--idp-cert', join(dir, 'not-a-cert.pem')],
      ['analyze', join(dir, RESPONSE_FILE), '--idp', 'myidp'],
      ['analyze', '-'],
      ['analyze', dir],
    ]) {
      const run = await cli(args);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('input that cannot hurt: every input through a bounded read, or refused at once', () => {
  const refusedFast = async (run: Promise<{ status: number | null; stdout: string; stderr: string }>, message: RegExp) => {
    const started = Date.now();
    const result = await run;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };
  /** The CLI with stdin taken from a file (or device) rather than a pipe. */
  const cliWithStdinFrom = (path: string, args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const fd = openSync(path, 'r');
      const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { cwd: REPO_ROOT, stdio: [fd, 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (status) => {
        closeSync(fd);
        done({ status, stdout, stderr });
      });
    });

  it('a named pipe (FIFO) is refused, not waited on', async () => {
    const fifo = join(dir, 'response.fifo');
    execFileSync('mkfifo', [fifo]);
    await refusedFast(cli(['analyze', fifo]), /named pipe, not a file/);
    await refusedFast(cli(['metadata', fifo]), /named pipe, not a file/);
    await refusedFast(cli(['analyze', join(dir, RESPONSE_FILE), '--idp-cert', fifo]), /named pipe, not a file/);
  });
  it('a device such as /dev/zero is refused, as a file and as stdin', async () => {
    await refusedFast(cli(['analyze', '/dev/zero']), /\/dev\/zero is a device, not a file/);
    await refusedFast(cliWithStdinFrom('/dev/zero', ['analyze', '-']), /^flex-sso: The standard input \(stdin\) is a device, not a file or a pipe/);
  });
  it('an endless or oversized pipe stops at the limit', async () => {
    await refusedFast(cli(['analyze', '-'], 'A'.repeat(3_100_000)), /on stdin is larger than 3 MB/);
  });
  it('a regular file redirected to stdin is read (bounded)', async () => {
    const run = await cliWithStdinFrom(join(dir, RESPONSE_FILE), ['analyze', '-', '--idp-cert', join(dir, 'idp-cert.pem'), '--format', 'json']);
    expect(JSON.parse(run.stdout).signature).toEqual({ checked: true, valid: true, certificate: 'given' });
  });
  it('--idp-cert has a size limit', async () => {
    writeFileSync(join(dir, 'huge-cert.pem'), key.certPem.repeat(100));
    await refusedFast(cli(['analyze', join(dir, RESPONSE_FILE), '--idp-cert', join(dir, 'huge-cert.pem')]), /huge-cert\.pem is larger than 64 kB/);
  });
  it('a 5 MB deeply nested metadata document is refused in well under a second of work', async () => {
    writeFileSync(join(dir, 'metadata.700k-nested-elements.xml'), '<a>'.repeat(700_000) + '</a>'.repeat(700_000));
    const started = Date.now();
    const run = await cli(['metadata', join(dir, 'metadata.700k-nested-elements.xml'), '--format', 'json']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/nests elements more than 100 levels deep/);
  });
});
