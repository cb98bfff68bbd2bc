import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ApiHandlers } from '../../shared/api';
import { dispatchApiCall } from '../services/api-dispatch';
import { bridgeScriptSource } from './bridge-script';

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
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export interface WebHostOptions {
  rendererDir: string;
  handlers: ApiHandlers;
  port?: number;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  });
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

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the built renderer on 127.0.0.1 and carries the API contract over loopback HTTP, so the
 * real wizard runs in any browser against the real main-side services. Calls need the per-run
 * token, the right Host (no DNS rebinding) and, when the browser sends one, the page's own Origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('hex');
  const log = options.log ?? (() => {});
  const root = normalize(options.rendererDir + sep);
  let origin = '';

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', origin);
      if (request.headers.host !== new URL(origin).host) return send(response, 421, 'Wrong host');

      if (url.pathname.startsWith('/api/')) {
        if (request.method !== 'POST') return send(response, 405, 'POST only');
        const requestOrigin = request.headers.origin;
        if (requestOrigin !== undefined && requestOrigin !== origin) return send(response, 403, 'Wrong origin');
        const tokenHeader = request.headers['x-flex-sso-token'];
        if (!sameToken(Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader, token)) return send(response, 403, 'Missing or wrong token');
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
        const injected = content
          .toString('utf8')
          .replace('<head>', `<head>\n    <meta name="flex-sso-token" content="${token}" />\n    <script src="${BRIDGE_PATH}"></script>`);
        return send(response, 200, injected, type);
      }
      return send(response, 200, content, type);
    } catch (error) {
      log(`web host error: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, 500, 'Internal error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
