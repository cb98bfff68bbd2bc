import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { idpMetadataXml } from '../idp-metadata';
import type { TestCertificate } from '../idps/keys';
import { bearer, startFakeApi, type FakeApi, type FakeCall, type FakeReply } from './fake-api-server';
import { createFakeSso, type FakeSso, type FakeSsoAnswer } from './fake-sso';
import { readOpenApi } from './openapi-subset';
import { SpecValidator } from './spec-validator';

/**
 * A FAKE Okta org (management API) for tests: stateful apps and group assignments, every request
 * validated against Okta's published OpenAPI file (../shared/specs/okta-management-minimal.yaml).
 * It authenticates an API token (SSWS) or an OAuth service app (private-key JWT, scopes), signs
 * with a test certificate it hands out in the app's SAML metadata, and reproduces documented
 * behaviours: 403 with `insufficient_scope` for a missing scope, 429 with X-Rate-Limit-Reset, an
 * ACTIVE app cannot be deleted before it is deactivated. Its sign-in side (`/app/<name>/<id>/sso/saml`,
 * with a SAMLRequest or IdP-initiated without one) evaluates the app's attribute statements and Name
 * ID template for the signing-in user, signs as the app's settings say, and shows Okta's "not
 * assigned" page to a user outside the app's groups.
 */

export const OKTA_SPEC = new URL('../../../../shared/specs/okta-management-minimal.yaml', import.meta.url);

const OPERATIONS = [
  ['get', '/api/v1/apps'],
  ['post', '/api/v1/apps'],
  ['get', '/api/v1/apps/{appId}'],
  ['put', '/api/v1/apps/{appId}'],
  ['delete', '/api/v1/apps/{appId}'],
  ['post', '/api/v1/apps/{appId}/lifecycle/deactivate'],
  ['get', '/api/v1/apps/{appId}/groups'],
  ['put', '/api/v1/apps/{appId}/groups/{groupId}'],
  ['delete', '/api/v1/apps/{appId}/groups/{groupId}'],
  ['get', '/api/v1/apps/{appId}/sso/saml/metadata'],
] as const;

export interface FakeOktaApp {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
  groups: Set<string>;
  externalKey: string;
}

/** A user of the fake org (the profile attributes Okta expressions read) and their groups. */
export interface FakeOktaUser {
  username: string;
  password: string;
  profile: { email: string; firstName: string; lastName: string; userType: string };
  groups: string[];
}

/** Okta Expression Language, only as far as the checklist's statements use it. */
function evaluateOkta(expression: string, profile: FakeOktaUser['profile']): string {
  const literal = /^"([^"]*)"$/.exec(expression);
  if (literal) return literal[1]!;
  const attribute = /^(?:user|source)\.(\w+)$/.exec(expression);
  if (attribute) return String((profile as Record<string, string>)[attribute[1]!] ?? '');
  const join = /^String\.join\("([^"]*)",\s*(.+)\)$/.exec(expression);
  if (join)
    return join[2]!
      .split(',')
      .map((part) => evaluateOkta(part.trim(), profile))
      .join(join[1]!);
  const template = /^\$\{(?:user|source)\.(\w+)\}$/.exec(expression);
  if (template) return String((profile as Record<string, string>)[template[1]!] ?? '');
  throw new Error(`the fake Okta does not evaluate ${expression}`);
}

export interface FakeOkta extends FakeApi {
  apiToken: string;
  /** Registers an OAuth service app: its client id, public key (PEM) and granted scopes. */
  addServiceApp(clientId: string, publicKeyPem: string, scopes: string[]): void;
  apps: Map<string, FakeOktaApp>;
  groups: Set<string>;
  issuerOf(appId: string): string;
  ssoUrlOf(appId: string): string;
  sso: FakeSso;
}

function oktaError(status: number, code: string, summary: string, causes: string[] = []): FakeReply {
  return {
    status,
    body: {
      errorCode: code,
      errorSummary: summary,
      errorLink: code,
      errorId: `oae${randomBytes(8).toString('hex')}`,
      errorCauses: causes.map((c) => ({ errorSummary: c })),
    },
  };
}

function id(prefix: string): string {
  return `${prefix}${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function verifyAssertion(assertion: string, publicKeyPem: string, audience: string): { iss?: string } | null {
  const [header, payload, signature] = assertion.split('.');
  if (!header || !payload || !signature) return null;
  const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
  if (!ok) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; sub?: string; aud?: string; exp?: number };
  if (claims.aud !== audience || claims.iss !== claims.sub || (claims.exp ?? 0) * 1000 < Date.now()) return null;
  return claims;
}

export async function startFakeOkta(options: { signingKey: TestCertificate; groups?: string[]; users?: FakeOktaUser[]; apiToken?: string }): Promise<FakeOkta> {
  const validator = await SpecValidator.create(readOpenApi(OKTA_SPEC.pathname), OPERATIONS);
  const apiToken = options.apiToken ?? `00${randomBytes(20).toString('base64url')}`;
  const serviceApps = new Map<string, { publicKeyPem: string; scopes: string[] }>();
  const accessTokens = new Map<string, string[]>();
  const apps = new Map<string, FakeOktaApp>();
  const groups = new Set(options.groups ?? []);
  let baseUrl = '';

  const appJson = (app: FakeOktaApp): Record<string, unknown> => ({
    id: app.id,
    name: app.name,
    label: app.label,
    status: app.status,
    signOnMode: app.signOnMode,
    settings: app.settings,
    credentials: app.credentials,
    created: '2025-01-01T00:00:00.000Z',
    lastUpdated: '2025-01-01T00:00:00.000Z',
    _links: { metadata: { href: `${baseUrl}/api/v1/apps/${app.id}/sso/saml/metadata` } },
  });

  const issuerOf = (appId: string): string => `http://www.okta.com/${apps.get(appId)?.externalKey ?? 'unknown'}`;
  const ssoUrlOf = (appId: string): string => `${baseUrl}/app/${apps.get(appId)?.name ?? 'app'}/${appId}/sso/saml`;

  const token = async (call: FakeCall): Promise<FakeReply> => {
    const form = new URLSearchParams(call.rawBody);
    const assertion = form.get('client_assertion') ?? '';
    const clientId = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}').iss as string | undefined;
    const registered = clientId ? serviceApps.get(clientId) : undefined;
    if (!registered || !verifyAssertion(assertion, registered.publicKeyPem, `${baseUrl}/oauth2/v1/token`)) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'The client_assertion signature is invalid.' } };
    }
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const missing = asked.filter((scope) => !registered.scopes.includes(scope));
    if (missing.length > 0)
      return { status: 400, body: { error: 'invalid_scope', error_description: `The following scopes are not allowed: ${missing.join(', ')}` } };
    const access = randomBytes(24).toString('base64url');
    accessTokens.set(access, asked);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: access, scope: asked.join(' ') } };
  };

  const users = options.users ?? [];
  const answer = async (appId: string, username: string, request: { acsUrl?: string }): Promise<FakeSsoAnswer | string> => {
    const app = apps.get(appId);
    const user = users.find((u) => u.username === username);
    if (!app || !user || app.status !== 'ACTIVE') return '<!doctype html><title>Not found</title><p>404 Not found</p>';
    if (!user.groups.some((g) => app.groups.has(g))) {
      return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${app.label} - Error</title></head><body class="okta-container"><h1 class="error-title">Sorry, you can&#39;t access ${app.label} because you are not assigned this app in Okta.</h1></body></html>`;
    }
    const signOn = (app.settings.signOn ?? {}) as {
      ssoAcsUrl?: string;
      audience?: string;
      destination?: string;
      responseSigned?: boolean;
      assertionSigned?: boolean;
      signatureAlgorithm?: string;
      digestAlgorithm?: string;
      subjectNameIdFormat?: string;
      attributeStatements?: Array<{ name: string; values: string[] }>;
    };
    const template = (app.credentials.userNameTemplate as { template?: string } | undefined)?.template ?? '${source.login}';
    const claims = Object.fromEntries(
      (signOn.attributeStatements ?? []).map((statement) => [statement.name, evaluateOkta(statement.values[0] ?? '', user.profile)]),
    );
    return {
      issuer: issuerOf(appId),
      key: options.signingKey,
      acsUrl: signOn.destination ?? signOn.ssoAcsUrl ?? request.acsUrl ?? '',
      audience: signOn.audience ?? '',
      signResponse: signOn.responseSigned === true,
      signAssertion: signOn.assertionSigned === true,
      signatureAlgorithm: signOn.signatureAlgorithm === 'RSA_SHA1' ? 'rsa-sha1' : 'rsa-sha256',
      digestAlgorithm: signOn.digestAlgorithm === 'SHA1' ? 'sha1' : 'sha256',
      nameId: evaluateOkta(template, user.profile),
      nameIdFormat: signOn.subjectNameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      claims,
    };
  };
  const sso = createFakeSso({ accounts: users, appOf: (path) => /^\/app\/[^/]+\/([^/]+)\/sso\/saml$/.exec(path)?.[1] ?? null, answer });

  const api = await startFakeApi({
    name: 'Okta',
    raw: (request, response) => sso.handle(request, response),
    validator,
    unvalidated: (method, path) => method === 'POST' && path === '/oauth2/v1/token',
    invalidRequest: (message) => oktaError(400, 'E0000001', 'Api validation failed: the request does not match the API description.', [message]),
    authenticate: (call) => {
      const ssws = bearer(call, 'SSWS');
      if (ssws !== null) return ssws === apiToken ? null : oktaError(401, 'E0000011', 'Invalid token provided');
      const access = bearer(call);
      const granted = access ? accessTokens.get(access) : undefined;
      if (!granted) return oktaError(401, 'E0000011', 'Invalid token provided');
      if (!call.scopes.some((scope) => granted.includes(scope))) {
        return {
          ...oktaError(403, 'E0000006', 'You do not have permission to perform the requested action'),
          headers: {
            'www-authenticate': `Bearer authorization_uri="${baseUrl}/oauth2/v1/authorize", realm="${baseUrl}", scope="${call.scopes.join(' ')}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${call.path}"`,
          },
        };
      }
      return null;
    },
    handle: (call) => {
      if (call.path === '/oauth2/v1/token') return token(call);
      const app = call.params.appId ? apps.get(call.params.appId) : undefined;
      if (call.params.appId && !app) return oktaError(404, 'E0000007', `Not found: Resource not found: ${call.params.appId} (AppInstance)`);
      switch (call.operationId) {
        case 'listApplications': {
          const q = (call.query.get('q') ?? '').toLowerCase();
          return {
            status: 200,
            body: [...apps.values()].filter((a) => !q || a.label.toLowerCase().startsWith(q) || a.name.toLowerCase().startsWith(q)).map(appJson),
          };
        }
        case 'createApplication': {
          const body = call.body as { label: string; signOnMode: string; settings?: Record<string, unknown>; credentials?: Record<string, unknown> };
          const created: FakeOktaApp = {
            id: id('0oa'),
            name: `${body.label.toLowerCase().replace(/[^a-z0-9]+/g, '')}_1`,
            label: body.label,
            status: call.query.get('activate') === 'false' ? 'INACTIVE' : 'ACTIVE',
            signOnMode: body.signOnMode,
            settings: {
              app: {},
              ...body.settings,
              signOn: { ...((body.settings?.signOn as Record<string, unknown>) ?? {}), idpIssuer: 'http://www.okta.com/${org.externalKey}' },
            },
            credentials: { ...body.credentials, signing: { kid: 'fake-kid' } },
            groups: new Set(),
            externalKey: id('exk'),
          };
          apps.set(created.id, created);
          return { status: 200, body: appJson(created) };
        }
        case 'getApplication':
          return { status: 200, body: appJson(app!) };
        case 'replaceApplication': {
          const body = call.body as { label: string; settings?: Record<string, unknown>; credentials?: Record<string, unknown> };
          app!.label = body.label;
          app!.settings = { app: {}, ...body.settings };
          app!.credentials = { ...body.credentials, signing: { kid: 'fake-kid' } };
          return { status: 200, body: appJson(app!) };
        }
        case 'deactivateApplication':
          app!.status = 'INACTIVE';
          return { status: 200, body: {} };
        case 'deleteApplication':
          if (app!.status === 'ACTIVE')
            return oktaError(403, 'E0000056', 'Delete application forbidden.', ['Application must be deactivated before deletion.']);
          apps.delete(app!.id);
          return { status: 204 };
        case 'listApplicationGroupAssignments':
          return { status: 200, body: [...app!.groups].map((g) => ({ id: g, priority: 0, profile: {}, _links: {} })) };
        case 'assignGroupToApplication': {
          const groupId = call.params.groupId!;
          if (!groups.has(groupId)) return oktaError(404, 'E0000007', `Not found: Resource not found: ${groupId} (UserGroup)`);
          app!.groups.add(groupId);
          return { status: 200, body: { id: groupId, priority: 0, profile: {}, _links: {} } };
        }
        case 'unassignApplicationFromGroup':
          app!.groups.delete(call.params.groupId!);
          return { status: 204 };
        case 'previewSAMLmetadataForApplication':
        default:
          if (call.path.endsWith('/sso/saml/metadata')) {
            if (call.query.get('kid') !== 'fake-kid') return oktaError(404, 'E0000007', 'Not found: Resource not found: kid (Key)');
            return { status: 200, text: idpMetadataXml({ issuer: issuerOf(app!.id), certPem: options.signingKey.certPem, ssoUrl: ssoUrlOf(app!.id) }) };
          }
          return oktaError(501, 'E0000000', `the fake does not implement ${call.operationId}`);
      }
    },
  });
  baseUrl = api.baseUrl;
  return {
    ...api,
    apiToken,
    addServiceApp: (clientId, publicKeyPem, scopes) => void serviceApps.set(clientId, { publicKeyPem, scopes }),
    apps,
    groups,
    issuerOf,
    ssoUrlOf,
    sso,
  };
}
