import { createHash, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { idpMetadataXml } from '../idp-metadata';
import { createTestCertificate, type TestCertificate } from '../idps/keys';
import { bearer, startFakeApi, type FakeApi, type FakeCall, type FakeReply } from './fake-api-server';
import { createFakeSso, type FakeSso, type FakeSsoAnswer } from './fake-sso';
import { readOpenApi } from './openapi-subset';
import { SpecValidator } from './spec-validator';

/**
 * A FAKE Microsoft Entra tenant behind Microsoft Graph v1.0, for tests. Every Graph request is
 * validated against the project's trimmed Graph description (graph-trimmed.openapi.yaml, itself
 * checked against Microsoft's CSDL by a test). It reproduces documented behaviours: an instantiated
 * application is not visible at once (replication: 404 for the first reads/writes), a non-verified
 * identifier URI is refused until the service principal's preferredSingleSignOnMode is saml,
 * delegated scopes checked per call (403 Authorization_RequestDenied), and federation metadata
 * served at <login>/<tenant>/federationmetadata/2007-06/federationmetadata.xml?appid=… with the
 * preferred token-signing certificate (whose key the fake keeps so a test can sign a response).
 * Its sign-in side (`<login>/<tenant>/saml2`, SP-initiated) signs in a directory user and answers
 * as Entra would from the tenant's state: the app found by the request's issuer (its Identifier),
 * AADSTS50105 for a user without an app role assignment (directly or through a group), the claims of
 * the claims-mapping policy (Entra's default namespaced claims without one), the roles assigned,
 * signed with the preferred certificate as the token issuance policy says (assertion only by default).
 */

export const GRAPH_TRIMMED = new URL('./graph-trimmed.openapi.yaml', import.meta.url);
const OPERATIONS = Object.entries(readOpenApi(GRAPH_TRIMMED.pathname).paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((k) => k !== 'parameters')
    .map((method) => [method, path] as const),
);

interface FakeApp {
  id: string;
  appId: string;
  displayName: string;
  identifierUris: string[];
  tags: string[];
  web: { redirectUris: string[] };
  appRoles: Array<Record<string, unknown> & { id: string; value: string | null }>;
  tokenIssuancePolicies: string[];
}

interface FakeSp {
  id: string;
  appId: string;
  displayName: string;
  preferredSingleSignOnMode: string | null;
  preferredTokenSigningKeyThumbprint: string | null;
  appRoleAssignmentRequired: boolean;
  tags: string[];
  keyCredentials: Array<{ customKeyIdentifier: string; usage: string; type: string; keyId: string; displayName: string }>;
  claimsMappingPolicies: string[];
  assignments: Array<{ id: string; principalId: string; appRoleId: string; resourceId: string }>;
}

/** A user of the fake directory, with the groups it belongs to. */
export interface FakeGraphUser {
  username: string;
  password: string;
  id: string;
  mail: string;
  displayname: string;
  groups: string[];
}

const NAMEID_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';

export interface FakeGraph extends FakeApi {
  tenantId: string;
  graphUrl: string;
  loginUrl: string;
  apps: Map<string, FakeApp>;
  servicePrincipals: Map<string, FakeSp>;
  policies: Map<string, { kind: 'claims' | 'signing'; definition: string[]; displayName: string }>;
  /** Signing keys by thumbprint (hex), for a test to sign as Entra would. */
  signingKeys: Map<string, TestCertificate>;
  /** A delegated access token for these scopes (a JWT-shaped string with tid and scp). */
  issueToken(scopes: readonly string[]): string;
  /** Reads (or writes) to a just-instantiated object answer 404 this many times first (default 2). */
  setReplicationLag(lag: number): void;
  sso: FakeSso;
  close(): Promise<void>;
}

function graphError(status: number, code: string, message: string): FakeReply {
  return { status, body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } } };
}

function entraErrorPage(code: string, text: string): string {
  return `<!DOCTYPE html><html><head><title>Sign in to your account</title><script>$Config={"strServiceExceptionMessage":"${code}: ${text}"};</script></head><body><div id="error">${code}: ${text}</div></body></html>`;
}

export async function startFakeGraph(options: { replicationLag?: number; users?: FakeGraphUser[] } = {}): Promise<FakeGraph> {
  const validator = await SpecValidator.create(readOpenApi(GRAPH_TRIMMED.pathname), OPERATIONS);
  const tenantId = randomUUID();
  const tokens = new Map<string, string[]>();
  const apps = new Map<string, FakeApp>();
  const sps = new Map<string, FakeSp>();
  const policies = new Map<string, { kind: 'claims' | 'signing'; definition: string[]; displayName: string }>();
  const signingKeys = new Map<string, TestCertificate>();
  const unseen = new Map<string, number>();
  let baseUrl = '';
  const state = { replicationLag: options.replicationLag ?? 2 };

  const appJson = (app: FakeApp) => ({
    id: app.id,
    appId: app.appId,
    displayName: app.displayName,
    identifierUris: app.identifierUris,
    tags: app.tags,
    web: app.web,
    appRoles: app.appRoles,
  });
  const spJson = (sp: FakeSp) => ({
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName,
    preferredSingleSignOnMode: sp.preferredSingleSignOnMode,
    preferredTokenSigningKeyThumbprint: sp.preferredTokenSigningKeyThumbprint,
    appRoleAssignmentRequired: sp.appRoleAssignmentRequired,
    tags: sp.tags,
    keyCredentials: sp.keyCredentials,
  });
  const replicating = (id: string): boolean => {
    const left = unseen.get(id) ?? 0;
    if (left <= 0) return false;
    unseen.set(id, left - 1);
    return true;
  };
  const notFound = (id: string): FakeReply =>
    graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  const policyId = (ref: unknown): string =>
    String((ref as Record<string, string>)['@odata.id'])
      .split('/')
      .pop()!;

  const metadata = (call: FakeCall): FakeReply => {
    const appId = call.query.get('appid');
    const sp = [...sps.values()].find((s) => s.appId === appId);
    const key = sp?.preferredTokenSigningKeyThumbprint ? signingKeys.get(sp.preferredTokenSigningKeyThumbprint) : undefined;
    if (!sp || !key || !call.path.startsWith(`/login/${tenantId}/`))
      return { status: 404, text: '<html><body>AADSTS700016: Application not found in the directory.</body></html>', headers: { 'content-type': 'text/html' } };
    return {
      status: 200,
      text: idpMetadataXml({ issuer: `https://sts.windows.net/${tenantId}/`, certPem: key.certPem, ssoUrl: `${baseUrl}/login/${tenantId}/saml2` }),
    };
  };

  const handle = async (call: FakeCall): Promise<FakeReply> => {
    if (call.path.startsWith('/login/')) return metadata(call);
    const p = call.params;
    const app = p['application-id'] ? apps.get(p['application-id']) : undefined;
    const sp = p['servicePrincipal-id'] ? sps.get(p['servicePrincipal-id']) : undefined;
    if (p['application-id'] && (!app || replicating(app.id))) return notFound(p['application-id']);
    if (p['servicePrincipal-id'] && (!sp || replicating(sp.id))) return notFound(p['servicePrincipal-id']);
    const body = call.body as Record<string, unknown>;
    switch (call.operationId) {
      case 'applicationTemplates.applicationTemplate.instantiate': {
        if (p['applicationTemplate-id'] !== '8adf8e6e-67b2-4cf2-a259-e3dc5476c621')
          return graphError(404, 'Request_ResourceNotFound', 'That application template does not exist.');
        const appId = randomUUID();
        const created: FakeApp = {
          id: randomUUID(),
          appId,
          displayName: String(body.displayName),
          identifierUris: [],
          tags: [],
          web: { redirectUris: [] },
          appRoles: [
            {
              id: randomUUID(),
              value: 'msiam_access',
              displayName: 'msiam_access',
              description: 'msiam_access',
              allowedMemberTypes: ['User'],
              isEnabled: true,
              origin: 'Application',
            },
          ],
          tokenIssuancePolicies: [],
        };
        const principal: FakeSp = {
          id: randomUUID(),
          appId,
          displayName: created.displayName,
          preferredSingleSignOnMode: null,
          preferredTokenSigningKeyThumbprint: null,
          appRoleAssignmentRequired: true,
          tags: ['WindowsAzureActiveDirectoryCustomSingleSignOnApplication', 'WindowsAzureActiveDirectoryIntegratedApp'],
          keyCredentials: [],
          claimsMappingPolicies: [],
          assignments: [],
        };
        apps.set(created.id, created);
        sps.set(principal.id, principal);
        unseen.set(created.id, state.replicationLag);
        unseen.set(principal.id, state.replicationLag);
        return { status: 201, body: { application: appJson(created), servicePrincipal: spJson(principal) } };
      }
      case 'applications.application.ListApplication': {
        const tag = /tags\/any\(t:t eq '(.+)'\)/.exec(call.query.get('$filter') ?? '')?.[1]?.replace(/''/g, "'");
        return { status: 200, body: { value: [...apps.values()].filter((a) => !tag || a.tags.includes(tag)).map(appJson) } };
      }
      case 'applications.application.GetApplication':
        return { status: 200, body: appJson(app!) };
      case 'applications.application.UpdateApplication': {
        if (body.identifierUris) {
          const principal = [...sps.values()].find((s) => s.appId === app!.appId);
          const unverified = (body.identifierUris as string[]).some((uri) => !/^api:\/\//.test(uri));
          if (unverified && principal?.preferredSingleSignOnMode !== 'saml') {
            return graphError(
              400,
              'HostNameNotOnVerifiedDomain',
              'Values of identifierUris property must use a verified domain of the organization or its subdomain.',
            );
          }
          app!.identifierUris = body.identifierUris as string[];
        }
        if (body.web) app!.web = { redirectUris: ((body.web as Record<string, unknown>).redirectUris as string[]) ?? [] };
        if (body.tags) app!.tags = body.tags as string[];
        if (body.appRoles) app!.appRoles = body.appRoles as FakeApp['appRoles'];
        return { status: 204 };
      }
      case 'applications.application.DeleteApplication': {
        apps.delete(app!.id);
        for (const principal of [...sps.values()]) if (principal.appId === app!.appId) sps.delete(principal.id);
        return { status: 204 };
      }
      case 'applications.ListTokenIssuancePolicies':
        return {
          status: 200,
          body: {
            value: app!.tokenIssuancePolicies
              .filter((id) => policies.has(id))
              .map((id) => ({ id, displayName: policies.get(id)!.displayName, definition: policies.get(id)!.definition })),
          },
        };
      case 'applications.CreateRefTokenIssuancePolicies': {
        const id = policyId(body);
        if (policies.get(id)?.kind !== 'signing') return notFound(id);
        app!.tokenIssuancePolicies.push(id);
        return { status: 204 };
      }
      case 'servicePrincipals.servicePrincipal.ListServicePrincipal': {
        const appId = /appId eq '(.+)'/.exec(call.query.get('$filter') ?? '')?.[1];
        return { status: 200, body: { value: [...sps.values()].filter((s) => !appId || s.appId === appId).map(spJson) } };
      }
      case 'servicePrincipals.servicePrincipal.GetServicePrincipal':
        return { status: 200, body: spJson(sp!) };
      case 'servicePrincipals.servicePrincipal.UpdateServicePrincipal': {
        if ('preferredSingleSignOnMode' in body) sp!.preferredSingleSignOnMode = body.preferredSingleSignOnMode as string;
        if ('preferredTokenSigningKeyThumbprint' in body) {
          const thumbprint = body.preferredTokenSigningKeyThumbprint as string;
          if (!sp!.keyCredentials.some((k) => k.customKeyIdentifier === thumbprint))
            return graphError(400, 'Request_BadRequest', 'The thumbprint does not match a key credential of the service principal.');
          sp!.preferredTokenSigningKeyThumbprint = thumbprint;
        }
        return { status: 204 };
      }
      case 'servicePrincipals.servicePrincipal.addTokenSigningCertificate': {
        const key = await createTestCertificate({ commonName: 'Microsoft Azure Federated SSO Certificate' });
        const thumbprint = createHash('sha1').update(new X509Certificate(key.certPem).raw).digest('hex').toUpperCase();
        signingKeys.set(thumbprint, key);
        const keyId = randomUUID();
        sp!.keyCredentials.push({
          customKeyIdentifier: thumbprint,
          usage: 'Verify',
          type: 'AsymmetricX509Cert',
          keyId,
          displayName: String(body.displayName ?? 'CN=Microsoft Azure Federated SSO Certificate'),
        });
        return {
          status: 200,
          body: {
            customKeyIdentifier: thumbprint,
            thumbprint,
            displayName: body.displayName ?? null,
            endDateTime: body.endDateTime ?? null,
            keyId,
            key: Buffer.from(key.certPem).toString('base64'),
            startDateTime: new Date().toISOString(),
            type: 'AsymmetricX509Cert',
            usage: 'Verify',
          },
        };
      }
      case 'servicePrincipals.ListClaimsMappingPolicies':
        return {
          status: 200,
          body: {
            value: sp!.claimsMappingPolicies
              .filter((id) => policies.has(id))
              .map((id) => ({ id, displayName: policies.get(id)!.displayName, definition: policies.get(id)!.definition })),
          },
        };
      case 'servicePrincipals.CreateRefClaimsMappingPolicies': {
        const id = policyId(body);
        if (policies.get(id)?.kind !== 'claims') return notFound(id);
        if (sp!.claimsMappingPolicies.length > 0)
          return graphError(409, 'Request_MultipleObjectsWithSameKeyValue', 'A claims mapping policy is already assigned to this service principal.');
        sp!.claimsMappingPolicies.push(id);
        return { status: 204 };
      }
      case 'servicePrincipals.ListAppRoleAssignedTo':
        return { status: 200, body: { value: sp!.assignments } };
      case 'servicePrincipals.CreateAppRoleAssignedTo': {
        const owner = apps.get([...apps.values()].find((a) => a.appId === sp!.appId)?.id ?? '');
        if (!owner?.appRoles.some((r) => r.id === body.appRoleId))
          return graphError(400, 'Request_BadRequest', 'Permission being assigned was not found on application.');
        const assignment = {
          id: randomBytes(16).toString('base64url'),
          principalId: String(body.principalId),
          appRoleId: String(body.appRoleId),
          resourceId: sp!.id,
        };
        sp!.assignments.push(assignment);
        return { status: 201, body: assignment };
      }
      case 'policies.CreateClaimsMappingPolicies':
      case 'policies.CreateTokenIssuancePolicies': {
        const id = randomUUID();
        policies.set(id, {
          kind: call.operationId === 'policies.CreateClaimsMappingPolicies' ? 'claims' : 'signing',
          definition: body.definition as string[],
          displayName: String(body.displayName),
        });
        return { status: 201, body: { id, ...body } };
      }
      case 'policies.GetClaimsMappingPolicies':
      case 'policies.GetTokenIssuancePolicies': {
        const id = p['claimsMappingPolicy-id'] ?? p['tokenIssuancePolicy-id']!;
        return policies.has(id) ? { status: 200, body: { id, ...policies.get(id) } } : notFound(id);
      }
      case 'policies.DeleteClaimsMappingPolicies':
      case 'policies.DeleteTokenIssuancePolicies': {
        const id = p['claimsMappingPolicy-id'] ?? p['tokenIssuancePolicy-id']!;
        if (!policies.delete(id)) return notFound(id);
        return { status: 204 };
      }
      default:
        return graphError(501, 'NotImplemented', `the fake does not implement ${call.operationId}`);
    }
  };

  const users = options.users ?? [];
  const answer = async (_tenant: string, username: string, request: { acsUrl?: string; issuer?: string }): Promise<FakeSsoAnswer | string> => {
    const app = [...apps.values()].find((a) => a.identifierUris.includes(request.issuer ?? ''));
    if (!app) return entraErrorPage('AADSTS700016', `Application with identifier '${request.issuer ?? ''}' was not found in the directory.`);
    const sp = [...sps.values()].find((s) => s.appId === app.appId);
    const key = sp?.preferredTokenSigningKeyThumbprint ? signingKeys.get(sp.preferredTokenSigningKeyThumbprint) : undefined;
    if (!sp || sp.preferredSingleSignOnMode !== 'saml' || !key) return entraErrorPage('AADSTS50105', 'The application is not set up for SAML sign-in yet.');
    const user = users.find((u) => u.username === username)!;
    const roleIds = sp.assignments.filter((a) => a.principalId === user.id || user.groups.includes(a.principalId)).map((a) => a.appRoleId);
    if (roleIds.length === 0) return entraErrorPage('AADSTS50105', `The signed in user '${user.username}' is not assigned to a role for the application.`);
    const roles = app.appRoles.filter((r) => roleIds.includes(r.id)).map((r) => String(r.value));
    const source: Record<string, string | string[]> = {
      mail: user.mail,
      displayname: user.displayname,
      assignedroles: roles,
      userprincipalname: user.username,
    };
    const policy = sp.claimsMappingPolicies.map((id) => policies.get(id)).find(Boolean);
    const schema = policy
      ? ((JSON.parse(policy.definition[0] ?? '{}') as { ClaimsMappingPolicy?: { ClaimsSchema?: Array<{ ID: string; SamlClaimType: string }> } })
          .ClaimsMappingPolicy?.ClaimsSchema ?? [])
      : null;
    const claims: Record<string, string | string[]> = {};
    let nameId = user.username;
    if (schema) {
      for (const entry of schema) {
        const value = source[entry.ID.toLowerCase()] ?? '';
        if (entry.SamlClaimType === NAMEID_CLAIM) nameId = String(value);
        else claims[entry.SamlClaimType] = value;
      }
    } else {
      claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'] = user.mail;
      claims['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'] = user.username;
      claims['http://schemas.microsoft.com/ws/2008/06/identity/claims/role'] = roles;
    }
    const signing = app.tokenIssuancePolicies.map((id) => policies.get(id)).find(Boolean);
    const signingPolicy = signing
      ? ((JSON.parse(signing.definition[0] ?? '{}') as { TokenIssuancePolicy?: { TokenResponseSigningPolicy?: string } }).TokenIssuancePolicy
          ?.TokenResponseSigningPolicy ?? 'TokenOnly')
      : 'TokenOnly';
    const acsUrl = app.web.redirectUris.includes(request.acsUrl ?? '') ? request.acsUrl! : (app.web.redirectUris[0] ?? '');
    return {
      issuer: `https://sts.windows.net/${tenantId}/`,
      key,
      acsUrl,
      audience: app.identifierUris[0] ?? '',
      signResponse: signingPolicy !== 'TokenOnly',
      signAssertion: signingPolicy !== 'ResponseOnly',
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      nameId,
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      claims,
    };
  };
  const sso = createFakeSso({ accounts: users, appOf: (path) => (path === `/login/${tenantId}/saml2` ? tenantId : null), answer });

  const api = await startFakeApi({
    name: 'Microsoft Graph',
    raw: (request, response) => sso.handle(request, response),
    validator,
    unvalidated: (method, path) => method === 'GET' && path.startsWith('/login/'),
    invalidRequest: (message) => graphError(400, 'BadRequest', message),
    authenticate: (call) => {
      const token = bearer(call);
      const granted = token ? tokens.get(token) : undefined;
      if (!granted) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      if (!call.scopes.some((scope) => granted.includes(scope)))
        return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      return null;
    },
    handle,
  });
  baseUrl = api.baseUrl;
  const closeServer = api.close;
  return Object.assign(api, {
    tenantId,
    graphUrl: api.baseUrl,
    loginUrl: `${api.baseUrl}/login`,
    apps,
    servicePrincipals: sps,
    policies,
    signingKeys,
    issueToken: (scopes: readonly string[]) => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const token = `${part({ typ: 'JWT', alg: 'none' })}.${part({ tid: tenantId, scp: scopes.join(' '), aud: '00000003-0000-0000-c000-000000000000', nonce: randomUUID() })}.fake`;
      tokens.set(token, [...scopes]);
      return token;
    },
    setReplicationLag: (lag: number) => void (state.replicationLag = lag),
    sso,
    close: async () => {
      for (const key of signingKeys.values()) key.dispose();
      await closeServer();
    },
  });
}
