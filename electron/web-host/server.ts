import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiHandlers } from '../../shared/api';
import { dispatchApiCall } from '../services/api-dispatch';
import { attachmentHeader, type DownloadShelf } from '../services/exports/download-saver';
import { bridgeScriptSource, CALL_HEADER } from './bridge-script';
import { loopbackPeerUid } from './peer-user';
import { errorMessage } from '../../shared/errors';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const BRIDGE_PATH = '/__flex-sso-bridge.js';
const LAUNCH_PREFIX = '/launch/';
const DOWNLOAD_PREFIX = '/downloads/';
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** On every answer: never cached, never framed (another loopback port could frame the wizard), never sniffed. */
const RESPONSE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
} as const;

export const NOT_SIGNED_IN_TEXT = 'Open the wizard with the launch link printed in the terminal where it was started.';
export const SPENT_LAUNCH_TEXT =
  'This launch link was already used, or it is not one of this wizard\u2019s. Each link works once: ask the terminal where the wizard runs for a new one.';
export const OTHER_USER_TEXT = 'This wizard belongs to another user of this computer.';

export interface WebHostOptions {
  rendererDir: string;
  handlers: ApiHandlers;
  /** Exports waiting for the browser to download them (GET /downloads/<token>, once each). */
  downloads?: DownloadShelf;
  port?: number;
  log?: (line: string) => void;
}

export interface WebHost {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /**
   * A new one-time launch URL each time it is read: opening it sets this browser's session cookie
   * (HttpOnly, SameSite=Strict) and goes on to the wizard; a second use is refused.
   */
  readonly url: string;
  newLaunchUrl(): string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, ...RESPONSE_HEADERS, ...extra });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error('request too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the API contract over loopback HTTP, so the
 * real wizard runs in any browser against the real main-side services.
 *
 * Only the person who started it gets in: they are handed one-time launch URLs (printed on their
 * terminal); opening one sets an HttpOnly, SameSite=Strict session cookie and is then spent.
 * Without the cookie every path answers 401 and reveals nothing. Calls also need the right Host
 * (no DNS rebinding), the page's own Origin when the browser sends one, and the bridge's header.
 * On Linux, connections from another Unix user's processes are refused outright (peer-user.ts),
 * which also keeps a session cookie that leaked to another loopback port useless to them.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const sessionToken = randomBytes(32).toString('hex');
  const unspentLaunchKeys = new Set<string>();
  const log = options.log ?? (() => {});
  const root = normalize(options.rendererDir + sep);
  const ownerUid = process.getuid?.() ?? null;
  const peerUids = new WeakMap<Socket, Promise<number | null>>();
  let origin = '';
  let port = 0;
  let cookieName = '';

  // Every request is answered in full inside serve(); its own catch reports what went wrong.
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const url = new URL(request.url ?? '/', origin);
      if (request.headers.host !== new URL(origin).host) return send(response, 421, 'Wrong host');
      const peerUid = await (peerUids.get(request.socket) ?? Promise.resolve(null));
      if (ownerUid !== null && peerUid !== null && peerUid !== ownerUid) return send(response, 403, OTHER_USER_TEXT);

      if (url.pathname.startsWith(LAUNCH_PREFIX)) {
        if (request.method !== 'GET') return send(response, 405, 'GET only');
        const key = url.pathname.slice(LAUNCH_PREFIX.length);
        if (!unspentLaunchKeys.delete(key)) return send(response, 403, SPENT_LAUNCH_TEXT);
        return send(response, 303, 'Opening the wizard…', undefined, {
          location: '/',
          'set-cookie': `${cookieName}=${sessionToken}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }

      if (!sameSecret(cookieValue(request.headers.cookie, cookieName), sessionToken)) return send(response, 401, NOT_SIGNED_IN_TEXT);

      if (url.pathname.startsWith('/api/')) {
        if (request.method !== 'POST') return send(response, 405, 'POST only');
        const requestOrigin = request.headers.origin;
        if (requestOrigin !== undefined && requestOrigin !== origin) return send(response, 403, 'Wrong origin');
        if (request.headers[CALL_HEADER] !== '1') return send(response, 403, 'Calls come from the wizard page only');
        let body: unknown;
        try {
          body = JSON.parse((await readBody(request)) || '{}');
        } catch {
          return send(response, 400, JSON.stringify({ ok: false, error: { code: 'bad-request', message: 'The request was not JSON.' } }), 'application/json');
        }
        const result = await dispatchApiCall(options.handlers, url.pathname.slice('/api/'.length), body, log);
        return send(response, 200, JSON.stringify(result), 'application/json');
      }

      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'GET only');
      if (url.pathname.startsWith(DOWNLOAD_PREFIX)) {
        // A navigation from the wizard's own page (the browser's download): never another site's.
        const site = request.headers['sec-fetch-site'];
        if (site !== undefined && site !== 'same-origin') return send(response, 403, 'Downloads start from the wizard page only');
        const download = options.downloads?.take(url.pathname.slice(DOWNLOAD_PREFIX.length));
        if (!download) return send(response, 404, 'This download was already fetched or has expired: save the file again from the wizard.');
        return send(response, 200, download.body, download.mediaType, {
          'content-disposition': attachmentHeader(download.fileName),
          'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
        });
      }
      if (url.pathname === BRIDGE_PATH) return send(response, 200, bridgeScriptSource(), CONTENT_TYPES['.js']);

      const relative = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
      const file = normalize(join(root, relative));
      if (!file.startsWith(root)) return send(response, 404, 'Not found');
      let content: Buffer;
      try {
        content = await readFile(file);
      } catch {
        return send(response, 404, 'Not found');
      }
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      if (extname(file) === '.html') {
        const injected = content.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);
        return send(response, 200, injected, type);
      }
      return send(response, 200, content, type);
    } catch (error) {
      log(`web host error: ${errorMessage(error)}`);
      if (!response.headersSent) send(response, 500, 'Internal error');
    }
  };
  const server = createServer((request, response) => void serve(request, response));
  server.on('connection', (socket: Socket) => {
    if (socket.remotePort !== undefined) peerUids.set(socket, loopbackPeerUid(port, socket.remotePort));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  // Cookies are not kept apart by port: one name per host, so two hosts in one browser do not clash.
  cookieName = `flex-sso-session-${port}`;
  const newLaunchUrl = (): string => {
    const key = randomBytes(24).toString('base64url');
    unspentLaunchKeys.add(key);
    return `${origin}${LAUNCH_PREFIX}${key}`;
  };
  return {
    origin,
    port,
    get url() {
      return newLaunchUrl();
    },
    newLaunchUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
