import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A FAKE of Twilio's REST servers, for tests only (Twilio cannot be reached from these machines).
 * It answers the few read-only endpoints the wizard uses, with Twilio's JSON shapes and error
 * bodies, on 127.0.0.1. The product's twilio client is pointed at it with
 * `new TwilioService({ baseUrl: fake.baseUrl })` (requests arrive as `/<twilio host>/<path>`).
 *
 *   GET /api.twilio.com/2010-04-01/Accounts/{AC}.json
 *   GET /flex-api.twilio.com/v1/Configuration
 *   GET /taskrouter.twilio.com/v1/Workspaces/{WS}/Workers?FriendlyName=…
 *   GET /taskrouter.twilio.com/v1/Workspaces/{WS}/Workers/{WK}
 */
export interface FakeWorker {
  sid: string;
  friendlyName: string;
  attributes: Record<string, unknown>;
}

export interface FakeAccount {
  sid: string;
  authToken: string;
  /** API key SID → secret. */
  apiKeys?: Record<string, string>;
  friendlyName?: string;
  status?: string;
  /** null: Flex is not set up on this account (404). */
  flexConfiguration?: {
    flexUrl?: string | null;
    runtimeDomain?: string | null;
    workspaceSid?: string | null;
    flexServiceInstanceSid?: string | null;
    uiVersion?: string | null;
  } | null;
  workspaces?: Record<string, FakeWorker[]>;
}

/**
 * 'echoing-error': a 400 whose message quotes what was sent, credentials included (Twilio's
 * messages do quote parameters; this is the worst case, for checking that none reaches the user).
 */
export type FakeTwilioBehaviour = 'normal' | 'rate-limit' | 'server-error' | 'hang' | 'echoing-error';

export interface FakeTwilio {
  baseUrl: string;
  /** Every request seen: method, path, and which credential (username) authenticated. */
  requests: Array<{ method: string; path: string; username: string | null }>;
  setBehaviour(behaviour: FakeTwilioBehaviour): void;
  close(): Promise<void>;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function twilioError(response: ServerResponse, status: number, code: number, message: string): void {
  json(response, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function basicAuth(request: IncomingMessage): { username: string; password: string } | null {
  const header = request.headers.authorization ?? '';
  const match = /^Basic (.+)$/.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function workerJson(accountSid: string, workspaceSid: string, worker: FakeWorker, base: string): Record<string, unknown> {
  return {
    sid: worker.sid,
    account_sid: accountSid,
    workspace_sid: workspaceSid,
    friendly_name: worker.friendlyName,
    attributes: JSON.stringify(worker.attributes),
    activity_name: 'Offline',
    activity_sid: 'WA00000000000000000000000000000000',
    available: false,
    date_created: '2025-01-01T00:00:00Z',
    date_updated: '2025-03-01T09:00:00Z',
    date_status_changed: '2025-03-01T09:00:00Z',
    url: `${base}/v1/Workspaces/${workspaceSid}/Workers/${worker.sid}`,
    links: {},
  };
}

export async function startFakeTwilio(accounts: FakeAccount[]): Promise<FakeTwilio> {
  let behaviour: FakeTwilioBehaviour = 'normal';
  const requests: FakeTwilio['requests'] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const auth = basicAuth(request);
    requests.push({ method: request.method ?? 'GET', path: url.pathname, username: auth?.username ?? null });
    if (behaviour === 'hang') {
      hanging.add(response);
      return;
    }
    if (behaviour === 'rate-limit') return twilioError(response, 429, 20429, 'Too Many Requests');
    if (behaviour === 'server-error') return twilioError(response, 503, 20500, 'Service Unavailable');
    if (behaviour === 'echoing-error')
      return twilioError(response, 400, 20001, `Invalid request ${url.pathname}${url.search} from ${auth?.username ?? '-'} with ${auth?.password ?? '-'}`);

    // Authenticate like Twilio: the account's SID and Auth Token, or one of its API keys.
    const account = accounts.find((a) => auth && ((a.sid === auth.username && a.authToken === auth.password) || a.apiKeys?.[auth.username] === auth.password));
    if (!account) return twilioError(response, 401, 20003, 'Authenticate');

    const [, host, ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    if (request.method !== 'GET') return twilioError(response, 405, 20004, 'Method not allowed');

    if (host === 'api.twilio.com') {
      const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\.json$/.exec(path);
      if (!m || m[1] !== account.sid) return twilioError(response, 404, 20404, 'The requested resource was not found');
      return json(response, 200, {
        sid: account.sid,
        friendly_name: account.friendlyName ?? 'My first Twilio account',
        status: account.status ?? 'active',
        type: 'Full',
        owner_account_sid: account.sid,
        date_created: 'Wed, 01 Jan 2025 00:00:00 +0000',
        date_updated: 'Wed, 01 Jan 2025 00:00:00 +0000',
        auth_token: '[redacted]',
        uri: `/2010-04-01/Accounts/${account.sid}.json`,
        subresource_uris: {},
      });
    }
    if (host === 'flex-api.twilio.com' && path === '/v1/Configuration') {
      const config = account.flexConfiguration;
      if (!config) return twilioError(response, 404, 20404, 'The requested resource /Configuration was not found');
      return json(response, 200, {
        account_sid: account.sid,
        flex_url: config.flexUrl ?? null,
        runtime_domain: config.runtimeDomain ?? null,
        taskrouter_workspace_sid: config.workspaceSid ?? null,
        flex_service_instance_sid: config.flexServiceInstanceSid ?? null,
        ui_version: config.uiVersion ?? '~2.9.0',
        status: 'ok',
        url: 'https://flex-api.twilio.com/v1/Configuration',
      });
    }
    if (host === 'taskrouter.twilio.com') {
      const list = /^\/v1\/Workspaces\/(WS[0-9a-f]{32})\/Workers$/.exec(path);
      const one = /^\/v1\/Workspaces\/(WS[0-9a-f]{32})\/Workers\/(WK[0-9a-f]{32})$/.exec(path);
      const workspaceSid = (list ?? one)?.[1];
      const workers = workspaceSid ? account.workspaces?.[workspaceSid] : undefined;
      if (!workspaceSid || !workers) return twilioError(response, 404, 20404, 'The requested resource was not found');
      const base = 'https://taskrouter.twilio.com';
      if (one) {
        const worker = workers.find((w) => w.sid === one[2]);
        if (!worker) return twilioError(response, 404, 20404, 'The requested resource was not found');
        return json(response, 200, workerJson(account.sid, workspaceSid, worker, base));
      }
      const name = url.searchParams.get('FriendlyName');
      const matching = workers.filter((w) => name === null || w.friendlyName === name);
      const pageUrl = `${base}/v1/Workspaces/${workspaceSid}/Workers?PageSize=${url.searchParams.get('PageSize') ?? 50}&Page=0`;
      return json(response, 200, {
        workers: matching.map((w) => workerJson(account.sid, workspaceSid, w, base)),
        meta: { page: 0, page_size: 50, first_page_url: pageUrl, previous_page_url: null, next_page_url: null, url: pageUrl, key: 'workers' },
      });
    }
    return twilioError(response, 404, 20404, 'The requested resource was not found');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour: (next) => {
      behaviour = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
