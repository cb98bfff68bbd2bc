/**
 * Generated garbage for every `flex-sso` command: random options from each command's real
 * vocabulary (read from its --help, so new options are fuzzed as soon as they exist), random values
 * (empty, unicode, huge, negative/NaN numbers, missing files, folders, /dev/null, binary files,
 * `-` with garbage on stdin), and for `metadata URL` / `test-login` only http://127.0.0.1 URLs
 * served by a local garbage server (HTML, binary, huge, slow, broken, auto-posting IdP pages).
 *
 * Every run must: exit 0, 1 or 2 within its time limit; print no stack trace; exit 2 with exactly
 * one line on stderr; with `--format json` and exit 0/1, print one JSON document on stdout.
 *
 * Network rule: nothing here ever addresses a host other than loopback. Every generated argument
 * goes through `keepLoopback`, test-login always runs `--headless --timeout 2` and never
 * `--allow-real-login`, and the garbage IdP posts only to the ACS URL of the AuthnRequest it got
 * (a Twilio host the login test maps to ~NOTFOUND and intercepts).
 */
import { spawn, execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Rng, hugeString, mutateString, randomNumberText, randomString, randomUnicode } from './random';
import { clip, type FuzzFailure, type TargetReport } from './report';
import { escapeHtml } from '../../shared/text';

export interface CliFuzzOptions {
  /** Absolute path of the bundled CLI (out/cli/flex-sso.mjs). */
  cliPath: string;
  runs: number;
  seed: number;
  /** Replay only this case number. */
  onlyCase?: number;
  concurrency?: number;
  /** Folder of real-world SAML documents (../shared/corpus), used as seeds when present. */
  corpusDir?: string;
  /** The Chromium the login test and PDF export may use; without it those runs expect exit 2. */
  chromiumPath?: string | null;
  /** Where failing cases' stdin is saved for replay. */
  artifactsDir: string;
  log?: (line: string) => void;
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const CHROMIUM_COMMANDS = new Set(['test-login']);

interface OptionSpec {
  long: string;
  takesValue: 'required' | 'optional' | 'none';
}

interface CommandSpec {
  name: string;
  positional: Array<{ name: string; required: boolean }>;
  options: OptionSpec[];
  /** The choices the help lists for an option ("one of a, b, c" or "a, b or c"). */
  choices: Record<string, string[]>;
}

// ------------------------------------------------------------------------------------------------
// The vocabulary, from --help
// ------------------------------------------------------------------------------------------------

function help(cliPath: string, args: string[]): string {
  return execFileSync(process.execPath, [cliPath, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '400' } });
}

/** Reads every command, its arguments and options (and their listed choices) from the CLI's help. */
export function readVocabulary(cliPath: string): CommandSpec[] {
  const top = help(cliPath, []);
  const commandsSection = top.split(/\nCommands:\n/)[1] ?? '';
  const names = [...commandsSection.matchAll(/^ {2}([a-z][\w-]*)\b/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
  return names.map((name) => {
    const text = help(cliPath, [name]);
    const usage = text.match(/^Usage: \S+ \S+ (.*)$/m)?.[1] ?? '';
    const positional = [...usage.matchAll(/(<|\[)([^>\]]+)(>|\])/g)].filter((m) => m[2] !== 'options').map((m) => ({ name: m[2]!, required: m[1] === '<' }));
    const options: OptionSpec[] = [];
    const choices: Record<string, string[]> = {};
    const optionsSection = text.split(/\nOptions:\n/)[1] ?? '';
    // Options may wrap onto following lines; join each option's block first.
    const blocks = optionsSection.split(/\n(?= {2}-)/);
    for (const block of blocks) {
      const head = block.match(/^\s*(?:-\w, )?(--[\w-]+)(?: (<[^>]+>|\[[^\]]+\]))?\s*(.*)$/s);
      if (!head) continue;
      const long = head[1]!;
      if (long === '--help' || long === '--version') continue;
      options.push({ long, takesValue: head[2] === undefined ? 'none' : head[2].startsWith('<') ? 'required' : 'optional' });
      const description = (head[3] ?? '').replace(/\s+/g, ' ');
      const listed =
        description.match(/(?:one of|:)\s+((?:[a-z][\w-]*(?:, | or ))+[a-z][\w-]*)/) ?? description.match(/^((?:[a-z][\w-]*, )*[a-z][\w-]* or [a-z][\w-]*)\b/);
      if (listed)
        choices[long] = listed[1]!
          .split(/, | or /)
          .map((s) => s.trim())
          .filter(Boolean);
    }
    return { name, positional, options, choices };
  });
}

// ------------------------------------------------------------------------------------------------
// Fixtures: files on disk and a loopback server
// ------------------------------------------------------------------------------------------------

interface Fixtures {
  dir: string;
  workDir: string;
  files: Record<string, string>;
  corpusMetadata: string[];
  corpusResponses: string[];
  certPem: string | null;
}

export function makeFixtures(rng: Rng, corpusDir: string | undefined): Fixtures {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-fuzz-cli-'));
  const workDir = join(dir, 'cwd');
  mkdirSync(workDir);
  const files: Record<string, string> = {};
  const put = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    files[name] = path;
    return path;
  };
  put('empty.txt', '');
  put('blank.txt', ' \n\t\n');
  put('binary.bin', rng.bytes(65_536));
  put('nul-bytes.xml', Buffer.alloc(4096));
  put('utf16.xml', Buffer.from(`\ufeff<?xml version="1.0" encoding="UTF-16"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`, 'utf16le'));
  put('ünïcødé 😀.xml', '<x>ünïcødé</x>');
  put('not-xml.txt', randomUnicode(rng, 500));
  put('base64-garbage.txt', Buffer.from(rng.bytes(3000)).toString('base64'));
  put('big.xml', `<x>${'a'.repeat(3_200_000)}</x>`); // over analyze's 3 MB limit
  // Captures for analyze --har / --saml-tracer: cut short, empty, of the other kind, a list, deep.
  const samlBody = `SAMLResponse=${encodeURIComponent(Buffer.from('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_f"/>').toString('base64'))}`;
  const harText = JSON.stringify({
    log: {
      version: '1.2',
      entries: [
        {
          startedDateTime: new Date().toISOString(),
          request: {
            method: 'POST',
            url: 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef',
            headers: [],
            postData: { mimeType: 'application/x-www-form-urlencoded', text: samlBody },
          },
          response: { status: 200, headers: [], content: {} },
        },
      ],
    },
  });
  put('capture.har', harText);
  put('capture-cut.har', harText.slice(0, Math.floor(harText.length / 2)));
  put('capture-empty.har', '{"log":{"entries":[]}}');
  put('capture-list.har', '[1,2,3]');
  put('capture-deep.har', `{"log":${'['.repeat(100_000)}`);
  put(
    'tracer.json',
    JSON.stringify({ requests: [{ method: 'POST', url: 'https://x.example/acs', post: [['SAMLResponse', randomUnicode(rng, 50)]] }], timestamp: 'x' }),
  );
  const sparse = join(dir, 'sparse-26mb.xml'); // over metadata's 25 MB limit, without writing 26 MB
  const fd = openSync(sparse, 'w');
  ftruncateSync(fd, 26_000_000);
  closeSync(fd);
  files['sparse-26mb.xml'] = sparse;
  put(
    'billion-laughs.xml',
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol4;"/>',
  );
  put(
    'external-entity.xml',
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>',
  );
  put('deep.xml', `${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`);
  put('garbage.pem', `-----BEGIN CERTIFICATE-----\n${Buffer.from(rng.bytes(600)).toString('base64')}\n-----END CERTIFICATE-----\n`);
  put('private-key-not-cert.pem', '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
  let certPem: string | null = null;
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-subj',
        '/CN=fuzz-only IdP',
        '-days',
        '2',
        '-keyout',
        join(dir, 'fuzz-key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    files['cert.pem'] = join(dir, 'cert.pem');
    certPem = readFileSync(files['cert.pem'], 'utf8');
    put('two-certs.pem', certPem + certPem);
  } catch {
    // openssl missing: the garbage PEMs still exercise the certificate paths.
  }
  mkdirSync(join(dir, 'a-folder'));
  files['a-folder'] = join(dir, 'a-folder');
  files['missing'] = join(dir, 'does-not-exist', 'nothing.xml');
  files['/dev/null'] = '/dev/null';
  const corpusMetadata: string[] = [];
  const corpusResponses: string[] = [];
  if (corpusDir && existsSync(corpusDir)) {
    for (const [sub, list] of [
      ['metadata', corpusMetadata],
      ['responses', corpusResponses],
    ] as const) {
      const folder = join(corpusDir, sub);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).sort()) list.push(join(folder, name));
    }
  }
  return { dir, workDir, files, corpusMetadata, corpusResponses, certPem };
}

/** A minimal IdP metadata document whose URLs are all loopback. */
function metadataXml(rng: Rng, certPem: string | null, base: string): string {
  const certBody = certPem ? certPem.replace(/-----[^-]+-----|\s/g, '') : Buffer.from(rng.bytes(300)).toString('base64');
  const entityId = rng.chance(0.7) ? `${base}/entity` : randomString(rng).replace(/[<&"]/g, '');
  return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="${rng.pick(['false', 'true', 'maybe'])}">
    <md:KeyDescriptor use="${rng.pick(['signing', 'encryption', '', 'x'])}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${rng.chance(0.8) ? certBody : randomUnicode(rng, 20)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/idp/sso"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${rng.chance(0.8) ? `${base}/idp/sso` : 'not a url'}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

function html(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>fuzz IdP</title></head><body>${body}</body></html>`;
}

/** The ACS URL an HTTP-Redirect AuthnRequest names, if it is a Twilio HTTPS address (never anything else). */
function acsFromAuthnRequest(url: URL): string | null {
  const encoded = url.searchParams.get('SAMLRequest');
  if (!encoded) return null;
  try {
    const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
    const acs = xml.match(/AssertionConsumerServiceURL="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    if (!acs) return null;
    const target = new URL(acs);
    return target.protocol === 'https:' && (target.hostname === 'twilio.com' || target.hostname.endsWith('.twilio.com')) ? target.href : null;
  } catch {
    return null;
  }
}

interface GarbageServer {
  base: string;
  close(): Promise<void>;
  requests: number;
}

export async function startGarbageServer(fixtures: Fixtures): Promise<GarbageServer> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const state = { requests: 0 };
  let base = '';
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    state.requests++;
    const url = new URL(request.url ?? '/', base);
    const rng = new Rng(Number(url.searchParams.get('seed') ?? '1') || 1);
    const route = url.pathname.replace(/^\/+/, '').split('/')[0] ?? '';
    const send = (status: number, body: string | Uint8Array, type = 'application/xml'): void => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    switch (route) {
      case 'metadata':
        return send(200, metadataXml(rng, fixtures.certPem, base));
      case 'corpus': {
        const list = fixtures.corpusMetadata.length ? fixtures.corpusMetadata : [];
        if (!list.length) return send(404, 'no corpus here', 'text/plain');
        return send(200, readFileSync(list[rng.int(0, list.length - 1)]!));
      }
      case 'garbage':
        return send(200, rng.bytes(rng.int(0, 200_000)), rng.pick(['application/xml', 'application/octet-stream', 'text/html', 'image/png']));
      case 'html':
        return send(200, html(`<h1>${escapeHtml(randomUnicode(rng, 60))}</h1><form><input name="username"><input type="password"></form>`), 'text/html');
      case 'json':
        return send(200, JSON.stringify({ entityID: 'x', __proto__: { polluted: true } }), 'application/json');
      case 'huge': {
        // 30 MB of XML-ish text, streamed.
        response.writeHead(200, { 'content-type': 'application/xml' });
        const chunk = Buffer.from(`<x>${'y'.repeat(65_530)}</x>`);
        let sent = 0;
        const pump = (): void => {
          while (sent < 30_000_000) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('error', () => undefined);
        return pump();
      }
      case 'slow': {
        // Dribbles a document over about three seconds.
        response.writeHead(200, { 'content-type': 'application/xml' });
        const text = metadataXml(rng, fixtures.certPem, base);
        let at = 0;
        const timer = setInterval(
          () => {
            if (at >= text.length || response.destroyed) {
              clearInterval(timer);
              response.end();
              return;
            }
            response.write(text.slice(at, at + 64));
            at += 64;
          },
          Math.max(1, Math.floor(3000 / Math.ceil(text.length / 64))),
        );
        response.on('close', () => clearInterval(timer));
        return;
      }
      case 'hang':
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      case 'status':
        return send(Number(url.pathname.split('/')[2]) || 500, randomUnicode(rng, 30), 'text/plain');
      case 'redirect':
        response.writeHead(302, { location: `${base}/metadata?seed=${rng.int(1, 1e6)}` });
        return void response.end();
      case 'redirect-loop':
        response.writeHead(302, { location: `${base}/redirect-loop?seed=${rng.int(1, 1e6)}` });
        return void response.end();
      case 'redirect-garbage':
        response.writeHead(302, { location: rng.pick(['', ':::', 'javascript:alert(1)', 'data:text/plain,x', 'ftp://127.0.0.1/x', '/garbage']) });
        return void response.end();
      case 'bomb':
        return send(200, readFileSync(fixtures.files['billion-laughs.xml']!));
      case 'empty':
        return send(200, '');
      case 'reset':
        return void request.socket.destroy();
      case 'bad-gzip':
        response.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
        return void response.end(rng.bytes(500));
      case 'bad-length':
        response.writeHead(200, { 'content-type': 'application/xml', 'content-length': '100000' });
        response.write('<md:EntityDescriptor');
        return void setTimeout(() => request.socket.destroy(), 200);
      case 'idp': {
        const kind = url.pathname.split('/')[2] ?? 'sso';
        if (kind === 'sso' || kind === 'post') {
          const acs = acsFromAuthnRequest(url);
          if (!acs) return send(200, html(`<p>${escapeHtml(randomUnicode(rng, 40))}</p>`), 'text/html');
          const responses = fixtures.corpusResponses;
          const samlResponse = rng.weighted<() => string>([
            [3, () => Buffer.from(rng.bytes(rng.int(0, 3000))).toString('base64')],
            [2, () => (responses.length ? Buffer.from(readFileSync(responses[rng.int(0, responses.length - 1)]!)).toString('base64') : 'PHg+')],
            [1, () => ''],
            [1, () => randomUnicode(rng, 200)],
            [1, () => hugeString(rng, 400_000)],
          ])();
          const relayState = rng.chance(0.5) ? `<input type="hidden" name="RelayState" value="${escapeHtml(randomUnicode(rng, 30))}">` : '';
          return send(
            200,
            html(
              `<form id="f" method="POST" action="${escapeHtml(acs)}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">${relayState}</form><script>document.getElementById('f').submit()</script>`,
            ),
            'text/html',
          );
        }
        if (kind === 'popup') return send(200, html(`<script>window.open('${base}/idp/html?seed=${rng.int(1, 1e6)}')</script>`), 'text/html');
        if (kind === 'loop') return send(200, html(`<script>location.href='${base}/idp/loop?seed=${rng.int(1, 1e6)}'</script>`), 'text/html');
        return send(200, html(`<p>${escapeHtml(randomUnicode(rng, 40))}</p>`), 'text/html');
      }
      default:
        return send(404, 'not found', 'text/plain');
    }
  };
  const server: Server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

// ------------------------------------------------------------------------------------------------
// The loopback rule
// ------------------------------------------------------------------------------------------------

/** True when `value`, read as a URL by Node or Chromium, could reach a host other than loopback. */
export function reachesOutside(value: string): boolean {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    // Not absolute: nothing would fetch it, unless it looks like a scheme-less host name.
    return /^\/\/[^/]/.test(trimmed);
  }
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol)) return false;
  return !LOOPBACK_HOSTS.has(url.hostname);
}

function keepLoopback(args: string[], base: string): string[] {
  return args.map((arg) => {
    const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
    if (!reachesOutside(value)) return arg;
    return arg === value ? `${base}/garbage` : `${arg.slice(0, arg.indexOf('=') + 1)}${base}/garbage`;
  });
}

// ------------------------------------------------------------------------------------------------
// Generating a case
// ------------------------------------------------------------------------------------------------

const VALID_IDS = {
  connection: () => `JQ${'0123456789abcdef'.repeat(2)}`,
  'account-sid': () => `AC${'0123456789abcdef'.repeat(2)}`,
  realm: () => `JB${'0123456789abcdef'.repeat(2)}`,
} as const;
const MODE_ID_OPTION: Record<string, keyof typeof VALID_IDS> = { 'flex-enhanced': 'connection', 'flex-legacy': 'account-sid', frontline: 'realm' };

interface Case {
  number: number;
  command: string;
  args: string[];
  stdin: Uint8Array;
  stdinLabel: string;
  /** Runs that launch Chromium get a longer limit. */
  heavy: boolean;
}

function pathValue(rng: Rng, fx: Fixtures, kind: 'input' | 'cert' | 'browser' | 'out'): string {
  const f = fx.files;
  const common = [f['missing']!, f['a-folder']!, '/dev/null', f['empty.txt']!, f['binary.bin']!, f['ünïcødé 😀.xml']!, '', ' ', '-', randomUnicode(rng, 20)];
  switch (kind) {
    case 'input':
      return rng.weighted<() => string>([
        [3, () => rng.pick(common)],
        [4, () => rng.pick(Object.values(f))],
        [3, () => (fx.corpusResponses.length + fx.corpusMetadata.length ? rng.pick([...fx.corpusResponses, ...fx.corpusMetadata]) : f['not-xml.txt']!)],
        [1, () => rng.pick(['/etc/hostname', '/dev/zero', '/dev/urandom'])],
      ])();
    case 'cert':
      return rng.weighted<() => string>([
        [3, () => rng.pick(common)],
        [3, () => f['cert.pem'] ?? f['garbage.pem']!],
        [2, () => rng.pick([f['garbage.pem']!, f['private-key-not-cert.pem']!, f['two-certs.pem'] ?? f['garbage.pem']!, f['big.xml']!, f['utf16.xml']!])],
      ])();
    case 'browser':
      // Never an arbitrary executable: missing paths, folders, files without the exec bit, or the real Chromium.
      return rng.pick([
        f['missing']!,
        f['a-folder']!,
        '/dev/null',
        f['binary.bin']!,
        f['empty.txt']!,
        '',
        'chromium-that-is-not-there',
        randomUnicode(rng, 10),
      ]);
    case 'out':
      return rng.pick([
        join(fx.workDir, `out-${rng.int(1, 1e6)}.txt`),
        join(fx.workDir, `ünï 😀 ${rng.int(1, 99)}.json`),
        join(fx.workDir, 'missing-folder', 'x.md'),
        fx.workDir,
        f['a-folder']!,
        '/dev/null',
        '',
        `out-${rng.int(1, 1e6)}`, // relative: lands in the run's scratch folder (the cwd)
      ]);
  }
}

function urlValue(rng: Rng, base: string, forLogin: boolean): string {
  const seed = rng.int(1, 1e9);
  const loginRoutes = ['idp/sso', 'idp/sso', 'idp/post', 'idp/page', 'idp/popup', 'idp/loop', 'html', 'garbage', 'status/500', 'reset', 'empty', 'hang'];
  const metadataRoutes = [
    'metadata',
    'metadata',
    'corpus',
    'garbage',
    'html',
    'json',
    'huge',
    'slow',
    'hang',
    'status/404',
    'status/401',
    'status/500',
    'status/204',
    'redirect',
    'redirect-loop',
    'redirect-garbage',
    'bomb',
    'empty',
    'reset',
    'bad-gzip',
    'bad-length',
  ];
  const route = rng.pick(forLogin ? loginRoutes : metadataRoutes);
  return rng.weighted<() => string>([
    [8, () => `${base}/${route}?seed=${seed}`],
    [1, () => `${base}/${route}?seed=${seed}&${encodeURIComponent(randomUnicode(rng, 20))}=${hugeString(rng, rng.int(10, 5000))}`],
    [1, () => base.replace('127.0.0.1', '[::1]')],
    [1, () => base.replace('http:', 'https:')],
    [1, () => `http://user:pa%00ss@127.0.0.1:${base.split(':')[2]}/metadata?seed=${seed}`],
    [
      2,
      () =>
        rng.pick([
          'http://',
          'http:///x',
          'http://127.0.0.1:99999/',
          'http://[::1',
          'ht!tp://127.0.0.1/',
          '://127.0.0.1',
          'http://127.0.0.1:1/',
          'ftp://127.0.0.1/x',
          'file:///etc/passwd',
          'file:///nonexistent',
          'javascript:alert(1)',
          'data:text/html,<h1>x</h1>',
          'about:blank',
          'chrome://settings',
          'not a url',
          '',
          ' ',
          randomUnicode(rng, 20),
        ]),
    ],
  ])();
}

function optionValue(rng: Rng, spec: CommandSpec, option: string, fx: Fixtures, base: string): string {
  const listed = spec.choices[option];
  const name = option.slice(2);
  if (name === 'mode' || name === 'idp' || name === 'format') {
    const valid = listed ?? [];
    return rng.weighted<() => string>([
      [5, () => (valid.length ? rng.pick(valid) : randomString(rng))],
      [2, () => (valid.length ? mutateString(rng, rng.pick(valid)) : randomString(rng))],
      [2, () => randomString(rng)],
    ])();
  }
  if (name in VALID_IDS) {
    const valid = VALID_IDS[name as keyof typeof VALID_IDS]();
    return rng.weighted<() => string>([
      [4, () => valid],
      [3, () => mutateString(rng, valid)],
      [1, () => valid.replace(/^../, rng.pick(['JQ', 'AC', 'JB', 'FO', 'jq', '']))],
      [2, () => randomString(rng)],
    ])();
  }
  if (name === 'idp-cert') return pathValue(rng, fx, 'cert');
  if (name === 'browser') return pathValue(rng, fx, 'browser');
  if (name === 'out') return pathValue(rng, fx, 'out');
  if (name === 'idp-sso-url' || name === 'idp-init-url') return urlValue(rng, base, true);
  if (name === 'now') {
    if (rng.chance(0.5)) return rng.pick(['2025-01-31T12:00:00Z', new Date().toISOString(), '2030-06-01T00:00:00+02:00']);
    return rng.pick([
      '2025-01-31T12:00:00Z',
      '2000-01-01',
      '2999-12-31T23:59:59.999+14:00',
      '1970-01-01T00:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-13-01',
      '0000-00-00',
      '+275760-09-13T00:00:00Z',
      'now',
      '',
      randomNumberText(rng),
      randomString(rng),
    ]);
  }
  if (name === 'timeout') return rng.chance(0.5) ? rng.pick(['1', '2', '3']) : randomNumberText(rng);
  if (name === 'insights-roles')
    return rng.pick(['wfo.full_access,wfo.team_leader', 'wfo.full_access', ',,,', 'admin', randomString(rng), 'wfo.full_access,'.repeat(rng.int(1, 2000))]);
  if (name === 'custom-domain')
    return rng.pick([
      'flex.example.com',
      'https://flex.example.com',
      'flex.example.com:8443',
      'localhost',
      '127.0.0.1',
      '*.example.com',
      'xn--80ak6aa92e.com',
      randomString(rng),
    ]);
  return randomString(rng);
}

/** A plausible, valid invocation to mutate from, so the fuzz reaches deep code, not only parsing. */
function baseline(rng: Rng, spec: CommandSpec, fx: Fixtures, base: string): string[] {
  const mode = rng.pick(spec.choices['--mode'] ?? ['flex-enhanced']);
  const idOption = MODE_ID_OPTION[mode] ?? 'connection';
  const modeArgs = ['--mode', mode, `--${idOption}`, VALID_IDS[idOption]()];
  const idps = spec.choices['--idp'] ?? ['okta'];
  switch (spec.name) {
    case 'values':
      return modeArgs;
    case 'checklist':
      return [...modeArgs, '--idp', rng.pick(idps), '--format', rng.pick(['md', 'html', 'json'])];
    case 'metadata':
      return [
        rng.weighted<() => string>([
          [5, () => urlValue(rng, base, false)],
          [3, () => (fx.corpusMetadata.length ? rng.pick(fx.corpusMetadata) : pathValue(rng, fx, 'input'))],
          [2, () => pathValue(rng, fx, 'input')],
        ])(),
        '--format',
        rng.pick(['json', 'text']),
      ];
    case 'analyze':
      if (rng.chance(0.35)) {
        const captures = [
          'capture.har',
          'capture-cut.har',
          'capture-empty.har',
          'capture-list.har',
          'capture-deep.har',
          'tracer.json',
          'binary.bin',
          'empty.txt',
          'sparse-26mb.xml',
        ];
        return [
          rng.pick(['--har', '--saml-tracer']),
          rng.chance(0.8) ? fx.files[rng.pick(captures)]! : pathValue(rng, fx, 'input'),
          ...(rng.chance(0.5) ? modeArgs : []),
          ...(rng.chance(0.3) ? ['--show-personal-data'] : []),
          '--format',
          rng.pick(['json', 'text']),
        ];
      }
      return [
        fx.corpusResponses.length && rng.chance(0.5) ? rng.pick(fx.corpusResponses) : pathValue(rng, fx, 'input'),
        ...(rng.chance(0.6) ? modeArgs : []),
        '--format',
        rng.pick(['json', 'text']),
      ];
    case 'test-login':
      return [
        ...modeArgs,
        rng.chance(0.8) ? '--idp-sso-url' : '--idp-init-url',
        urlValue(rng, base, true),
        '--idp',
        rng.pick(idps),
        '--format',
        rng.pick(['json', 'text']),
      ];
    default:
      return spec.positional.filter((p) => p.required).map(() => pathValue(rng, fx, 'input'));
  }
}

function stdinFor(rng: Rng, fx: Fixtures): { bytes: Uint8Array; label: string } {
  return rng.weighted<() => { bytes: Uint8Array; label: string }>([
    [3, () => ({ bytes: rng.bytes(rng.int(0, 100_000)), label: 'random bytes' })],
    [
      3,
      () => {
        const pool = [...fx.corpusResponses, ...fx.corpusMetadata];
        if (!pool.length) return { bytes: Buffer.from('<samlp:Response/>'), label: 'tiny XML' };
        const file = rng.pick(pool);
        const text = readFileSync(file);
        return rng.chance(0.5)
          ? { bytes: text, label: `corpus ${file}` }
          : { bytes: Buffer.from(`SAMLResponse=${encodeURIComponent(text.toString('base64'))}&RelayState=x`), label: `POST body of ${file}` };
      },
    ],
    [1, () => ({ bytes: new Uint8Array(0), label: 'empty' })],
    [1, () => ({ bytes: Buffer.from(' \n\t '), label: 'whitespace' })],
    [1, () => ({ bytes: Buffer.alloc(3_100_000, 0x41), label: '3.1 MB of A' })],
    [1, () => ({ bytes: Buffer.from(randomUnicode(rng, 5000)), label: 'unicode' })],
    [1, () => ({ bytes: readFileSync(fx.files['billion-laughs.xml']!), label: 'billion laughs' })],
  ])();
}

/** Case -1-i: command i's plain valid invocation, run before the random cases so every command is reached at least once. */
function baselineCase(number: number, seed: number, specs: CommandSpec[], fx: Fixtures, base: string): Case {
  const index = -1 - number;
  const spec = specs[index]!;
  const rng = new Rng((seed ^ Math.imul(index + 7, 0x27d4eb2d)) >>> 0);
  let args = baseline(rng, spec, fx, base);
  if (spec.name === 'test-login') {
    // The user never signs in (a page without a form), in text format: the timeout path a person meets most.
    args = args.map((a, i) => (args[i - 1] === '--format' ? 'text' : /^--idp-(sso|init)-url$/.test(args[i - 1] ?? '') ? `${base}/idp/page?seed=1` : a));
    args.push('--headless', '--timeout', '2');
  }
  args = keepLoopback(args, base).map((arg) => arg.replace(/\0/g, '\\0'));
  return { number, command: spec.name, args: [spec.name, ...args], stdin: new Uint8Array(0), stdinLabel: 'empty', heavy: spec.name === 'test-login' };
}

function generateCase(number: number, seed: number, specs: CommandSpec[], fx: Fixtures, base: string, chromiumAvailable: boolean): Case {
  if (number < 0) return baselineCase(number, seed, specs, fx, base);
  const rng = new Rng((seed ^ Math.imul(number + 1, 0x9e3779b1)) >>> 0);
  const weights = specs.map((spec) => [CHROMIUM_COMMANDS.has(spec.name) ? 1.5 : 5, spec] as const);
  const spec = rng.weighted(weights);
  let args: string[] = rng.chance(0.75) ? baseline(rng, spec, fx, base) : spec.positional.filter(() => rng.chance(0.8)).map(() => pathValue(rng, fx, 'input'));
  const options = spec.options.filter(
    (o) => !(spec.name === 'test-login' && (o.long === '--allow-real-login' || o.long === '--headless' || o.long === '--timeout')),
  );
  const edits = rng.weighted([
    [4, 0],
    [4, 1],
    [2, 2],
    [1, 4],
  ] as const);
  for (let i = 0; i < edits; i++) {
    const action = rng.weighted<string>([
      [10, 'add'],
      [2, 'equals'],
      [1, 'unknown'],
      [1, 'drop'],
      [1, 'positional'],
      [0.5, 'dashdash'],
    ]);
    if (action === 'add' && options.length) {
      const option = rng.pick(options);
      if (option.takesValue === 'none') args.push(option.long);
      else args.push(option.long, optionValue(rng, spec, option.long, fx, base));
    } else if (action === 'equals' && options.length) {
      const option = rng.pick(options.filter((o) => o.takesValue !== 'none').length ? options.filter((o) => o.takesValue !== 'none') : options);
      args.push(`${option.long}=${optionValue(rng, spec, option.long, fx, base)}`);
    } else if (action === 'unknown') {
      args.push(rng.pick(['--bogus', '-x', '--mode-', '---mode', '--MODE', '-', '--no-format', `--${randomUnicode(rng, 8)}`]));
    } else if (action === 'drop' && args.length) {
      args.splice(rng.int(0, args.length - 1), 1);
    } else if (action === 'positional') {
      args.splice(rng.int(0, args.length), 0, rng.chance(0.5) ? pathValue(rng, fx, 'input') : randomString(rng));
    } else if (action === 'dashdash') {
      args.push('--', rng.pick(['--mode', '-', randomString(rng)]));
    }
  }
  // An option left without its value, at the very end only (so the parse below stays unambiguous).
  if (rng.chance(0.05)) {
    const withValue = options.filter((o) => o.takesValue === 'required');
    if (withValue.length) args.push(rng.pick(withValue).long);
  }
  if (spec.name === 'metadata' && args.some((a) => /\/(hang|slow|huge)\b/.test(a))) {
    // A server that never answers is met with a short --timeout (the default would be 15 s).
    args.push('--timeout', rng.pick(['1', '2']));
  }
  if (spec.name === 'test-login') {
    args = args.filter((a) => !a.startsWith('--allow-real-login') && !a.startsWith('--headless') && !/^--timeout(=|$)/.test(a) && a !== '--');
    // Never --browser pointing at the real Chromium is chosen above; without it the real one is used.
    args.push('--headless', '--timeout', '2');
  }
  // An argv cannot hold NUL bytes (the OS ends the string there): turn them into the visible "\0".
  args = keepLoopback(args, base).map((arg) => arg.replace(/\0/g, '\\0'));
  const stdin = args.includes('-') || rng.chance(0.2) ? stdinFor(rng, fx) : { bytes: new Uint8Array(0), label: 'empty' };
  const heavy = spec.name === 'test-login' || (args.includes('pdf') && chromiumAvailable);
  return { number, command: spec.name, args: [spec.name, ...args], stdin: stdin.bytes, stdinLabel: stdin.label, heavy };
}

/** Mirrors commander's reading of the options, to know the effective --format and --out. */
function effectiveOptions(spec: CommandSpec, args: string[]): Map<string, string | true> {
  const seen = new Map<string, string | true>();
  const byName = new Map(spec.options.map((o) => [o.long, o]));
  for (let i = 1; i < args.length; i++) {
    const token = args[i]!;
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const option = byName.get(name);
    if (!option) continue;
    if (option.takesValue === 'none') seen.set(name, true);
    else if (eq > 0) seen.set(name, token.slice(eq + 1));
    else if (i + 1 < args.length) seen.set(name, args[++i]!);
  }
  return seen;
}

// ------------------------------------------------------------------------------------------------
// Running and judging
// ------------------------------------------------------------------------------------------------

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

function runOne(cliPath: string, testCase: Case, cwd: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, ...testCase.args], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so that a hang is ended together with any Chromium it started.
      detached: true,
      // No DISPLAY: test-login must say so or run headless; never a visible window.
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes < 50_000_000) stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(testCase.stdin));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        ms: performance.now() - started,
      });
    });
  });
}

function judge(spec: CommandSpec, testCase: Case, outcome: Outcome, fx: Fixtures): string | null {
  if (outcome.timedOut) return `did not finish within its time limit (${Math.round(outcome.ms)} ms): a hang`;
  if (outcome.status === null) return `was killed by ${outcome.signal}`;
  if (![0, 1, 2].includes(outcome.status)) return `exited ${outcome.status}, not 0, 1 or 2`;
  if (STACK_TRACE.test(outcome.stderr)) return 'printed a stack trace on stderr';
  if (/TypeError|ReferenceError|SyntaxError: |RangeError: Maximum call stack/.test(outcome.stderr)) return 'printed a JavaScript error name on stderr';
  if (STACK_TRACE.test(outcome.stdout)) return 'printed a stack trace on stdout';
  if (outcome.status === 2) {
    const lines = outcome.stderr.replace(/\n$/, '').split('\n');
    if (outcome.stderr.trim() === '') return 'exited 2 with nothing on stderr';
    if (lines.length !== 1) return `exited 2 with ${lines.length} lines on stderr, not one`;
  }
  const helpAsked = testCase.args.some((a) => a === '--help' || a === '-h' || a === '-v' || a === '--version' || a === 'help');
  const options = effectiveOptions(spec, testCase.args);
  if (!helpAsked && options.get('--format') === 'json' && (outcome.status === 0 || outcome.status === 1)) {
    const out = options.get('--out');
    if (typeof out === 'string' && out !== '') {
      if (outcome.stdout.trim() !== '') return 'wrote to stdout although --out was given';
      const path = out.startsWith('/') ? out : join(fx.workDir, out);
      if (path !== '/dev/null' && existsSync(path)) {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
        } catch {
          return `--format json --out ${out} wrote a file that is not JSON`;
        }
      }
    } else {
      try {
        JSON.parse(outcome.stdout);
      } catch {
        return `--format json exited ${outcome.status} but stdout is not one JSON document`;
      }
    }
  }
  return null;
}

function shellQuote(arg: string): string {
  if (arg.length > 300) return `"$(printf 'see the saved case: ${arg.length} chars')"`;
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export async function fuzzCli(options: CliFuzzOptions): Promise<TargetReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const specs = readVocabulary(options.cliPath);
  const expected = ['values', 'checklist', 'metadata', 'analyze', 'test-login'];
  const missing = expected.filter((name) => !specs.some((s) => s.name === name));
  const failures: FuzzFailure[] = [];
  if (missing.length) failures.push({ case: -100, problem: `the CLI has no ${missing.join(', ')} command`, input: 'flex-sso --help', detail: '' });
  const fx = makeFixtures(new Rng(options.seed), options.corpusDir);
  const server = await startGarbageServer(fx);
  const breakdown: Record<string, number> = {};
  const bump = (key: string): void => void (breakdown[key] = (breakdown[key] ?? 0) + 1);
  let runs = 0;
  try {
    const numbers =
      options.onlyCase !== undefined ? [options.onlyCase] : [...specs.map((_, i) => -1 - i), ...Array.from({ length: options.runs }, (_, i) => i)];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < numbers.length) {
        const number = numbers[next++]!;
        const testCase = generateCase(number, options.seed, specs, fx, server.base, Boolean(options.chromiumPath));
        for (const arg of testCase.args) {
          if (reachesOutside(arg.includes('=') && arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : arg))
            throw new Error(`refusing to run case ${number}: ${arg} is not loopback`);
        }
        if (testCase.args.some((a) => a.startsWith('--allow-real-login'))) throw new Error(`refusing to run case ${number}: --allow-real-login`);
        const spec = specs.find((s) => s.name === testCase.command)!;
        const outcome = await runOne(options.cliPath, testCase, fx.workDir, testCase.heavy ? 60_000 : 30_000);
        runs++;
        bump(testCase.command);
        bump(`exit ${outcome.timedOut ? 'timeout' : (outcome.status ?? outcome.signal)}`);
        const problem = judge(spec, testCase, outcome, fx);
        if (process.env.FUZZ_VERBOSE)
          log(`case ${number}: exit ${outcome.status} ${JSON.stringify(testCase.args).slice(0, 300)} :: ${outcome.stderr.trim().slice(0, 200)}`);
        if (problem) {
          mkdirSync(options.artifactsDir, { recursive: true });
          const stdinFile = join(options.artifactsDir, `cli-seed${options.seed}-case${number}.stdin`);
          writeFileSync(stdinFile, testCase.stdin);
          writeFileSync(
            join(options.artifactsDir, `cli-seed${options.seed}-case${number}.json`),
            JSON.stringify({ args: testCase.args, stdin: testCase.stdinLabel, outcome }, null, 2),
          );
          failures.push({
            case: number,
            replayable: true,
            problem: `flex-sso ${testCase.command}: ${problem}`,
            input: `node out/cli/flex-sso.mjs ${testCase.args.map(shellQuote).join(' ')} < ${stdinFile}   (stdin: ${testCase.stdinLabel}; URLs point at the fuzz's own loopback server, so replay with the seed and case)`,
            detail: clip(
              `exit ${outcome.status ?? outcome.signal} after ${Math.round(outcome.ms)} ms; stderr: ${outcome.stderr.trim() || '(empty)'}${outcome.stdout ? `; stdout starts: ${outcome.stdout.slice(0, 200)}` : ''}`,
            ),
          });
          log(`  ✘ cli case ${number}: ${problem}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, () => worker()));
  } finally {
    await server.close();
    rmSync(fx.dir, { recursive: true, force: true });
  }
  breakdown['loopback server requests'] = server.requests;
  return { target: 'cli', seed: options.seed, runs, failures, breakdown, seconds: (performance.now() - started) / 1000 };
}
