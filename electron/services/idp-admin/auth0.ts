import type { DesiredSetup } from '../../../shared/idp-admin/desired';
import { AUTH0_SCOPES } from '../../../shared/idp-admin/sign-in';
import { AdminHttp, IdpAdminError, type AdminApiDescription, type RetryPolicy } from './admin-http';
import { checkAdminUrl } from './admin-url';
import { ClientCredentialsToken } from './client-credentials';
import type { CreatedObject, CurrentState, IdpAdminProvider, PlanStep, SetupResult, StepContext, StepResult, UndoAction } from './types';

export { AUTH0_SCOPES };

/**
 * Auth0 through the Management API v2: a Regular Web Application with the SAML2 Web App add-on,
 * the Post-Login Action that sends `roles` (created, deployed, and added to the Login flow by
 * reading the flow's bindings and writing them back with ours added: other Actions stay), its
 * callbacks, and the add-on's metadata (`https://TENANT/samlp/metadata/CLIENT_ID`).
 *
 * The official `auth0` npm package is not used: its ManagementClient builds `https://<domain>/api/v2`
 * itself, so it cannot be pointed at the FAKE tenant on http://127.0.0.1 the tests hold to the
 * API description, and it has its own retry and error types. The shared AdminHttp layer gives the
 * same retries, Retry-After handling and admin-worded errors as the Entra and Okta providers.
 */

/** The Management API scopes the machine-to-machine application needs, all named in the plan. */

/** client_metadata key that marks the application the wizard created (value: the wizard's marker). */
export const AUTH0_MARKER_KEY = 'flex_sso_wizard';
const TRIGGER = 'post-login';
const CLIENT_FIELDS = 'client_id,name,app_type,callbacks,allowed_logout_urls,addons,client_metadata';
const MAX_PAGES = 50;

export type Auth0Credentials =
  /** A machine-to-machine application authorized for the Management API (client credentials). */
  | { kind: 'client-credentials'; clientId: string; clientSecret: string }
  /** A Management API token (Dashboard > Applications > APIs > Auth0 Management API > API Explorer). */
  | { kind: 'management-token'; token: string };

interface Auth0Client {
  client_id: string;
  name?: string;
  app_type?: string;
  callbacks?: string[];
  allowed_logout_urls?: string[];
  addons?: Record<string, Record<string, unknown> | undefined>;
  client_metadata?: Record<string, string>;
}

interface Auth0Action {
  id: string;
  name: string;
  code?: string;
  status?: string;
  all_changes_deployed?: boolean;
  deployed_version?: { code?: string } | null;
}

interface Auth0Binding {
  id: string;
  display_name?: string;
  action?: { id: string; name?: string };
}

export interface Auth0Current extends CurrentState {
  client: Auth0Client | null;
  action: Auth0Action | null;
  bound: boolean;
}

function grantWords(scope: string): string {
  return `In the Auth0 Dashboard open Applications > APIs > Auth0 Management API > Machine To Machine Applications, expand the wizard's machine-to-machine application, tick ${scope} and select Update (a Management API token must be issued again with that scope).`;
}

const ERRORS: AdminApiDescription = {
  name: 'The Auth0 Management API',
  signInAgain:
    "Check the machine-to-machine application's Client ID and Client Secret (Applications > Applications > the application > Settings) and try again.",
  grant: grantWords,
  errorText: (body) => {
    const b = body as { message?: unknown; error_description?: unknown } | null;
    if (!b || typeof b !== 'object') return null;
    const text = typeof b.message === 'string' ? b.message : typeof b.error_description === 'string' ? b.error_description : null;
    return text;
  },
};

/** The Dashboard's address for a tenant domain such as `acme.eu.auth0.com` (US tenants have no region label). */
export function auth0DashboardBase(domain: string): string | null {
  const match = /^([a-z0-9][a-z0-9-]*)\.(?:([a-z0-9]+)\.)?auth0\.com$/i.exec(domain);
  if (!match) return null;
  return `https://manage.auth0.com/dashboard/${(match[2] ?? 'us').toLowerCase()}/${match[1]!.toLowerCase()}`;
}

/** The name of the Action the wizard creates for one Twilio connection (unique per tenant). */
export function auth0ActionName(marker: string): string {
  return `Flex SSO Wizard roles ${marker.split(':').pop() ?? ''}`.trim();
}

/** The tenant's origin from what the admin typed (`acme.us.auth0.com`, or a URL); http only on loopback. */
export function auth0Origin(domain: string): string {
  const raw = domain.trim();
  return new URL(checkAdminUrl(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`, 'Auth0 tenant domain')).origin;
}

export interface Auth0ProviderOptions {
  /** The tenant domain (`acme.us.auth0.com` or `https://acme.us.auth0.com`); http only on loopback (tests). */
  domain: string;
  credentials: Auth0Credentials;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export class Auth0Provider implements IdpAdminProvider<Auth0Current> {
  readonly idp = 'auth0' as const;
  readonly tenant: string;
  private readonly origin: string;
  private readonly http: AdminHttp;
  private readonly token = new ClientCredentialsToken();

  constructor(private readonly options: Auth0ProviderOptions) {
    this.origin = auth0Origin(options.domain);
    this.tenant = new URL(this.origin).host;
    this.http = new AdminHttp({
      baseUrl: `${this.origin}/api/v2`,
      api: ERRORS,
      authorization: () => this.authorization(),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  private async authorization(): Promise<string> {
    const { credentials } = this.options;
    if (credentials.kind === 'management-token') return `Bearer ${credentials.token}`;
    const token = await this.token.get({
      url: `${this.origin}/oauth/token`,
      body: { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, audience: `${this.origin}/api/v2/` },
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      unreachable: `Auth0 (${this.tenant}) could not be reached to sign in. Check the tenant domain and the network.`,
      defaultLifetimeSeconds: 86_400,
      refused: ({ status, said }) => {
        const words = said ? ` Auth0 said: ${said}` : '';
        if (status === 403) {
          return new IdpAdminError(
            'forbidden',
            `Auth0 did not let the machine-to-machine application use the Management API (403). In the Auth0 Dashboard open Applications > APIs > Auth0 Management API > Machine To Machine Applications, switch the application on and tick ${AUTH0_SCOPES.join(', ')}.${words}`,
            403,
          );
        }
        return new IdpAdminError(
          'unauthorized',
          `Auth0 refused the machine-to-machine application's sign-in (${status}). ${ERRORS.signInAgain}${words}`,
          status,
        );
      },
    });
    return `Bearer ${token}`;
  }

  private settings(desired: DesiredSetup): Record<string, unknown> {
    if (!desired.auth0) throw new IdpAdminError('bad-request', 'The desired setup has no Auth0 settings.');
    return desired.auth0.addonSettings;
  }

  private clientBody(desired: DesiredSetup, existing: Auth0Client | null): Record<string, unknown> {
    const otherCallbacks = (existing?.callbacks ?? []).filter((url) => url !== desired.acsUrl);
    const logout = [...new Set([...(existing?.allowed_logout_urls ?? []), ...desired.logoutUrls])];
    return {
      name: desired.appName,
      callbacks: [desired.acsUrl, ...otherCallbacks],
      allowed_logout_urls: logout,
      client_metadata: { ...(existing?.client_metadata ?? {}), [AUTH0_MARKER_KEY]: desired.marker },
      addons: { samlp: { ...(existing?.addons?.samlp ?? {}), ...this.settings(desired) } },
    };
  }

  private clientMatches(desired: DesiredSetup, client: Auth0Client): boolean {
    const samlp = client.addons?.samlp ?? null;
    if (!samlp) return false;
    const settingsRight = Object.entries(this.settings(desired)).every(([key, value]) => sameJson(samlp[key], value));
    return (
      settingsRight &&
      client.name === desired.appName &&
      client.callbacks?.[0] === desired.acsUrl &&
      desired.logoutUrls.every((url) => client.allowed_logout_urls?.includes(url)) &&
      client.client_metadata?.[AUTH0_MARKER_KEY] === desired.marker
    );
  }

  private async findClient(desired: DesiredSetup, known: Record<string, string>, signal: AbortSignal): Promise<Auth0Client | null> {
    if (known.clientId) {
      const client = await this.http.request<Auth0Client>({
        method: 'GET',
        path: `/clients/${encodeURIComponent(known.clientId)}?fields=${CLIENT_FIELDS}&include_fields=true`,
        permission: 'read:clients',
        allowNotFound: true,
        signal,
      });
      if (client) return client;
    }
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const list = await this.http.request<{ clients?: Auth0Client[]; total?: number }>({
        method: 'GET',
        path: `/clients?fields=${CLIENT_FIELDS}&include_fields=true&app_type=regular_web&page=${page}&per_page=100&include_totals=true`,
        permission: 'read:clients',
        signal,
      });
      const clients = list?.clients ?? [];
      const found = clients.find((c) => c.client_metadata?.[AUTH0_MARKER_KEY] === desired.marker);
      if (found) return found;
      if (clients.length < 100 || (page + 1) * 100 >= (list?.total ?? 0)) return null;
    }
    return null;
  }

  private async bindings(signal: AbortSignal): Promise<Auth0Binding[]> {
    const all: Auth0Binding[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await this.http.request<{ bindings?: Auth0Binding[]; total?: number }>({
        method: 'GET',
        path: `/actions/triggers/${TRIGGER}/bindings?page=${page}&per_page=50`,
        permission: 'read:actions',
        signal,
      });
      const bindings = answer?.bindings ?? [];
      all.push(...bindings);
      if (bindings.length < 50 || all.length >= (answer?.total ?? 0)) break;
    }
    return all;
  }

  /** Writes the Login flow's bindings back: the same Actions in the same order, changed only as asked. */
  private async writeBindings(bindings: Auth0Binding[], signal: AbortSignal): Promise<void> {
    await this.http.request({
      method: 'PATCH',
      path: `/actions/triggers/${TRIGGER}/bindings`,
      body: {
        bindings: bindings.map((b) => ({ ref: { type: 'action_id', value: b.action!.id }, ...(b.display_name ? { display_name: b.display_name } : {}) })),
      },
      permission: 'update:actions',
      signal,
    });
  }

  async checkAccess(signal: AbortSignal): Promise<void> {
    await this.http.request({ method: 'GET', path: '/clients?fields=client_id&include_fields=true&per_page=1', permission: 'read:clients', signal });
  }

  async readCurrent(desired: DesiredSetup, known: Record<string, string>, signal: AbortSignal): Promise<Auth0Current> {
    const client = await this.findClient(desired, known, signal);
    const found: Record<string, string> = client ? { clientId: client.client_id } : {};
    let action: Auth0Action | null = null;
    if (known.actionId)
      action = await this.http.request<Auth0Action>({
        method: 'GET',
        path: `/actions/actions/${encodeURIComponent(known.actionId)}`,
        permission: 'read:actions',
        allowNotFound: true,
        signal,
      });
    if (!action) {
      const name = auth0ActionName(desired.marker);
      const list = await this.http.request<{ actions?: Auth0Action[] }>({
        method: 'GET',
        path: `/actions/actions?triggerId=${TRIGGER}&actionName=${encodeURIComponent(name)}`,
        permission: 'read:actions',
        signal,
      });
      action = (list?.actions ?? []).find((a) => a.name === name) ?? null;
    }
    if (action) found.actionId = action.id;
    const bound = action ? (await this.bindings(signal)).some((b) => b.action?.id === action.id) : false;
    return { found, client, action, bound };
  }

  plan(desired: DesiredSetup, current: Auth0Current): PlanStep[] {
    const settings = this.settings(desired);
    const steps: PlanStep[] = [];
    const signing = settings.signResponse === true ? 'the SAML response signed (instead of the assertion)' : 'the assertion signed';
    const addonWords = `SAML2 Web App add-on on, with audience ${desired.entityId}, recipient and destination ${desired.acsUrl}, mappings ${Object.entries(
      (settings.mappings as Record<string, string> | undefined) ?? {},
    )
      .map(([from, to]) => `${from} → ${to}`)
      .join(
        ', ',
      )}, Name ID format ${(typeof settings.nameIdentifierFormat === 'string' ? settings.nameIdentifierFormat : 'unspecified').split(':').pop()} from the email, ${signing} with ${String(settings.signatureAlgorithm)} and ${String(settings.digestAlgorithm)} (the add-on signs with SHA-1 unless told otherwise)`;
    const callbackWords = `Allowed Callback URLs starting with ${desired.acsUrl} (the Application Callback URL), Allowed Logout URLs ${desired.logoutUrls.join(', ')}`;
    if (!current.client) {
      steps.push({
        id: 'create-client',
        title: `Create the Regular Web Application "${desired.appName}": ${callbackWords}; ${addonWords}.`,
        permission: 'create:clients',
        params: { body: { ...this.clientBody(desired, null), app_type: 'regular_web' } },
      });
    } else if (!this.clientMatches(desired, current.client)) {
      steps.push({
        id: 'update-client',
        title: `Correct the application "${current.client.name ?? desired.appName}": ${callbackWords}; ${addonWords}.`,
        permission: 'update:clients',
        params: { body: this.clientBody(desired, current.client) },
      });
    }
    const name = auth0ActionName(desired.marker);
    const clientId = current.client?.client_id ?? null;
    const wantCode = clientId && desired.auth0 ? desired.auth0.actionCode(clientId) : null;
    const actionWords = `the Post-Login Action "${name}" that sends roles${desired.mode === 'frontline' ? ' and email' : ', email and full_name'} from each user's app_metadata.${desired.mode === 'frontline' ? 'frontline' : 'flex'}, for this application only`;
    let changed = false;
    if (!current.action) {
      steps.push({ id: 'create-action', title: `Create ${actionWords}.`, permission: 'create:actions', params: { name } });
      changed = true;
    } else if (wantCode === null || current.action.code !== wantCode) {
      steps.push({ id: 'update-action', title: `Correct the code of ${actionWords}.`, permission: 'update:actions', params: {} });
      changed = true;
    }
    const deployedCode = current.action?.deployed_version?.code;
    if (changed || !current.action?.all_changes_deployed || (wantCode !== null && deployedCode !== undefined && deployedCode !== wantCode)) {
      steps.push({ id: 'deploy-action', title: `Deploy the Action "${name}" (Actions > Library).`, permission: 'create:actions', params: {} });
    }
    if (!current.bound) {
      steps.push({
        id: 'bind-action',
        title: `Add the Action "${name}" to the Login flow (Actions > Triggers > post-login), after the Actions already there, which stay as they are.`,
        permission: 'read:actions and update:actions',
        params: { name },
      });
    }
    return steps.map((step) => ({
      ...step,
      params: { ...step.params, marker: desired.marker, actionCode: desired.auth0 ? desired.auth0.actionCode('__CLIENT_ID__') : '' },
    }));
  }

  private codeFor(step: PlanStep, clientId: string): string {
    return String(step.params.actionCode).split('__CLIENT_ID__').join(clientId);
  }

  private links(clientId: string, actionId: string | undefined): CreatedObject[] {
    const dashboard = auth0DashboardBase(this.tenant);
    const links: CreatedObject[] = [
      {
        kind: 'auth0-application',
        id: clientId,
        label: 'The application in the Auth0 Dashboard',
        consoleUrl: dashboard ? `${dashboard}/applications/${encodeURIComponent(clientId)}/settings` : null,
      },
      {
        kind: 'auth0-saml-addon',
        id: clientId,
        label: 'Its SAML2 Web App add-on (Addons tab)',
        consoleUrl: dashboard ? `${dashboard}/applications/${encodeURIComponent(clientId)}/addons` : null,
      },
    ];
    if (actionId)
      links.push({
        kind: 'auth0-action',
        id: actionId,
        label: 'The Post-Login Action',
        consoleUrl: dashboard ? `${dashboard}/actions/library/details/${encodeURIComponent(actionId)}` : null,
      });
    return links;
  }

  /** Auth0 builds an Action after creating or changing it; it can be deployed once built. */
  private async waitUntilBuilt(actionId: string, signal: AbortSignal): Promise<void> {
    const delays = [300, 600, 1000, 2000, 3000, 5000, 8000];
    for (let attempt = 0; ; attempt += 1) {
      const action = await this.http.request<Auth0Action>({
        method: 'GET',
        path: `/actions/actions/${encodeURIComponent(actionId)}`,
        permission: 'read:actions',
        retryNotFound: true,
        signal,
      });
      if (action?.status === 'built') return;
      if (action?.status === 'failed')
        throw new IdpAdminError('server', 'Auth0 could not build the Post-Login Action. Open it in Actions > Library to see why, then run the wizard again.');
      if (attempt >= delays.length)
        throw new IdpAdminError('server', 'Auth0 is still building the Post-Login Action after a minute. Run it again later: it continues where it stopped.');
      await this.http.pause(delays[attempt]!, signal);
    }
  }

  async applyStep(step: PlanStep, context: StepContext): Promise<StepResult> {
    const { signal, outputs } = context;
    if (step.id === 'create-client') {
      const client = await this.http.request<Auth0Client & { client_secret?: string }>({
        method: 'POST',
        path: '/clients',
        body: step.params.body,
        permission: 'create:clients',
        signal,
      });
      if (!client?.client_id) throw new IdpAdminError('server', 'Auth0 created the application but did not say its Client ID.');
      const name = (step.params.body as { name: string }).name;
      return {
        outputs: { clientId: client.client_id },
        created: this.links(client.client_id, undefined)
          .slice(0, 1)
          .map((link) => ({ ...link, label: `Application "${name}" with its SAML2 Web App add-on` })),
        undo: [{ kind: 'delete-client', title: `Delete the application "${name}".`, params: { clientId: client.client_id } }],
      };
    }
    const clientId = outputs.clientId;
    if (!clientId) throw new IdpAdminError('not-found', 'The Auth0 application is not known yet; plan again.');
    switch (step.id) {
      case 'update-client':
        await this.http.request({
          method: 'PATCH',
          path: `/clients/${encodeURIComponent(clientId)}`,
          body: step.params.body,
          permission: 'update:clients',
          signal,
        });
        return {};
      case 'create-action': {
        const name = String(step.params.name);
        const action = await this.http.request<Auth0Action>({
          method: 'POST',
          path: '/actions/actions',
          body: { name, supported_triggers: [{ id: TRIGGER, version: 'v3' }], code: this.codeFor(step, clientId), runtime: 'node22' },
          permission: 'create:actions',
          signal,
        });
        if (!action?.id) throw new IdpAdminError('server', 'Auth0 created the Action but did not say its id.');
        return {
          outputs: { actionId: action.id },
          created: this.links(clientId, action.id)
            .slice(2)
            .map((link) => ({ ...link, label: `Post-Login Action "${name}"` })),
          undo: [{ kind: 'delete-action', title: `Take the Action "${name}" out of the Login flow and delete it.`, params: { actionId: action.id } }],
        };
      }
      case 'update-action': {
        const actionId = outputs.actionId;
        if (!actionId) throw new IdpAdminError('not-found', 'The Post-Login Action is not known yet; plan again.');
        await this.http.request({
          method: 'PATCH',
          path: `/actions/actions/${encodeURIComponent(actionId)}`,
          body: { code: this.codeFor(step, clientId) },
          permission: 'update:actions',
          signal,
        });
        return {};
      }
      case 'deploy-action': {
        const actionId = outputs.actionId;
        if (!actionId) throw new IdpAdminError('not-found', 'The Post-Login Action is not known yet; plan again.');
        await this.waitUntilBuilt(actionId, signal);
        await this.http.request({ method: 'POST', path: `/actions/actions/${encodeURIComponent(actionId)}/deploy`, permission: 'create:actions', signal });
        return {};
      }
      case 'bind-action': {
        const actionId = outputs.actionId;
        if (!actionId) throw new IdpAdminError('not-found', 'The Post-Login Action is not known yet; plan again.');
        const current = await this.bindings(signal);
        if (!current.some((b) => b.action?.id === actionId)) {
          await this.writeBindings([...current, { id: '', display_name: String(step.params.name), action: { id: actionId } }], signal);
        }
        return {
          undo: [
            {
              kind: 'unbind-action',
              title: `Take the Action "${String(step.params.name)}" out of the Login flow (the other Actions stay).`,
              params: { actionId },
            },
          ],
        };
      }
      default:
        throw new Error(`unknown Auth0 step ${step.id}`);
    }
  }

  private async unbind(actionId: string, signal: AbortSignal): Promise<void> {
    const current = await this.bindings(signal);
    if (!current.some((b) => b.action?.id === actionId)) return;
    await this.writeBindings(
      current.filter((b) => b.action?.id !== actionId),
      signal,
    );
  }

  async undo(action: UndoAction, context: StepContext): Promise<void> {
    const { signal } = context;
    switch (action.kind) {
      case 'unbind-action':
        await this.unbind(String(action.params.actionId), signal);
        return;
      case 'delete-action': {
        const actionId = String(action.params.actionId);
        await this.unbind(actionId, signal);
        await this.http.request({
          method: 'DELETE',
          path: `/actions/actions/${encodeURIComponent(actionId)}`,
          permission: 'delete:actions',
          allowNotFound: true,
          signal,
        });
        return;
      }
      case 'delete-client':
        await this.http.request({
          method: 'DELETE',
          path: `/clients/${encodeURIComponent(String(action.params.clientId))}`,
          permission: 'delete:clients',
          allowNotFound: true,
          signal,
        });
        return;
      default:
        throw new Error(`unknown Auth0 undo ${action.kind}`);
    }
  }

  async result(outputs: Record<string, string>, signal: AbortSignal): Promise<SetupResult> {
    const { clientId, actionId } = outputs;
    if (!clientId) throw new IdpAdminError('not-found', 'There is no Auth0 application to read the metadata of yet.');
    const metadataUrl = `${this.origin}/samlp/metadata/${encodeURIComponent(clientId)}`;
    const metadataXml = await this.http.publicMetadata(metadataUrl, signal);
    return { metadataXml, metadataUrl, links: this.links(clientId, actionId) };
  }
}
