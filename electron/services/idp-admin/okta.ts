import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { OKTA_SCOPES, oktaOrgUrlProblem } from '../../../shared/idp-admin/sign-in';
import type { DesiredSetup } from '../../../shared/idp-admin/desired';
import { AdminHttp, IdpAdminError, type AdminApiDescription, type RetryPolicy } from './admin-http';
import { checkAdminUrl } from './admin-url';
import { ClientCredentialsToken } from './client-credentials';
import type { CurrentState, IdpAdminProvider, PlanStep, SetupResult, StepContext, StepResult, UndoAction } from './types';

/** Okta management API: a SAML 2.0 app integration, its group assignments, its metadata. */

const BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const APPS_MANAGE = 'okta.apps.manage (an API token has it when its admin is a Super Administrator or Application Administrator)';
const APPS_READ = 'okta.apps.read';

export type OktaCredentials = { kind: 'api-token'; token: string } | { kind: 'private-key'; clientId: string; privateKeyPem: string };

interface OktaSignOn {
  [key: string]: unknown;
  ssoAcsUrl?: string;
  audience?: string;
  attributeStatements?: Array<{ type?: string; name?: string; namespace?: string; values?: string[] }>;
}

interface OktaApp {
  id: string;
  name?: string;
  label: string;
  status?: string;
  signOnMode: string;
  settings?: { signOn?: OktaSignOn };
  credentials?: { userNameTemplate?: { template?: string; type?: string } };
}

export interface OktaCurrent extends CurrentState {
  app: OktaApp | null;
  groupIds: string[];
}

const ERRORS: AdminApiDescription = {
  name: 'Okta',
  signInAgain: "Create a new API token (Security > API > Tokens) or check the service app's key, then try again.",
  grant: (permission) =>
    `For an API service app: Admin Console > Applications > Applications > the service app > Okta API Scopes > Grant ${permission.split(' ')[0]}, and give the app an admin role that may manage apps. For an API token: it acts as the admin who created it, who needs the Super Administrator or Application Administrator role.`,
  errorText: (body) => {
    const b = body as { errorSummary?: string; errorCauses?: Array<{ errorSummary?: string }> } | null;
    if (!b || typeof b !== 'object' || !b.errorSummary) return null;
    const causes = (b.errorCauses ?? []).map((c) => c.errorSummary).filter(Boolean);
    return [b.errorSummary, ...causes].join(' ');
  },
};

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Private-key JWT client authentication (RFC 7523), as Okta's service apps require. */
function clientAssertion(clientId: string, privateKeyPem: string, audience: string, now = Date.now()): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const iat = Math.floor(now / 1000);
  const payload = base64url(JSON.stringify({ iss: clientId, sub: clientId, aud: audience, iat, exp: iat + 300, jti: randomUUID() }));
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw new IdpAdminError(
      'bad-request',
      "The Okta service app's private key could not be read: give the PEM file of the key whose public half is registered on the app.",
    );
  }
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** The org's URL from what the admin typed, without a trailing slash. */
export function oktaOrgUrl(orgUrl: string): string {
  const admin = oktaOrgUrlProblem(orgUrl);
  if (admin) throw new IdpAdminError('bad-request', admin);
  return checkAdminUrl(orgUrl, 'Okta org URL').replace(/\/+$/, '');
}

export interface OktaProviderOptions {
  /** https://<org>.okta.com (http only on loopback, for tests). */
  orgUrl: string;
  credentials: OktaCredentials;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class OktaProvider implements IdpAdminProvider<OktaCurrent> {
  readonly idp = 'okta' as const;
  readonly tenant: string;
  private readonly http: AdminHttp;
  private readonly orgUrl: string;
  private readonly token = new ClientCredentialsToken();

  constructor(private readonly options: OktaProviderOptions) {
    this.orgUrl = oktaOrgUrl(options.orgUrl);
    this.tenant = new URL(this.orgUrl).host;
    this.http = new AdminHttp({
      baseUrl: this.orgUrl,
      api: ERRORS,
      authorization: () => this.authorization(),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  private async authorization(): Promise<string> {
    const { credentials } = this.options;
    if (credentials.kind === 'api-token') return `SSWS ${credentials.token}`;
    const tokenUrl = `${this.orgUrl}/oauth2/v1/token`;
    const token = await this.token.get({
      url: tokenUrl,
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: OKTA_SCOPES.join(' '),
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: clientAssertion(credentials.clientId, credentials.privateKeyPem, tokenUrl),
      }),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      unreachable: `Okta (${this.tenant}) could not be reached to sign in. Check the org URL and the network.`,
      defaultLifetimeSeconds: 3600,
      refused: ({ status, error, said }) => {
        const words = said ? ` Okta said: ${said}` : '';
        if (error === 'invalid_scope')
          return new IdpAdminError(
            'forbidden',
            `Okta did not grant the scopes ${OKTA_SCOPES.join(', ')} to the service app. ${ERRORS.grant('okta.apps.manage')}${words}`,
            status,
          );
        return new IdpAdminError(
          'unauthorized',
          `Okta refused the service app's sign-in (${status}): check the client id and that the key's public half is registered on the app.${words}`,
          status,
        );
      },
    });
    return `Bearer ${token}`;
  }

  private appBody(desired: DesiredSetup): Record<string, unknown> {
    return {
      label: desired.appName,
      signOnMode: 'SAML_2_0',
      credentials: { userNameTemplate: { template: '${source.email}', type: 'BUILT_IN' } },
      settings: { signOn: this.signOn(desired) },
    };
  }

  private signOn(desired: DesiredSetup): OktaSignOn {
    return {
      defaultRelayState: '',
      ssoAcsUrl: desired.acsUrl,
      recipient: desired.acsUrl,
      destination: desired.acsUrl,
      audience: desired.entityId,
      subjectNameIdTemplate: '${user.userName}',
      subjectNameIdFormat: UNSPECIFIED,
      responseSigned: desired.signing.responseSigned,
      assertionSigned: desired.signing.assertionSigned,
      signatureAlgorithm: 'RSA_SHA256',
      digestAlgorithm: 'SHA256',
      honorForceAuthn: true,
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      requestCompressed: false,
      allowMultipleAcsEndpoints: false,
      attributeStatements: desired.claims.map((claim) => ({ type: 'EXPRESSION', name: claim.name, namespace: BASIC, values: [claim.source] })),
    };
  }

  async checkAccess(signal: AbortSignal): Promise<void> {
    await this.http.request({ method: 'GET', path: '/api/v1/apps?limit=1', permission: APPS_READ, signal });
  }

  async readCurrent(desired: DesiredSetup, known: Record<string, string>, signal: AbortSignal): Promise<OktaCurrent> {
    let app: OktaApp | null = null;
    if (known.appId)
      app = await this.http.request<OktaApp>({
        method: 'GET',
        path: `/api/v1/apps/${encodeURIComponent(known.appId)}`,
        permission: APPS_READ,
        allowNotFound: true,
        signal,
      });
    if (!app) {
      const found = await this.http.request<OktaApp[]>({
        method: 'GET',
        path: `/api/v1/apps?q=${encodeURIComponent(desired.appName)}&limit=200`,
        permission: APPS_READ,
        signal,
      });
      app = (found ?? []).find((candidate) => candidate.signOnMode === 'SAML_2_0' && candidate.settings?.signOn?.audience === desired.entityId) ?? null;
    }
    if (!app) return { found: {}, app: null, groupIds: [] };
    const groups = await this.http.request<Array<{ id: string }>>({
      method: 'GET',
      path: `/api/v1/apps/${app.id}/groups?limit=200`,
      permission: APPS_READ,
      signal,
    });
    return { found: { appId: app.id, appName: app.name ?? '' }, app, groupIds: (groups ?? []).map((g) => g.id) };
  }

  plan(desired: DesiredSetup, current: OktaCurrent): PlanStep[] {
    const steps: PlanStep[] = [];
    const signOnWords = `Single sign on URL and Recipient/Destination ${desired.acsUrl}, Audience URI ${desired.entityId}, Name ID format Unspecified with the email as Application username, Response and Assertion Signature Signed with RSA-SHA256 and SHA256, Assertion Encryption Unencrypted, attribute statements ${desired.claims.map((c) => `${c.name} = ${c.source}`).join(', ')} (Name format Basic)`;
    if (!current.app) {
      steps.push({
        id: 'create-app',
        title: `Create the SAML 2.0 app integration "${desired.appName}": ${signOnWords}.`,
        permission: APPS_MANAGE,
        params: { body: this.appBody(desired) },
      });
    } else if (!this.matches(desired, current.app)) {
      steps.push({
        id: 'update-app',
        title: `Correct the SAML settings of "${current.app.label}" to: ${signOnWords}.`,
        permission: APPS_MANAGE,
        params: { body: this.appBody(desired) },
      });
    }
    for (const assignment of desired.assignments) {
      if (assignment.principalType !== 'group' || current.groupIds.includes(assignment.principalId)) continue;
      steps.push({
        id: `assign-group:${assignment.principalId}`,
        title: `Assign the group ${assignment.principalId} to the app (Assignments tab); its members' roles come from their User type.`,
        permission: APPS_MANAGE,
        params: { groupId: assignment.principalId },
      });
    }
    return steps;
  }

  private matches(desired: DesiredSetup, app: OktaApp): boolean {
    const want = this.signOn(desired);
    const have = app.settings?.signOn ?? {};
    if (app.label !== desired.appName || app.credentials?.userNameTemplate?.template !== '${source.email}') return false;
    return Object.entries(want).every(([key, value]) => JSON.stringify(comparable(key, have[key])) === JSON.stringify(comparable(key, value)));
  }

  async applyStep(step: PlanStep, context: StepContext): Promise<StepResult> {
    const { signal, outputs } = context;
    if (step.id === 'create-app') {
      const app = await this.http.request<OktaApp>({
        method: 'POST',
        path: '/api/v1/apps?activate=true',
        body: step.params.body,
        permission: APPS_MANAGE,
        signal,
      });
      if (!app?.id) throw new IdpAdminError('server', 'Okta created the app but did not say its id.');
      return {
        outputs: { appId: app.id, appName: app.name ?? '' },
        created: [{ kind: 'okta-app', id: app.id, label: app.label, consoleUrl: this.consoleUrl(app.id, app.name ?? '') }],
        undo: [{ kind: 'delete-app', title: `Deactivate and delete the app "${app.label}".`, params: { appId: app.id } }],
      };
    }
    const appId = outputs.appId;
    if (!appId) throw new IdpAdminError('not-found', 'The Okta app is not known yet; plan again.');
    if (step.id === 'update-app') {
      await this.http.request({ method: 'PUT', path: `/api/v1/apps/${appId}`, body: step.params.body, permission: APPS_MANAGE, signal });
      return {};
    }
    if (step.id.startsWith('assign-group:')) {
      const groupId = String(step.params.groupId);
      await this.http.request({
        method: 'PUT',
        path: `/api/v1/apps/${appId}/groups/${encodeURIComponent(groupId)}`,
        body: {},
        permission: APPS_MANAGE,
        retryNotFound: true,
        signal,
      });
      return { undo: [{ kind: 'unassign-group', title: `Remove the group ${groupId} from the app.`, params: { appId, groupId } }] };
    }
    throw new Error(`unknown Okta step ${step.id}`);
  }

  async undo(action: UndoAction, context: StepContext): Promise<void> {
    const { signal } = context;
    const appId = String(action.params.appId);
    if (action.kind === 'unassign-group') {
      await this.http.request({
        method: 'DELETE',
        path: `/api/v1/apps/${appId}/groups/${encodeURIComponent(String(action.params.groupId))}`,
        permission: APPS_MANAGE,
        allowNotFound: true,
        signal,
      });
      return;
    }
    if (action.kind === 'delete-app') {
      const exists = await this.http.request({
        method: 'POST',
        path: `/api/v1/apps/${appId}/lifecycle/deactivate`,
        permission: APPS_MANAGE,
        allowNotFound: true,
        signal,
      });
      if (exists === null) return;
      await this.http.request({ method: 'DELETE', path: `/api/v1/apps/${appId}`, permission: APPS_MANAGE, allowNotFound: true, signal });
      return;
    }
    throw new Error(`unknown Okta undo ${action.kind}`);
  }

  private consoleUrl(appId: string, appName: string): string {
    const url = new URL(this.orgUrl);
    if (url.hostname.endsWith('.okta.com') || url.hostname.endsWith('.oktapreview.com')) {
      const [org, ...rest] = url.hostname.split('.');
      url.hostname = [`${org}-admin`, ...rest].join('.');
    }
    return `${url.origin}/admin/app/${encodeURIComponent(appName || 'app')}/instance/${encodeURIComponent(appId)}/#tab-general`;
  }

  async result(outputs: Record<string, string>, signal: AbortSignal): Promise<SetupResult> {
    const appId = outputs.appId;
    if (!appId) throw new IdpAdminError('not-found', 'There is no Okta app to read the metadata of yet.');
    const app = await this.http.request<OktaApp & { credentials?: { signing?: { kid?: string } } }>({
      method: 'GET',
      path: `/api/v1/apps/${appId}`,
      permission: APPS_READ,
      retryNotFound: true,
      signal,
    });
    const kid = app?.credentials?.signing?.kid;
    if (!kid) throw new IdpAdminError('server', 'Okta did not say which key signs for the app (credentials.signing.kid).');
    const metadataXml =
      (await this.http.request<string>({
        method: 'GET',
        path: `/api/v1/apps/${appId}/sso/saml/metadata?kid=${encodeURIComponent(kid)}`,
        permission: APPS_READ,
        text: true,
        signal,
      })) ?? '';
    return {
      metadataXml,
      metadataUrl: `${this.orgUrl}/app/${appId}/sso/saml/metadata`,
      links: [{ kind: 'okta-app', id: appId, label: 'The app in the Okta Admin Console', consoleUrl: this.consoleUrl(appId, outputs.appName ?? '') }],
    };
  }
}

/** Okta answers attribute statements with extra defaults; compare only what the wizard sets. */
function comparable(key: string, value: unknown): unknown {
  if (key !== 'attributeStatements' || !Array.isArray(value)) return value ?? null;
  return (value as Array<{ name?: string; namespace?: string; values?: string[] }>)
    .map((s) => ({ name: s.name, namespace: s.namespace, values: s.values }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}
