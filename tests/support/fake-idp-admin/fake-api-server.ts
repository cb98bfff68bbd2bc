import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SpecViolation, type CheckedCall, type SpecValidator } from './spec-validator';
import { errorMessage } from '../../../shared/errors';

/**
 * The common body of the FAKE admin APIs (Graph, Okta, Auth0) used by tests: an HTTP server on
 * 127.0.0.1 that checks every API request against the publisher's description (SpecValidator),
 * records it, injects the faults a test asks for, and hands it to the fake's stateful handler.
 */

export interface FakeCall extends CheckedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as it is (metadata XML). */
  text?: string;
}

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** The connection is cut before any answer (a network failure mid-apply). */
  | { kind: 'network' }
  /** The call is answered normally, after a wait (time for a test to cancel). */
  | { kind: 'delay'; ms: number };

export interface FaultRule {
  /** Which calls: an operationId, or 'mutating' (POST/PUT/PATCH/DELETE). */
  match: string;
  /** Skip this many matching calls first (0: the first one fails). */
  after?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
  fault: Fault;
}

export interface FakeApiOptions {
  name: string;
  validator: SpecValidator | null;
  /** Paths outside the description (token endpoint, public metadata), answered without validation. */
  unvalidated?: (method: string, path: string) => boolean;
  /**
   * Where the described API lives on the server (Auth0: `/api/v2`); the description's paths are
   * relative to it. Requests outside it must be `unvalidated` or `raw`.
   */
  basePath?: string;
  /** Requests handed over untouched (the fake IdP's sign-in pages, an express app); true when taken. */
  raw?: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Authenticates the call; answers a reply to refuse it. Called for described calls only. */
  authenticate: (call: FakeCall) => FakeReply | null;
  handle: (call: FakeCall) => FakeReply | Promise<FakeReply>;
  /** The error body the real API sends for an invalid request. */
  invalidRequest: (message: string) => FakeReply;
}

export interface FakeApi {
  baseUrl: string;
  calls: FakeCall[];
  /** Requests the description does not allow: any entry means the product sent a bad request. */
  violations: string[];
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 2_000_000) reject(new Error('request body too large for the fake'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: FakeReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.text !== undefined) {
    headers['content-type'] ??= 'application/xml';
    response.writeHead(reply.status, headers);
    response.end(reply.text);
    return;
  }
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }
  headers['content-type'] ??= 'application/json';
  response.writeHead(reply.status, headers);
  response.end(JSON.stringify(reply.body));
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    record[key] = all.length === 1 ? all[0]! : all;
  }
  return record;
}

export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const calls: FakeCall[] = [];
  const violations: string[] = [];
  let rules: Array<FaultRule & { seen: number; fired: number }> = [];
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    if (options.raw?.(request, response)) return;
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const method = (request.method ?? 'GET').toUpperCase();
      const rawBody = await readBody(request);
      let body: unknown = undefined;
      const type = request.headers['content-type'] ?? '';
      if (rawBody && type.includes('json')) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          violations.push(`${method} ${url.pathname}: body is not JSON`);
          return send(response, options.invalidRequest('The request body is not valid JSON.'));
        }
      } else if (rawBody) {
        body = rawBody;
      }
      const base: FakeCall = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        rawBody,
        operationId: '',
        scopes: [],
        params: {},
      };
      if (options.unvalidated?.(method, url.pathname)) {
        calls.push(base);
        return send(response, await options.handle(base));
      }
      let call: FakeCall = base;
      const basePath = options.basePath ?? '';
      if (basePath && !url.pathname.startsWith(`${basePath}/`)) {
        violations.push(`${method} ${url.pathname}: outside ${basePath}`);
        calls.push(base);
        return send(response, { status: 404, body: { error: 'not found' } });
      }
      const described = url.pathname.slice(basePath.length);
      call = { ...base, path: described };
      if (options.validator) {
        try {
          call = { ...call, ...options.validator.check({ method, path: described, query: queryRecord(url.searchParams), headers: request.headers, body }) };
        } catch (error) {
          if (!(error instanceof SpecViolation)) throw error;
          violations.push(`${method} ${url.pathname}: ${error.message}`);
          calls.push(base);
          return send(response, options.invalidRequest(error.message));
        }
      }
      calls.push(call);
      const refused = options.authenticate(call);
      if (refused) return send(response, refused);
      for (const rule of rules) {
        const hit = rule.match === call.operationId || (rule.match === 'mutating' && MUTATING.has(method));
        if (!hit) continue;
        rule.seen += 1;
        if (rule.seen <= (rule.after ?? 0) || rule.fired >= (rule.times ?? 1)) continue;
        rule.fired += 1;
        if (rule.fault.kind === 'network') {
          request.socket.destroy();
          return;
        }
        if (rule.fault.kind === 'delay') {
          await new Promise((resolve) => setTimeout(resolve, (rule.fault as { ms: number }).ms));
          break;
        }
        return send(response, {
          status: rule.fault.status,
          body: rule.fault.body ?? { error: 'injected by the test' },
          ...(rule.fault.headers ? { headers: rule.fault.headers } : {}),
        });
      }
      send(response, await options.handle(call));
    })().catch((error: unknown) => {
      violations.push(`the ${options.name} fake failed: ${errorMessage(error)}`);
      if (!response.headersSent) send(response, { status: 500, body: { error: 'fake failure' } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    violations,
    addFault: (rule) => void rules.push({ ...rule, seen: 0, fired: 0 }),
    clearFaults: () => void (rules = []),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads `Authorization: Bearer <token>` or `SSWS <token>`. */
export function bearer(call: FakeCall, scheme = 'Bearer'): string | null {
  const header = call.headers.authorization ?? '';
  const prefix = `${scheme} `;
  return header.startsWith(prefix) ? header.slice(prefix.length) : null;
}
