/**
 * Generated garbage for every call of the renderer ↔ main contract (shared/api.ts), through the
 * same dispatch both hosts use (`dispatchApiCall(createApiHandlers(…), name, input)`), with a
 * temporary user-data folder: random values, prototype-pollution keys, huge strings, wrong types,
 * deep nesting, unknown call names, and mutations of valid requests (which keep real state going:
 * profiles made, updated, exported; secrets set; tasks started, polled and cancelled).
 *
 * Every answer must be `{ ok: true, value }` or `{ ok: false, error: { code, message } }` within
 * its time limit, never a throw, never a stack trace in a message; no secret value set through
 * the API may come back in any answer; `Object.prototype` (and friends) stay unpolluted.
 *
 * Network rule: this process refuses every connection that is not loopback (and counts the
 * attempt as a failure), and every URL in a generated request is loopback or invalid.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_CALLS, type ApiCallName, type ApiWireResult } from '../../shared/api-calls';
import type { ApiHandlers } from '../../shared/api';
import { MODE_IDS } from '../../shared/domain/modes';
import { dispatchApiCall } from '../../electron/services/api-dispatch';
import { createApiHandlers, type ApiServices } from '../../electron/services/api-handlers';
import { SecretVault } from '../../electron/services/secrets/secret-vault';
import { chromiumLoginBrowser, createWebHostServices } from '../../electron/web-host/services';
import { Rng, NASTY_KEYS, deepNesting, hugeString, mutateString, pollutedJson, randomObject, randomString, randomUnicode, randomValue } from './random';
import { clip, printable, type FuzzFailure, type TargetReport } from './report';
import { errorMessage } from '../../shared/errors';

export interface ApiFuzzOptions {
  runs: number;
  seed: number;
  onlyCase?: number;
  /** Per call; a call that takes longer is a hang. */
  callTimeoutMs?: number;
  log?: (line: string) => void;
}

const STACK_TRACE = /\n?\s+at .+:\d+:\d+/;
const ERROR_CODES = new Set(['bad-request', 'unknown-call', 'untrusted-sender', 'failed']);
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

// ------------------------------------------------------------------------------------------------
// The network guard: only loopback, whatever a handler tries
// ------------------------------------------------------------------------------------------------

const outsideAttempts: string[] = [];
let guardInstalled = false;

/** Makes every non-loopback TCP connection in this process fail at once, and records it. */
export function installLoopbackGuard(): string[] {
  if (guardInstalled) return outsideAttempts;
  guardInstalled = true;
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0];
    let host: string | undefined;
    let path: string | undefined;
    if (Array.isArray(first)) {
      const options = first[0] as { host?: string; path?: string } | undefined;
      host = options?.host;
      path = options?.path;
    } else if (typeof first === 'object' && first !== null) {
      host = (first as { host?: string }).host;
      path = (first as { path?: string }).path;
    } else if (typeof first === 'string' && !/^\d+$/.test(first)) {
      path = first;
    } else {
      host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (path === undefined && host !== undefined && !LOOPBACK.has(host) && !/^127\./.test(host)) {
      outsideAttempts.push(host);
      const error = Object.assign(new Error(`fuzz network guard: connection to ${host} refused (loopback only)`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return outsideAttempts;
}

// ------------------------------------------------------------------------------------------------
// A loopback metadata server for startMetadataDownload
// ------------------------------------------------------------------------------------------------

/** Serves metadata (good, garbage, 404, never) and, for every other path, Twilio's API in garbage form. */
async function startLoopbackServer(): Promise<{ base: string; close(): Promise<void> }> {
  let count = 0;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    count++;
    if (path === '/hang') return; // answered never; the download's own limits must end it
    if (path === '/garbage') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void response.end(Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)));
    }
    if (path === '/metadata' || path === '/404') {
      response.writeHead(path === '/404' ? 404 : 200, { 'content-type': 'application/xml' });
      return void response.end(
        `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:fuzz"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http://127.0.0.1:9/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`,
      );
    }
    // "Twilio" (the services' twilioBaseUrl points here): every kind of answer but a good one.
    const answers: Array<[number, string]> = [
      [200, '{}'],
      [200, 'not json'],
      [200, JSON.stringify({ sid: 123, friendly_name: null, status: { nested: true }, attributes: '{"__proto__":{"polluted":"yes"}}', workers: 'x' })],
      [200, JSON.stringify({ workers: [{ sid: 'WK1', friendly_name: 'a', attributes: '{bad json', date_updated: 'never' }], meta: {} })],
      [401, JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 })],
      [403, ''],
      [404, JSON.stringify({ code: 20404, message: 'not found', status: 404 })],
      [429, JSON.stringify({ code: 20429, message: 'Too many', status: 429 })],
      [500, '<html>oops</html>'],
    ];
    const [status, body] = answers[count % answers.length]!;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ------------------------------------------------------------------------------------------------
// Requests: valid ones (from what the run has made so far), then garbage made from them
// ------------------------------------------------------------------------------------------------

interface State {
  profileIds: string[];
  connectionIds: string[];
  taskIds: string[];
  /** How each task was started (for the report). */
  taskStarts: Map<string, string>;
  secrets: Set<string>;
  metadataBase: string;
}

const KINDS = ['twilio-auth-token', 'twilio-api-key-secret', 'idp-api-token'];

function someProfileId(rng: Rng, state: State): string {
  return state.profileIds.length && rng.chance(0.85) ? rng.pick(state.profileIds) : rng.pick(['missing-profile', 'a', `p-${rng.hex(8)}`]);
}

function someTaskId(rng: Rng, state: State): string {
  return state.taskIds.length && rng.chance(0.8) ? rng.pick(state.taskIds) : rng.pick(['missing-task', rng.hex(32), '0']);
}

function someConnectionId(rng: Rng, state: State): string {
  return state.connectionIds.length && rng.chance(0.85) ? rng.pick(state.connectionIds) : rng.pick(['missing-connection', `c-${rng.hex(8)}`]);
}

/** An IdP tenant for "Set it up for me": the loopback server (garbage answers), closed ports, bad URLs. */
function adminTarget(rng: Rng, state: State): { idp: string } & Record<string, string | undefined> {
  const where = rng.pick([state.metadataBase, `${state.metadataBase}/hang`, 'http://127.0.0.1:9', 'http://example.okta.com', 'not a url']);
  return rng.pick([
    { idp: 'okta', orgUrl: where },
    { idp: 'auth0', domain: where },
    { idp: 'azure-ad' },
    {
      idp: 'azure-ad',
      clientId: rng.chance(0.5) ? '00000000-0000-4000-8000-000000000000' : 'nope',
      tenant: rng.pick(['organizations', 'contoso.onmicrosoft.com', '../..']),
    },
  ]);
}

function loopbackUrl(rng: Rng, state: State): string {
  return rng.pick([
    `${state.metadataBase}/metadata`,
    `${state.metadataBase}/404`,
    `${state.metadataBase}/garbage`,
    `${state.metadataBase}/hang`,
    'http://127.0.0.1:9/',
    'https://127.0.0.1:9/x',
    'not a url',
    'ftp://127.0.0.1/x',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ]);
}

function validProfilePatch(rng: Rng, state: State): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const fields = rng
    .shuffle(['name', 'mode', 'ids', 'twilio', 'connections', 'activeConnectionId', 'trustedDomains', 'notes', 'wizardStep', 'lastTestResult'])
    .slice(0, rng.int(1, 4));
  for (const field of fields) {
    switch (field) {
      case 'name':
        patch.name = randomUnicode(rng, 30);
        break;
      case 'mode':
        patch.mode = rng.chance(0.8) ? rng.pick(MODE_IDS) : null;
        break;
      case 'ids':
        patch.ids = {
          connectionId: `JQ${rng.hex(32)}`,
          accountSid: `AC${rng.hex(32)}`,
          realmSid: rng.chance(0.5) ? '' : `JB${rng.hex(32)}`,
          flexInstanceSid: '',
        };
        break;
      case 'twilio':
        patch.twilio = {
          accountSid: `AC${rng.hex(32)}`,
          authMethod: rng.pick(['auth-token', 'api-key']),
          apiKeySid: `SK${rng.hex(32)}`,
          defaultRedirectUrl: '',
          workspaceSid: '',
        };
        break;
      case 'connections': {
        const id = state.connectionIds.length && rng.chance(0.5) ? rng.pick(state.connectionIds) : `c-${rng.hex(6)}`;
        patch.connections = [
          {
            id,
            label: randomUnicode(rng, 20),
            idp: rng.pick(['okta', 'azure-ad', 'generic', null, 'not-an-idp']),
            idpValues: { issuer: 'urn:fuzz', ssoUrl: 'http://127.0.0.1:9/sso', certificatePem: '', idpInitiatedUrl: '', metadataUrl: '' },
            notes: '',
            lastTest: null,
          },
        ];
        if (rng.chance(0.5)) patch.activeConnectionId = id;
        break;
      }
      case 'activeConnectionId':
        patch.activeConnectionId = state.connectionIds.length ? rng.pick(state.connectionIds) : null;
        break;
      case 'trustedDomains':
        patch.trustedDomains = Array.from({ length: rng.int(0, 3) }, () => rng.pick(['example.com', 'https://app.example.com', randomUnicode(rng, 20)]));
        break;
      case 'notes':
        patch.notes = randomUnicode(rng, 200);
        break;
      case 'wizardStep':
        patch.wizardStep = rng.pick(['mode', 'idp', 'test', null]);
        break;
      case 'lastTestResult':
        patch.lastTestResult = rng.chance(0.5)
          ? null
          : {
              at: new Date().toISOString(),
              connectionId: null,
              outcome: rng.pick(['passed', 'failed', 'cancelled', 'timed-out', 'error']),
              summary: randomUnicode(rng, 30),
              errorCount: rng.int(0, 3),
              warningCount: 0,
              findingCodes: ['expired'],
            };
        break;
    }
  }
  return patch;
}

function exportedProfileText(rng: Rng): string {
  return rng.pick([
    JSON.stringify({ format: 'flex-sso-profile', version: 2, profile: { name: 'Imported', mode: 'flex-enhanced' } }),
    JSON.stringify({ name: 'x' }),
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"name":"p"}',
    '[]',
    'null',
    '{',
    randomUnicode(rng, 300),
    `${'{"a":['.repeat(3000)}1${']}'.repeat(3000)}`,
  ]);
}

/** A request the contract accepts (mostly), made from the run's state. */
function validRequest(name: ApiCallName, rng: Rng, state: State): unknown {
  const profileId = (): string => someProfileId(rng, state);
  const kind = (): string => rng.pick(KINDS);
  switch (name) {
    case 'getAppInfo':
    case 'listCatalog':
    case 'listProfiles':
    case 'getKeychainStatus':
      return {};
    case 'getProfile':
    case 'deleteProfile':
    case 'exportProfile':
      return { id: profileId() };
    case 'getSecretStatus':
    case 'checkTwilioCredentials':
    case 'readFlexConfiguration':
      return { profileId: profileId() };
    case 'createProfile':
      return {
        name: randomUnicode(rng, 30),
        ...(rng.chance(0.5) ? { mode: rng.pick(MODE_IDS) } : {}),
        ...(rng.chance(0.5) ? { idp: rng.pick(['okta', 'azure-ad', 'generic', 'no-such-idp']) } : {}),
      };
    case 'updateProfile':
      return { id: profileId(), patch: validProfilePatch(rng, state) };
    case 'duplicateProfile':
      return { id: profileId(), ...(rng.chance(0.5) ? { name: randomUnicode(rng, 20) } : {}) };
    case 'importProfile':
      return { content: exportedProfileText(rng), ...(rng.chance(0.5) ? { fileName: rng.pick(['profile.json', '../../etc/passwd', 'ü.json']) } : {}) };
    case 'setSecretStorageMode':
      // Session only: the fuzz never writes to the machine's real keychain.
      return { mode: 'session' };
    case 'setSecret': {
      const value = `fuzz-secret-${rng.hex(12)}${rng.chance(0.3) ? randomUnicode(rng, 10) : ''}`;
      state.secrets.add(value);
      return { profileId: profileId(), kind: kind(), value };
    }
    case 'deleteSecret':
    case 'testSecret':
      return { profileId: profileId(), kind: kind() };
    case 'importMetadataText':
      return {
        xml: rng.pick([
          '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:x"/>',
          '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbbbb"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;</a>',
          '<x',
          randomUnicode(rng, 200),
          hugeString(rng, 200_000),
        ]),
        ...(rng.chance(0.3) ? { entityId: randomString(rng) } : {}),
      };
    case 'startMetadataDownload':
      return { url: loopbackUrl(rng, state), ...(rng.chance(0.2) ? { entityId: 'urn:fuzz' } : {}) };
    case 'saveExport':
      return {
        format: rng.pick(['md', 'html', 'json']),
        suggestedName: rng.pick(['checklist.md', 'ünï 😀.html', 'a.json', '..', '.', 'con']),
        content: randomUnicode(rng, 200),
      };
    case 'startPdfExport':
      return {
        suggestedName: 'checklist.pdf',
        html: rng.pick(['<h1>x</h1>', '<script>while(true){}</script>', '<img src="http://127.0.0.1:9/x">', randomUnicode(rng, 100)]),
      };
    case 'fetchTwilioWorker':
      return {
        profileId: profileId(),
        ...(rng.chance(0.5) ? { workerSid: `WK${rng.hex(32)}` } : { friendlyName: 'ada@example.com' }),
        ...(rng.chance(0.5) ? { expectedAttributes: randomObject(rng, 2) } : {}),
      };
    case 'startLoginTest':
      return {
        ...(rng.chance(0.5) ? { profileId: profileId() } : {}),
        mode: rng.pick(MODE_IDS),
        ids: { connectionId: `JQ${rng.hex(32)}`, accountSid: `AC${rng.hex(32)}`, realmSid: `JB${rng.hex(32)}` },
        start: rng.chance(0.5) ? { kind: 'sp-initiated', ssoUrl: loopbackUrl(rng, state) } : { kind: 'idp-initiated', url: loopbackUrl(rng, state) },
        ...(rng.chance(0.3) ? { idpCertificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' } : {}),
        timeoutSeconds: 10,
      };
    case 'analyzeCapture':
      return {
        digest: {
          format: rng.pick(['har', 'saml-tracer']),
          creator: rng.chance(0.5) ? randomUnicode(rng, 20) : null,
          entries: rng.int(0, 5000),
          exportedAt: null,
          steps: [],
          messages: Array.from({ length: rng.int(0, 3) }, (_, entry) => ({
            entry,
            param: rng.pick(['SAMLRequest', 'SAMLResponse']),
            binding: rng.pick(['http-post', 'http-redirect']),
            source: 'request',
            method: 'POST',
            url: `https://login.flex.us1.twilio.com/login/callback?connection=JQ${rng.hex(32)}`,
            at: rng.chance(0.5) ? new Date().toISOString() : rng.pick(['not a time', '9999-99-99T99:99:99Z']),
            serverDate: null,
            relayState: rng.chance(0.5) ? randomUnicode(rng, 40) : null,
            deflated: false,
            xml: rng.pick([
              '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" InResponseTo="_q"/>',
              '<x',
              randomUnicode(rng, 200),
              hugeString(rng, 100_000),
            ]),
            problem: null,
          })),
          privacy: {
            cookieRequests: 0,
            cookieResponses: 0,
            authorizationHeaders: 0,
            authorizationSchemes: [],
            passwordFields: [],
            tokensInUrls: 0,
            responseBodies: 0,
          },
          limits: { truncated: rng.chance(0.3), skippedEntries: [], skippedEntryCount: 0, elidedBodies: 0, droppedSteps: 0, droppedMessages: 0 },
        },
        ...(rng.chance(0.5) ? { mode: rng.pick(MODE_IDS), ids: { connectionId: `JQ${rng.hex(32)}` } } : {}),
      };
    case 'getTaskStatus':
    case 'cancelTask':
      return { taskId: someTaskId(rng, state) };
    case 'getIdpAdminStatus': {
      const target = adminTarget(rng, state);
      return { profileId: profileId(), connectionId: someConnectionId(rng, state), idp: target.idp, ...(rng.chance(0.8) ? { target } : {}) };
    }
    case 'setIdpCredential': {
      const secret = `fuzz-idp-secret-${rng.hex(12)}`;
      state.secrets.add(secret);
      const credential = rng.pick([
        { kind: 'api-token', token: secret },
        { kind: 'client-credentials', clientId: 'm2mFuzz', clientSecret: secret },
        { kind: 'management-token', token: secret },
      ]);
      return { target: adminTarget(rng, state), credential };
    }
    case 'forgetIdpCredential':
      return { target: adminTarget(rng, state) };
    case 'startIdpSignIn':
      return { target: rng.chance(0.8) ? { idp: 'azure-ad' } : adminTarget(rng, state), method: rng.pick(['browser', 'device-code']) };
    case 'startIdpPlan':
    case 'startIdpApply':
      return {
        profileId: profileId(),
        connectionId: someConnectionId(rng, state),
        target: adminTarget(rng, state),
        mode: rng.pick(MODE_IDS),
        ids: { connectionId: `JQ${rng.hex(32)}`, accountSid: `AC${rng.hex(32)}`, realmSid: `JB${rng.hex(32)}` },
        assignments: rng.chance(0.5)
          ? [{ principalType: 'group', principalId: rng.hex(8), role: rng.pick(['agent', 'admin', 'wfo.full_access', 'nope']) }]
          : [],
        ...(name === 'startIdpApply' ? { consentedSteps: rng.chance(0.5) ? ['create-app', 'create-client', 'set-sso-mode'] : [] } : {}),
      };
    case 'startIdpUndo':
      return { profileId: profileId(), connectionId: someConnectionId(rng, state), target: adminTarget(rng, state) };
    default:
      return {};
  }
}

/** One random edit of a request: a field dropped, replaced by garbage, or a nasty key added. */
function mutateRequest(rng: Rng, request: unknown): unknown {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return randomValue(rng);
  const copy: Record<string, unknown> = { ...(request as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length ? rng.pick(keys) : 'x';
  return rng.weighted<() => unknown>([
    [2, () => (delete copy[key], copy)],
    [3, () => ((copy[key] = randomValue(rng)), copy)],
    [2, () => ((copy[key] = typeof copy[key] === 'string' ? mutateString(rng, copy[key] as string) : randomString(rng)), copy)],
    [1, () => ((copy[key] = hugeString(rng)), copy)],
    [1, () => ((copy[key] = deepNesting(rng)), copy)],
    [1, () => ((copy[key] = rng.pick([1, true, null, [], {}, 'x', -1, NaN])), copy)],
    [2, () => pollutedJson(rng, copy)],
    [1, () => (Object.defineProperty(copy, rng.pick(NASTY_KEYS), { value: randomValue(rng), enumerable: true, configurable: true, writable: true }), copy)],
    [1, () => (typeof copy[key] === 'object' && copy[key] !== null ? ((copy[key] = mutateRequest(rng, copy[key])), copy) : copy)],
    [1, () => rng.pick([null, undefined, [], [copy], 'string', 42, true, new Date(), new Map([[key, 1]]), new Uint8Array(8)])],
  ])();
}

function rewriteUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    if (['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol) && !LOOPBACK.has(url.hostname)) return 'http://127.0.0.1:9/rewritten';
  } catch {
    // not a URL
  }
  return /^\/\/[^/]/.test(value.trim()) ? 'http://127.0.0.1:9/rewritten' : value;
}

/** Rewrites every string that could reach a host other than loopback; forbids allowRealLogin. Iterative: requests nest deeply. */
function keepLoopback(value: unknown): unknown {
  if (typeof value === 'string') return rewriteUrl(value);
  const stack: unknown[] = [value];
  const seen = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (typeof node[i] === 'string') node[i] = rewriteUrl(node[i] as string);
        else stack.push(node[i]);
      }
    } else if (Object.getPrototypeOf(node) === Object.prototype || Object.getPrototypeOf(node) === null) {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key === 'allowRealLogin' && record[key] === true) record[key] = false;
        else if (typeof record[key] === 'string') record[key] = rewriteUrl(record[key] as string);
        else stack.push(record[key]);
      }
    }
  }
  return value;
}

interface Call {
  name: string;
  request: unknown;
  style: string;
}

function generateCall(number: number, seed: number, state: State): Call {
  const rng = new Rng((seed ^ Math.imul(number + 1, 0x85ebca6b)) >>> 0);
  const style = rng.weighted<string>([
    [30, 'valid'],
    [35, 'mutated'],
    [20, 'random'],
    [5, 'polluted'],
    [3, 'unknown-call'],
  ]);
  if (style === 'unknown-call') {
    return {
      name: rng.pick([
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        '',
        'getAppInfo ',
        'GETAPPINFO',
        randomUnicode(rng, 30),
        hugeString(rng, 10_000),
      ]),
      request: {},
      style,
    };
  }
  // Calls that launch Chromium or write files are picked less often.
  const name = rng.weighted(API_CALLS.map((n) => [n === 'startLoginTest' || n === 'startPdfExport' ? 1 : 4, n] as const));
  const valid = validRequest(name, rng, state);
  let request: unknown;
  if (style === 'valid') request = valid;
  else if (style === 'mutated') {
    request = valid;
    for (let i = rng.int(1, 3); i > 0; i--) request = mutateRequest(rng, request);
  } else if (style === 'polluted') request = pollutedJson(rng, (typeof valid === 'object' && valid !== null ? valid : {}) as Record<string, unknown>);
  else request = randomValue(rng);
  return { name, request: keepLoopback(request), style };
}

// ------------------------------------------------------------------------------------------------
// Judging
// ------------------------------------------------------------------------------------------------

function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort().join(',')).join('|');
}

function judge(result: unknown, secrets: Set<string>): string | null {
  if (typeof result !== 'object' || result === null) return `answered ${printable(result, 200)}, not an object`;
  const r = result as Record<string, unknown>;
  const keys = Object.keys(r).sort().join(',');
  if (r.ok === true) {
    if (keys !== 'ok,value') return `answered ok with the keys ${keys}`;
  } else if (r.ok === false) {
    if (keys !== 'error,ok') return `answered not-ok with the keys ${keys}`;
    const error = r.error as Record<string, unknown> | null;
    if (typeof error !== 'object' || error === null) return 'answered not-ok without an error object';
    if (Object.keys(error).sort().join(',') !== 'code,message') return `error has the keys ${Object.keys(error).join(',')}, not code and message`;
    if (typeof error.code !== 'string' || !ERROR_CODES.has(error.code))
      return `error code ${printable(error.code, 100)} is not one of ${[...ERROR_CODES].join(', ')}`;
    if (typeof error.message !== 'string' || error.message.trim() === '') return 'error message is empty';
    const message = error.message;
    if (STACK_TRACE.test(message)) return `error message holds a stack trace: ${clip(message, 300)}`;
    if (/TypeError|ReferenceError|SyntaxError|RangeError|node_modules|\/electron\/services\//.test(message))
      return `error message exposes internals: ${clip(message, 300)}`;
    if (message.length > 10_000) return `error message is ${message.length} characters long`;
  } else {
    return `answered without ok: true/false (${printable(result, 200)})`;
  }
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    return `the answer cannot be serialised as JSON (${errorMessage(error)})`;
  }
  for (const secret of secrets) if (text.includes(secret)) return 'a secret value set through the API came back in an answer';
  return null;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | { timedOut: true } | { threw: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ value }),
        (threw: unknown) => ({ threw }),
      ),
      new Promise<{ timedOut: true }>((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function learn(name: string, result: ApiWireResult, state: State): void {
  if (!result.ok) return;
  const value = result.value as Record<string, unknown> | null;
  const profile = value && typeof value === 'object' ? (value.profile as { id?: unknown; connections?: Array<{ id?: unknown }> } | undefined) : undefined;
  if (profile && typeof profile.id === 'string' && !state.profileIds.includes(profile.id)) state.profileIds.push(profile.id);
  for (const connection of profile?.connections ?? [])
    if (typeof connection.id === 'string' && !state.connectionIds.includes(connection.id)) state.connectionIds.push(connection.id);
  if (value && typeof value.taskId === 'string') state.taskIds.push(value.taskId);
  // A deleted profile's id stays in the pool: calls on it are worth making too.
}

/**
 * The real services of the web host, with: a temporary user-data folder; a secret vault without a
 * keychain (memory only, the fuzz never writes to the machine's keychain); Twilio's API and the IdP
 * admin APIs pointed at the loopback server; the login test in headless Chromium.
 */
export function fuzzServices(dataFolder: string, twilioBaseUrl: string, log: (line: string) => void): Promise<ApiServices> {
  const loopback = new URL(twilioBaseUrl).origin;
  return createWebHostServices({
    dataFolder,
    secrets: new SecretVault(null, undefined, 'the fuzz runs without a keychain'),
    twilioBaseUrl,
    // "Set it up for me": Microsoft's sign-in at a closed loopback port, Graph at the garbage server, no browser opened.
    idpAdmin: { entra: { authorityHost: 'https://127.0.0.1:9', graphUrl: `${loopback}/graph`, loginUrl: loopback }, openBrowser: async () => undefined },
    loginBrowser: chromiumLoginBrowser({ headless: true }),
    log,
  });
}

export async function fuzzApi(options: ApiFuzzOptions): Promise<TargetReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const attempts = installLoopbackGuard();
  const attemptsBefore = attempts.length;
  const dataFolder = mkdtempSync(join(tmpdir(), 'flex-sso-fuzz-api-'));
  const metadataServer = await startLoopbackServer();
  const serviceLog: string[] = [];
  const services = await fuzzServices(dataFolder, `${metadataServer.base}/twilio`, (line) => void serviceLog.push(line));
  const handlers: ApiHandlers = createApiHandlers(services);
  const state: State = { profileIds: [], connectionIds: [], taskIds: [], taskStarts: new Map(), secrets: new Set(), metadataBase: metadataServer.base };
  const failures: FuzzFailure[] = [];
  const breakdown: Record<string, number> = {};
  const bump = (key: string): void => void (breakdown[key] = (breakdown[key] ?? 0) + 1);
  const before = prototypeSnapshot();
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  let runs = 0;
  const unhandled: string[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(errorMessage(reason));
  process.on('unhandledRejection', onUnhandled);
  try {
    const call = async (number: number, name: string, request: unknown, style: string): Promise<void> => {
      const shown = `${name}(${printable(request, 1500)})`;
      const outcome = await withTimeout(
        Promise.resolve().then(() => dispatchApiCall(handlers, name, request)),
        callTimeoutMs,
      );
      runs++;
      bump(`call ${API_CALLS.includes(name as ApiCallName) ? name : '(unknown name)'}`);
      bump(`style ${style}`);
      let problem: string | null;
      if ('timedOut' in outcome) problem = `did not answer within ${callTimeoutMs} ms: a hang`;
      else if ('threw' in outcome) problem = `threw instead of answering: ${errorMessage(outcome.threw)}`;
      else {
        problem = judge(outcome.value, state.secrets);
        if (!problem) {
          const result = outcome.value;
          bump(result.ok ? 'answer ok' : `answer ${result.error.code}`);
          learn(name, result, state);
          const started = result.ok ? (result.value as { taskId?: unknown } | null)?.taskId : undefined;
          if (typeof started === 'string') state.taskStarts.set(started, shown);
          // A login test launches Chromium: most are cancelled at once (cancelling while it starts is worth testing too).
          const taskId = result.ok ? (result.value as { taskId?: unknown } | null)?.taskId : undefined;
          if (name === 'startLoginTest' && typeof taskId === 'string' && number % 4 !== 0) await call(number, 'cancelTask', { taskId }, 'cancel-at-once');
        }
      }
      if (({} as Record<string, unknown>).polluted !== undefined || prototypeSnapshot() !== before)
        problem = `${problem ? `${problem}; ` : ''}Object.prototype (or Array/Function/String.prototype) was polluted`;
      if (attempts.length > attemptsBefore)
        problem = `${problem ? `${problem}; ` : ''}tried to connect outside loopback: ${attempts.slice(attemptsBefore).join(', ')}`;
      if (problem) {
        failures.push({
          case: number,
          replayable: number >= 0,
          problem: `${API_CALLS.includes(name as ApiCallName) ? name : 'unknown call'}: ${problem}`,
          input: shown,
          detail: 'value' in outcome ? printable(outcome.value, 600) : '',
        });
        log(`  ✘ api case ${number}: ${name}: ${problem}`);
        attempts.length = attemptsBefore;
      }
    };

    // First every call once with a plain valid request, then the generated ones.
    if (options.onlyCase === undefined) {
      const seedRng = new Rng(options.seed);
      for (const name of API_CALLS) await call(-1, name, keepLoopback(validRequest(name, seedRng, state)), 'valid');
    }
    const numbers = options.onlyCase !== undefined ? [options.onlyCase] : Array.from({ length: options.runs }, (_, i) => i);
    for (const number of numbers) {
      const { name, request, style } = generateCall(number, options.seed, state);
      await call(number, name, request, style);
    }
    // Every task started is cancelled and must then settle (not stay "running").
    for (const taskId of [...new Set(state.taskIds)]) {
      await call(-2, 'cancelTask', { taskId }, 'cleanup');
      const deadline = Date.now() + Number(process.env.FUZZ_SETTLE_MS ?? 45_000);
      let settled = false;
      let last: unknown = null;
      while (!settled && Date.now() < deadline) {
        const status = await dispatchApiCall(handlers, 'getTaskStatus', { taskId });
        last = status.ok ? status.value : status.error;
        settled = !status.ok || (status.value as { state?: string }).state !== 'running';
        if (!settled) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (!settled)
        failures.push({
          case: -2,
          problem: `task ${taskId} was still running ${Number(process.env.FUZZ_SETTLE_MS ?? 45_000) / 1000} s after cancelTask`,
          input: `cancelTask({ taskId: "${taskId}" }) after ${state.taskStarts.get(taskId) ?? 'its start'}`,
          detail: printable(last, 600),
        });
    }
  } finally {
    services.tasks.cancelAll();
    process.off('unhandledRejection', onUnhandled);
    await metadataServer.close();
    rmSync(dataFolder, { recursive: true, force: true });
  }
  for (const line of serviceLog) {
    for (const secret of state.secrets) {
      if (line.includes(secret)) {
        failures.push({ case: -4, problem: "a secret value set through the API appears in the services' log", input: '(whole run)', detail: clip(line, 300) });
        break;
      }
    }
  }
  if (unhandled.length)
    failures.push({
      case: -3,
      problem: `${unhandled.length} unhandled promise rejection(s) during the run`,
      input: '(whole run)',
      detail: clip(unhandled.slice(0, 3).join(' | ')),
    });
  breakdown['profiles made'] = state.profileIds.length;
  breakdown['tasks started'] = new Set(state.taskIds).size;
  breakdown['secrets set'] = state.secrets.size;
  return { target: 'api', seed: options.seed, runs, failures, breakdown, seconds: (performance.now() - started) / 1000 };
}
