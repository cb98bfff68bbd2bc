import { randomBytes, randomUUID } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { idpMetadataXml } from '../idp-metadata';
import type { TestCertificate } from '../idps/keys';
import { bearer, startFakeApi, type FakeApi, type FakeCall, type FakeReply } from './fake-api-server';
import { createFakeSso, type FakeSso, type FakeSsoAnswer } from './fake-sso';
import { readOpenApi } from './openapi-subset';
import { SpecValidator } from './spec-validator';

/**
 * A FAKE Auth0 tenant for tests: the Management API v2 (applications with add-ons, Actions, the
 * post-login trigger's bindings), the Authentication API's client-credentials grant, the SAML2
 * add-on's public metadata, and its sign-in (`/samlp/CLIENT_ID`).
 *
 * Every Management API request is validated against ../shared/specs/auth0-management-api-openapi.yml.
 * CAVEAT: that file is a THIRD-PARTY copy (api-evangelist/auth0), not published by Auth0, so a request
 * it accepts is only as right as that copy; where it and Auth0's documentation could differ, the
 * fake follows the documentation (Auth0's docs-v2 pages on the SAML2 add-on and on Actions).
 *
 * Reproduced behaviours: a token carries only the scopes granted to the machine-to-machine app (a
 * call without its scope answers 403 insufficient_scope); 429 with X-RateLimit-Reset; an Action is
 * built asynchronously (status pending, then built) and can be deployed only once built, and bound
 * to a trigger only once deployed; PATCH of a trigger's bindings replaces the whole list (so a
 * client that does not read first removes other people's Actions); an Action still bound cannot be
 * deleted; the add-on signs with SHA-1 and signs the assertion (not the response) unless its
 * settings say otherwise; the Login flow runs the deployed code of every bound Action (in node:vm)
 * to build the SAML attributes. Assumed (not documented word for word): the error texts for
 * deploying an unbuilt Action, binding an undeployed one and deleting a bound one.
 */

export const AUTH0_SPEC = new URL('../../../../shared/specs/auth0-management-api-openapi.yml', import.meta.url);

const OPERATIONS = [
  ['get', '/clients'],
  ['post', '/clients'],
  ['get', '/clients/{id}'],
  ['patch', '/clients/{id}'],
  ['delete', '/clients/{id}'],
  ['get', '/actions/actions'],
  ['post', '/actions/actions'],
  ['get', '/actions/actions/{id}'],
  ['patch', '/actions/actions/{id}'],
  ['delete', '/actions/actions/{id}'],
  ['post', '/actions/actions/{id}/deploy'],
  ['get', '/actions/triggers/{triggerId}/bindings'],
  ['patch', '/actions/triggers/{triggerId}/bindings'],
] as const;

export interface FakeAuth0Client {
  client_id: string;
  client_secret: string;
  name: string;
  app_type: string;
  callbacks: string[];
  allowed_logout_urls: string[];
  addons: Record<string, Record<string, unknown>>;
  client_metadata: Record<string, string>;
}

export interface FakeAuth0Action {
  id: string;
  name: string;
  code: string;
  runtime: string;
  supported_triggers: Array<{ id: string; version?: string }>;
  /** GETs still answering "pending" before the build is done. */
  buildLeft: number;
  deployedCode: string | null;
  deployedNumber: number;
}

export interface FakeAuth0Binding {
  id: string;
  actionId: string;
  display_name: string;
}

/** A user of the fake tenant's database connection, as an Action's `event.user` sees it. */
export interface FakeAuth0User {
  username: string;
  password: string;
  user_id: string;
  email: string;
  name: string;
  app_metadata: Record<string, unknown>;
}

export interface FakeAuth0 extends FakeApi {
  /** The Auth0 tenant domain as Auth0 would name it (used for the issuer: urn:<domain>). */
  tenantDomain: string;
  clients: Map<string, FakeAuth0Client>;
  actions: Map<string, FakeAuth0Action>;
  /** The post-login trigger's bindings, in order. */
  bindings: FakeAuth0Binding[];
  users: FakeAuth0User[];
  sso: FakeSso;
  /** Registers a machine-to-machine application authorized for the Management API with these scopes. */
  addMachineApp(clientId: string, clientSecret: string, scopes: readonly string[]): void;
  /** Adds an Action someone else deployed and bound (the wizard must leave it alone). */
  addForeignAction(name: string, code: string): FakeAuth0Action;
  /** GETs of a new or changed Action answering "pending" before it is built (default 1). */
  setBuildLag(lag: number): void;
  issuer: string;
  ssoUrlOf(clientId: string): string;
}

function auth0Error(status: number, error: string, message: string, errorCode?: string): FakeReply {
  return { status, body: { statusCode: status, error, message, ...(errorCode ? { errorCode } : {}) } };
}

function clientId(): string {
  return randomBytes(24).toString('base64url').replace(/[-_]/g, 'x').slice(0, 32);
}

/** Runs the Login flow's bound Actions as Auth0 would for one login: their setAttribute calls. */
async function runPostLogin(
  codes: string[],
  event: Record<string, unknown>,
): Promise<{ attributes: Record<string, string | string[]>; denied: string | null }> {
  const attributes: Record<string, string | string[]> = {};
  let denied: string | null = null;
  const api = {
    samlResponse: { setAttribute: (name: string, value: unknown) => void (attributes[name] = Array.isArray(value) ? value.map(String) : String(value)) },
    access: { deny: (reason: string) => void (denied = reason) },
  };
  for (const code of codes) {
    const sandbox: { exports: Record<string, unknown> } = { exports: {} };
    runInNewContext(code, sandbox, { timeout: 1000 });
    const handler = sandbox.exports.onExecutePostLogin as ((e: unknown, a: unknown) => Promise<void>) | undefined;
    if (handler) await handler(event, api);
    if (denied) break;
  }
  return { attributes, denied };
}

const PROFILE_CLAIMS: Record<string, string> = {
  user_id: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
  email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
};

export async function startFakeAuth0(options: { signingKey: TestCertificate; users?: FakeAuth0User[] }): Promise<FakeAuth0> {
  const validator = await SpecValidator.create(readOpenApi(AUTH0_SPEC.pathname), OPERATIONS);
  const machineApps = new Map<string, { secret: string; scopes: string[] }>();
  const tokens = new Map<string, string[]>();
  const clients = new Map<string, FakeAuth0Client>();
  const actions = new Map<string, FakeAuth0Action>();
  const bindings: FakeAuth0Binding[] = [];
  const state = { buildLag: 1 };
  const replaceBindings = (next: FakeAuth0Binding[]): void => void bindings.splice(0, bindings.length, ...next);
  const users = options.users ?? [];
  const tenantDomain = 'fake-tenant.us.auth0.com';
  const issuer = `urn:${tenantDomain}`;
  let baseUrl = '';

  const clientJson = (c: FakeAuth0Client, fields?: string | null): Record<string, unknown> => {
    const full: Record<string, unknown> = {
      client_id: c.client_id,
      tenant: 'fake-tenant',
      global: false,
      is_first_party: true,
      name: c.name,
      app_type: c.app_type,
      callbacks: c.callbacks,
      allowed_logout_urls: c.allowed_logout_urls,
      addons: c.addons,
      client_metadata: c.client_metadata,
    };
    if (!fields) return full;
    const wanted = new Set(fields.split(','));
    return Object.fromEntries(Object.entries(full).filter(([key]) => wanted.has(key)));
  };
  const actionStatus = (a: FakeAuth0Action): string => {
    if (a.buildLeft > 0) {
      a.buildLeft -= 1;
      return 'pending';
    }
    return 'built';
  };
  const actionJson = (a: FakeAuth0Action, countBuild = true): Record<string, unknown> => ({
    id: a.id,
    name: a.name,
    supported_triggers: a.supported_triggers,
    code: a.code,
    runtime: a.runtime,
    status: countBuild ? actionStatus(a) : a.buildLeft > 0 ? 'pending' : 'built',
    all_changes_deployed: a.deployedCode === a.code,
    ...(a.deployedCode !== null
      ? {
          deployed_version: {
            id: `${a.id}-v${a.deployedNumber}`,
            action_id: a.id,
            code: a.deployedCode,
            deployed: true,
            number: a.deployedNumber,
            status: 'built',
            runtime: a.runtime,
          },
        }
      : {}),
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
  });
  const bindingJson = (b: FakeAuth0Binding): Record<string, unknown> => {
    const action = actions.get(b.actionId)!;
    return {
      id: b.id,
      trigger_id: 'post-login',
      display_name: b.display_name,
      action: { id: action.id, name: action.name, supported_triggers: action.supported_triggers, all_changes_deployed: action.deployedCode === action.code },
    };
  };

  const token = (call: FakeCall): FakeReply => {
    const body = (typeof call.body === 'object' && call.body ? call.body : Object.fromEntries(new URLSearchParams(call.rawBody))) as Record<string, string>;
    const app = machineApps.get(body.client_id ?? '');
    if (body.grant_type !== 'client_credentials' || !app || app.secret !== body.client_secret)
      return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
    if (body.audience !== `${baseUrl}/api/v2/` || app.scopes.length === 0) {
      return {
        status: 403,
        body: {
          error: 'access_denied',
          error_description: `Client is not authorized to access "${body.audience}". You need to create a "client-grant" associated to this API.`,
        },
      };
    }
    const access = randomBytes(24).toString('base64url');
    tokens.set(access, app.scopes);
    return { status: 200, body: { access_token: access, scope: app.scopes.join(' '), expires_in: 86400, token_type: 'Bearer' } };
  };

  const metadata = (id: string): FakeReply => {
    const client = clients.get(id);
    if (!client?.addons.samlp) return { status: 404, text: 'Not Found', headers: { 'content-type': 'text/plain' } };
    return {
      status: 200,
      text: idpMetadataXml({ issuer: String(client.addons.samlp.issuer ?? issuer), certPem: options.signingKey.certPem, ssoUrl: `${baseUrl}/samlp/${id}` }),
    };
  };

  const answer = async (id: string, username: string, request: { acsUrl?: string; issuer?: string }): Promise<FakeSsoAnswer | string> => {
    const client = clients.get(id);
    const settings = client?.addons.samlp;
    const user = users.find((u) => u.username === username);
    if (!client || !settings || !user) return '<!doctype html><title>Error</title><p>invalid_request: the client does not exist or has no SAML2 add-on.</p>';
    const profile: Record<string, unknown> = { user_id: user.user_id, email: user.email, name: user.name };
    const mappings = (settings.mappings ?? {}) as Record<string, string>;
    const claims: Record<string, string | string[]> = {};
    for (const [field, value] of Object.entries(profile)) {
      const mapped = mappings[field];
      if (mapped) claims[mapped] = String(value);
      else if (settings.passthroughClaimsWithNoMapping !== false) claims[PROFILE_CLAIMS[field] ?? `http://schema.auth0.com/${field}`] = String(value);
    }
    const codes = bindings.map((b) => actions.get(b.actionId)?.deployedCode).filter((code): code is string => !!code);
    const flow = await runPostLogin(codes, {
      client: { client_id: client.client_id, name: client.name },
      user: { user_id: user.user_id, email: user.email, name: user.name, app_metadata: user.app_metadata },
    });
    if (flow.denied) return `<!doctype html><title>Error</title><p>access_denied: ${flow.denied}</p>`;
    for (const [name, value] of Object.entries(flow.attributes)) {
      const known = name.includes(':') || settings.mapUnknownClaimsAsIs === true;
      claims[known ? name : `http://schema.auth0.com/${name}`] = value;
    }
    const probes = (settings.nameIdentifierProbes as string[] | undefined) ?? [PROFILE_CLAIMS.user_id!, PROFILE_CLAIMS.email!, PROFILE_CLAIMS.name!];
    const byClaim: Record<string, string> = { [PROFILE_CLAIMS.user_id!]: user.user_id, [PROFILE_CLAIMS.email!]: user.email, [PROFILE_CLAIMS.name!]: user.name };
    const acsUrl = client.callbacks[0] ?? request.acsUrl ?? '';
    return {
      issuer: String(settings.issuer ?? issuer),
      key: options.signingKey,
      acsUrl: String(settings.destination ?? acsUrl),
      audience: String(settings.audience ?? request.issuer ?? ''),
      signResponse: settings.signResponse === true,
      signAssertion: settings.signResponse !== true,
      signatureAlgorithm: settings.signatureAlgorithm === 'rsa-sha256' ? 'rsa-sha256' : 'rsa-sha1',
      digestAlgorithm: settings.digestAlgorithm === 'sha256' ? 'sha256' : 'sha1',
      nameId: probes.map((p) => byClaim[p]).find(Boolean) ?? user.user_id,
      nameIdFormat: String(settings.nameIdentifierFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'),
      claims,
    };
  };

  const sso = createFakeSso({
    accounts: users,
    appOf: (path) => /^\/samlp\/([A-Za-z0-9]+)$/.exec(path)?.[1] ?? null,
    answer,
  });

  const handle = (call: FakeCall): FakeReply => {
    if (call.path === '/oauth/token') return token(call);
    if (call.path.startsWith('/samlp/metadata/')) return metadata(call.path.split('/').pop() ?? '');
    const body = (call.body ?? {}) as Record<string, unknown>;
    const client = call.params.id && call.operationId.includes('clients') ? clients.get(call.params.id) : undefined;
    const action = call.params.id && call.operationId.includes('action') ? actions.get(call.params.id) : undefined;
    switch (call.operationId) {
      case 'get_clients': {
        const appType = call.query.get('app_type');
        const page = Number(call.query.get('page') ?? 0);
        const perPage = Number(call.query.get('per_page') ?? 50);
        const all = [...clients.values()].filter((c) => !appType || appType.split(',').includes(c.app_type));
        const slice = all.slice(page * perPage, (page + 1) * perPage).map((c) => clientJson(c, call.query.get('fields')));
        return {
          status: 200,
          body: call.query.get('include_totals') === 'true' ? { start: page * perPage, limit: perPage, total: all.length, clients: slice } : slice,
        };
      }
      case 'post_clients': {
        const created: FakeAuth0Client = {
          client_id: clientId(),
          client_secret: randomBytes(32).toString('base64url'),
          name: String(body.name),
          app_type: String(body.app_type ?? 'regular_web'),
          callbacks: (body.callbacks as string[] | undefined) ?? [],
          allowed_logout_urls: (body.allowed_logout_urls as string[] | undefined) ?? [],
          addons: (body.addons as FakeAuth0Client['addons'] | undefined) ?? {},
          client_metadata: (body.client_metadata as Record<string, string> | undefined) ?? {},
        };
        clients.set(created.client_id, created);
        return { status: 201, body: { ...clientJson(created), client_secret: created.client_secret } };
      }
      case 'get_clients_by_id':
        return client
          ? { status: 200, body: clientJson(client, call.query.get('fields')) }
          : auth0Error(404, 'Not Found', 'The client does not exist', 'inexistent_client');
      case 'patch_clients_by_id': {
        if (!client) return auth0Error(404, 'Not Found', 'The client does not exist', 'inexistent_client');
        for (const key of ['name', 'callbacks', 'allowed_logout_urls', 'client_metadata', 'app_type'] as const)
          if (key in body) (client as unknown as Record<string, unknown>)[key] = body[key];
        if (body.addons) client.addons = { ...client.addons, ...(body.addons as FakeAuth0Client['addons']) };
        return { status: 200, body: clientJson(client) };
      }
      case 'delete_clients_by_id':
        if (!client) return auth0Error(404, 'Not Found', 'The client does not exist', 'inexistent_client');
        clients.delete(client.client_id);
        return { status: 204 };
      case 'get_actions': {
        const name = call.query.get('actionName');
        const trigger = call.query.get('triggerId');
        const found = [...actions.values()].filter((a) => (!name || a.name === name) && (!trigger || a.supported_triggers.some((t) => t.id === trigger)));
        return { status: 200, body: { total: found.length, page: 0, per_page: 50, actions: found.map((a) => actionJson(a, false)) } };
      }
      case 'post_action': {
        if ([...actions.values()].some((a) => a.name === body.name)) return auth0Error(409, 'Conflict', 'An action with the same name already exists.');
        const created: FakeAuth0Action = {
          id: randomUUID(),
          name: String(body.name),
          code: String(body.code ?? ''),
          runtime: String(body.runtime ?? 'node22'),
          supported_triggers: body.supported_triggers as FakeAuth0Action['supported_triggers'],
          buildLeft: state.buildLag,
          deployedCode: null,
          deployedNumber: 0,
        };
        actions.set(created.id, created);
        return { status: 201, body: actionJson(created, false) };
      }
      case 'get_action':
        return action ? { status: 200, body: actionJson(action) } : auth0Error(404, 'Not Found', 'The action does not exist.');
      case 'patch_action':
        if (!action) return auth0Error(404, 'Not Found', 'Action not found and cannot be updated.');
        if (typeof body.code === 'string') {
          action.code = body.code;
          action.buildLeft = state.buildLag;
        }
        return { status: 200, body: actionJson(action, false) };
      case 'delete_action':
        if (!action) return auth0Error(404, 'Not Found', 'The action does not exist.');
        if (bindings.some((b) => b.actionId === action.id) && call.query.get('force') !== 'true')
          return auth0Error(400, 'Bad Request', 'The action is bound to a trigger; remove it from the flow before deleting it.');
        replaceBindings(bindings.filter((b) => b.actionId !== action.id));
        actions.delete(action.id);
        return { status: 204 };
      case 'post_deploy_action': {
        if (!action) return auth0Error(404, 'Not Found', 'The action does not exist.');
        if (action.buildLeft > 0) return auth0Error(400, 'Bad Request', 'The action is still being built; deploy it once its status is built.');
        action.deployedCode = action.code;
        action.deployedNumber += 1;
        return {
          status: 202,
          body: {
            id: `${action.id}-v${action.deployedNumber}`,
            action_id: action.id,
            code: action.code,
            deployed: true,
            number: action.deployedNumber,
            status: 'built',
            runtime: action.runtime,
          },
        };
      }
      case 'get_bindings':
        if (call.params.triggerId !== 'post-login') return { status: 200, body: { total: 0, page: 0, per_page: 20, bindings: [] } };
        {
          const page = Number(call.query.get('page') ?? 0);
          const perPage = Number(call.query.get('per_page') ?? 20);
          return {
            status: 200,
            body: { total: bindings.length, page, per_page: perPage, bindings: bindings.slice(page * perPage, (page + 1) * perPage).map(bindingJson) },
          };
        }
      case 'patch_bindings': {
        const next: FakeAuth0Binding[] = [];
        for (const item of (body.bindings as Array<{ ref: { type?: string; value?: string }; display_name?: string }> | undefined) ?? []) {
          const ref = item.ref;
          const target =
            ref.type === 'binding_id'
              ? bindings.find((b) => b.id === ref.value)?.actionId
              : ref.type === 'action_id'
                ? ref.value
                : [...actions.values()].find((a) => a.name === ref.value)?.id;
          const bound = target ? actions.get(target) : undefined;
          if (!bound) return auth0Error(400, 'Bad Request', `Action ${String(ref.value)} does not exist.`);
          if (bound.deployedCode === null)
            return auth0Error(400, 'Bad Request', `The action ${bound.name} has not been deployed; deploy it before binding it.`);
          next.push({ id: ref.type === 'binding_id' ? String(ref.value) : randomUUID(), actionId: bound.id, display_name: item.display_name ?? bound.name });
        }
        replaceBindings(next);
        return { status: 200, body: { bindings: next.map(bindingJson) } };
      }
      default:
        return auth0Error(501, 'Not Implemented', `the fake does not implement ${call.operationId}`);
    }
  };

  const api = await startFakeApi({
    name: 'Auth0',
    validator,
    basePath: '/api/v2',
    raw: (request, response) => sso.handle(request, response),
    unvalidated: (method, path) => (method === 'POST' && path === '/oauth/token') || (method === 'GET' && path.startsWith('/samlp/metadata/')),
    invalidRequest: (message) => auth0Error(400, 'Bad Request', `Payload validation error: ${message}`, 'invalid_body'),
    authenticate: (call) => {
      const access = bearer(call);
      const granted = access ? tokens.get(access) : undefined;
      if (!granted) return auth0Error(401, 'Unauthorized', 'Invalid token');
      if (!call.scopes.some((scope) => granted.includes(scope)))
        return auth0Error(403, 'Forbidden', `Insufficient scope, expected any of: ${call.scopes.join(',')}`, 'insufficient_scope');
      return null;
    },
    handle,
  });
  baseUrl = api.baseUrl;
  return Object.assign(api, {
    tenantDomain,
    clients,
    actions,
    bindings,
    users,
    sso,
    issuer,
    addMachineApp: (id: string, secret: string, scopes: readonly string[]) => void machineApps.set(id, { secret, scopes: [...scopes] }),
    addForeignAction: (name: string, code: string) => {
      const foreign: FakeAuth0Action = {
        id: randomUUID(),
        name,
        code,
        runtime: 'node22',
        supported_triggers: [{ id: 'post-login', version: 'v3' }],
        buildLeft: 0,
        deployedCode: code,
        deployedNumber: 1,
      };
      actions.set(foreign.id, foreign);
      bindings.push({ id: randomUUID(), actionId: foreign.id, display_name: name });
      return foreign;
    },
    setBuildLag: (lag: number) => void (state.buildLag = lag),
    ssoUrlOf: (id: string) => `${baseUrl}/samlp/${id}`,
  }) as FakeAuth0;
}
