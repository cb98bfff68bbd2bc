import { randomUUID } from 'node:crypto';
import { ENTRA_PERMISSIONS } from '../../../shared/idp-admin/sign-in';
import type { DesiredSetup } from '../../../shared/idp-admin/desired';
import { AdminHttp, IdpAdminError, type AdminApiDescription, type RetryPolicy } from './admin-http';
import { checkAdminUrl } from './admin-url';
import type { CurrentState, IdpAdminProvider, PlanStep, SetupResult, StepContext, StepResult, UndoAction } from './types';

export { ENTRA_PERMISSIONS };

/** Microsoft Entra ID through Microsoft Graph v1.0: a non-gallery enterprise app set up for SAML. */

/** "Integrate any other application you don't find in the gallery (Non-gallery)". */
const NON_GALLERY_TEMPLATE_ID = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';
export const GRAPH_URL = 'https://graph.microsoft.com/v1.0';
export const ENTRA_LOGIN_URL = 'https://login.microsoftonline.com';

const APP_WRITE = 'Application.ReadWrite.All (delegated)';
const POLICY_WRITE = 'Policy.ReadWrite.ApplicationConfiguration (delegated)';
const POLICY_ASSIGN = 'Policy.Read.All and Application.ReadWrite.All (delegated)';
const ROLE_ASSIGN = 'AppRoleAssignment.ReadWrite.All (delegated)';
/** A tag no app carries: the sign-in check lists nothing, it only proves Graph answers. */
const WIZARD_TAG_PROBE = 'flex-sso-wizard:sign-in-check';
const CLAIMS_POLICY_NAME = 'Flex SSO Wizard claims';
const SIGNING_POLICY_NAME = 'Flex SSO Wizard signing';

interface GraphApplication {
  id: string;
  appId: string;
  displayName?: string;
  identifierUris?: string[];
  tags?: string[];
  web?: { redirectUris?: string[] };
  appRoles?: Array<{
    id: string;
    value?: string | null;
    displayName?: string | null;
    description?: string | null;
    allowedMemberTypes: string[];
    isEnabled: boolean;
  }>;
}

interface GraphServicePrincipal {
  id: string;
  appId: string;
  preferredSingleSignOnMode?: string | null;
  preferredTokenSigningKeyThumbprint?: string | null;
  keyCredentials?: Array<{ customKeyIdentifier?: string | null; usage?: string | null }>;
}

interface GraphPolicy {
  id: string;
  displayName?: string | null;
}

export interface EntraCurrent extends CurrentState {
  app: GraphApplication | null;
  sp: GraphServicePrincipal | null;
  claimsPolicy: 'assigned' | 'created' | null;
  signingPolicy: 'assigned' | 'created' | null;
  /** principalId:appRoleId of existing assignments. */
  assignments: string[];
}

const ERRORS: AdminApiDescription = {
  name: 'Microsoft Graph',
  signInAgain: 'Sign in to Microsoft again from the wizard (the sign-in lasts about an hour).',
  grant: (permission) =>
    `Sign in again and accept the permission ${permission.split(' ')[0]}; if Entra asks for an administrator's approval, a Global Administrator or Privileged Role Administrator grants admin consent to the wizard's app (Enterprise applications > the wizard's app > Permissions > Grant admin consent).`,
  errorText: (body) => {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    return error?.message ? `${error.message}${error.code ? ` (${error.code})` : ''}` : null;
  },
};

/** The tenant id (`tid`) inside an Entra access token; the token is not verified here (Graph does that). */
export function tenantOfToken(token: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { tid?: unknown };
    return typeof payload.tid === 'string' && /^[0-9a-f-]{36}$/i.test(payload.tid) ? payload.tid : null;
  } catch {
    return null;
  }
}

export interface EntraProviderOptions {
  /** Answers a Graph access token (delegated) for every request. */
  accessToken: () => Promise<string>;
  tenantId: string;
  /** Graph's base URL (national clouds; a fake in tests). */
  graphUrl?: string;
  /** The sign-in host that publishes federation metadata (national clouds; a fake in tests). */
  loginUrl?: string;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function claimsPolicyDefinition(desired: DesiredSetup): string {
  const id = (source: string): string => source.replace(/^user\./, '');
  const schema = desired.claims.map((claim) => ({ Source: 'user', ID: id(claim.source), SamlClaimType: claim.name }));
  schema.push({ Source: 'user', ID: id(desired.nameIdSource), SamlClaimType: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier' });
  return JSON.stringify({ ClaimsMappingPolicy: { Version: 1, IncludeBasicClaimSet: 'false', ClaimsSchema: schema } });
}

function signingPolicyDefinition(desired: DesiredSetup): string {
  const both = desired.signing.responseSigned && desired.signing.assertionSigned;
  return JSON.stringify({
    TokenIssuancePolicy: {
      Version: 1,
      SigningAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      TokenResponseSigningPolicy: both ? 'ResponseAndToken' : 'TokenOnly',
      SamlTokenVersion: '2.0',
    },
  });
}

export class EntraProvider implements IdpAdminProvider<EntraCurrent> {
  readonly idp = 'azure-ad' as const;
  readonly tenant: string;
  private readonly http: AdminHttp;
  private readonly loginUrl: string;

  constructor(options: EntraProviderOptions) {
    if (!/^[0-9a-f-]{36}$/i.test(options.tenantId))
      throw new IdpAdminError('bad-request', 'The Entra tenant id is a GUID (Entra admin center > Overview > Tenant ID).');
    this.tenant = options.tenantId.toLowerCase();
    this.loginUrl = checkAdminUrl(options.loginUrl ?? ENTRA_LOGIN_URL, 'Microsoft sign-in URL');
    this.http = new AdminHttp({
      baseUrl: checkAdminUrl(options.graphUrl ?? GRAPH_URL, 'Microsoft Graph URL'),
      api: ERRORS,
      authorization: async () => `Bearer ${await options.accessToken()}`,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  private get graph(): string {
    return this.http.baseUrl.replace(/\/+$/, '');
  }

  async checkAccess(signal: AbortSignal): Promise<void> {
    await this.http.request({
      method: 'GET',
      path: `/applications?$select=id&$filter=${encodeURIComponent(`tags/any(t:t eq '${WIZARD_TAG_PROBE}')`)}`,
      permission: APP_WRITE,
      signal,
    });
  }

  async readCurrent(desired: DesiredSetup, known: Record<string, string>, signal: AbortSignal): Promise<EntraCurrent> {
    const none: EntraCurrent = { found: {}, app: null, sp: null, claimsPolicy: null, signingPolicy: null, assignments: [] };
    let app: GraphApplication | null = null;
    if (known.appObjectId)
      app = await this.http.request<GraphApplication>({
        method: 'GET',
        path: `/applications/${known.appObjectId}`,
        permission: APP_WRITE,
        allowNotFound: true,
        signal,
      });
    if (!app) {
      const filter = encodeURIComponent(`tags/any(t:t eq '${desired.marker.replace(/'/g, "''")}')`);
      const list = await this.http.request<{ value: GraphApplication[] }>({
        method: 'GET',
        path: `/applications?$filter=${filter}`,
        permission: APP_WRITE,
        signal,
      });
      app = list?.value[0] ?? null;
    }
    if (!app) return none;
    const sps = await this.http.request<{ value: GraphServicePrincipal[] }>({
      method: 'GET',
      path: `/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${app.appId}'`)}`,
      permission: APP_WRITE,
      signal,
    });
    const sp = sps?.value[0] ?? null;
    const found: Record<string, string> = { appObjectId: app.id, appId: app.appId };
    if (!sp) return { ...none, found, app };
    found.servicePrincipalId = sp.id;
    const claimsPolicy = await this.policyState(
      {
        assignedPath: `/servicePrincipals/${sp.id}/claimsMappingPolicies`,
        policiesPath: '/policies/claimsMappingPolicies',
        name: CLAIMS_POLICY_NAME,
        idKey: 'claimsPolicyId',
      },
      known,
      found,
      signal,
    );
    const signingPolicy = await this.policyState(
      {
        assignedPath: `/applications/${app.id}/tokenIssuancePolicies`,
        policiesPath: '/policies/tokenIssuancePolicies',
        name: SIGNING_POLICY_NAME,
        idKey: 'signingPolicyId',
      },
      known,
      found,
      signal,
    );
    const assignments = await this.http.request<{ value: Array<{ principalId: string; appRoleId: string }> }>({
      method: 'GET',
      path: `/servicePrincipals/${sp.id}/appRoleAssignedTo`,
      permission: ROLE_ASSIGN,
      signal,
    });
    return { found, app, sp, claimsPolicy, signingPolicy, assignments: (assignments?.value ?? []).map((a) => `${a.principalId}:${a.appRoleId}`) };
  }

  /** Our policy of one kind: assigned (its id noted in `found`), created by an earlier run but not assigned, or absent. */
  private async policyState(
    policy: { assignedPath: string; policiesPath: string; name: string; idKey: 'claimsPolicyId' | 'signingPolicyId' },
    known: Record<string, string>,
    found: Record<string, string>,
    signal: AbortSignal,
  ): Promise<'assigned' | 'created' | null> {
    const assigned = await this.http.request<{ value: GraphPolicy[] }>({ method: 'GET', path: policy.assignedPath, permission: POLICY_ASSIGN, signal });
    const ours = assigned?.value.find((p) => p.displayName === policy.name);
    if (ours) {
      found[policy.idKey] = ours.id;
      return 'assigned';
    }
    const knownId = known[policy.idKey];
    if (!knownId) return null;
    const created = await this.http.request({
      method: 'GET',
      path: `${policy.policiesPath}/${knownId}`,
      permission: 'Policy.Read.All (delegated)',
      allowNotFound: true,
      signal,
    });
    return created ? 'created' : null;
  }

  plan(desired: DesiredSetup, current: EntraCurrent): PlanStep[] {
    const steps: PlanStep[] = [];
    const { app, sp } = current;
    if (!app) {
      steps.push({
        id: 'create-app',
        title: `Create the enterprise application "${desired.appName}" from the non-gallery template (Create your own application > Non-gallery).`,
        permission: APP_WRITE,
        params: { displayName: desired.appName },
      });
    }
    if (sp?.preferredSingleSignOnMode !== 'saml') {
      steps.push({
        id: 'set-sso-mode',
        title: 'Choose SAML as the single sign-on method (Single sign-on > SAML), before the identifier can be set.',
        permission: APP_WRITE,
        params: {},
      });
    }
    const urlsRight =
      app &&
      app.identifierUris?.length === 1 &&
      app.identifierUris[0] === desired.entityId &&
      app.web?.redirectUris?.length === 1 &&
      app.web.redirectUris[0] === desired.acsUrl &&
      app.tags?.includes(desired.marker);
    if (!urlsRight) {
      steps.push({
        id: 'set-saml-urls',
        title: `In Basic SAML Configuration, set Identifier (Entity ID) to ${desired.entityId} (the only one) and Reply URL to ${desired.acsUrl}; tag the app so the wizard finds it again.`,
        permission: APP_WRITE,
        params: {},
      });
    }
    const haveRoles = new Set((app?.appRoles ?? []).map((r) => r.value));
    const missingRoles = desired.roles.filter((r) => !haveRoles.has(r.value));
    if (missingRoles.length > 0) {
      steps.push({
        id: 'set-app-roles',
        title: `Create the app roles ${missingRoles.map((r) => r.value).join(', ')} (App registrations > App roles; allowed member types Users/Groups).`,
        permission: APP_WRITE,
        params: {},
      });
    }
    const hasCert = (sp?.keyCredentials ?? []).some((k) => k.usage === 'Verify');
    if (!hasCert) {
      steps.push({
        id: 'add-signing-certificate',
        title: 'Create a SAML signing certificate valid for three years (SAML Certificates).',
        permission: APP_WRITE,
        params: {},
      });
    }
    if (!hasCert || !sp?.preferredTokenSigningKeyThumbprint) {
      steps.push({ id: 'prefer-signing-certificate', title: 'Make that certificate the active one for signing.', permission: APP_WRITE, params: {} });
    }
    if (current.signingPolicy === null) {
      steps.push({
        id: 'create-signing-policy',
        title: 'Create a token issuance policy: Sign SAML response and assertion, SHA-256.',
        permission: POLICY_WRITE,
        params: { definition: signingPolicyDefinition(desired) },
      });
    }
    if (current.signingPolicy !== 'assigned') {
      steps.push({ id: 'assign-signing-policy', title: 'Apply that signing policy to the application.', permission: POLICY_WRITE, params: {} });
    }
    if (current.claimsPolicy === null) {
      steps.push({
        id: 'create-claims-policy',
        title: `Create a claims-mapping policy that sends ${desired.claims.map((c) => `${c.name} ← ${c.source}`).join(', ')} with no namespace and the Name ID from ${desired.nameIdSource}. Entra's Attributes & Claims page will then say the claims come from a policy and cannot be edited there; undo removes it.`,
        permission: POLICY_WRITE,
        params: { definition: claimsPolicyDefinition(desired) },
      });
    }
    if (current.claimsPolicy !== 'assigned') {
      steps.push({
        id: 'assign-claims-policy',
        title: 'Apply the claims-mapping policy to the enterprise application.',
        permission: POLICY_ASSIGN,
        params: {},
      });
    }
    const roleIds = new Map((app?.appRoles ?? []).map((r) => [r.value, r.id]));
    for (const assignment of desired.assignments) {
      const roleId = roleIds.get(assignment.role);
      if (roleId && current.assignments.includes(`${assignment.principalId}:${roleId}`)) continue;
      steps.push({
        id: `assign:${assignment.principalId}:${assignment.role}`,
        title: `Assign the ${assignment.principalType} ${assignment.principalId} with the role ${assignment.role} (Users and groups${assignment.principalType === 'group' ? '; groups need Entra ID P1 or P2, and nested groups are not followed' : ''}).`,
        permission: ROLE_ASSIGN,
        params: { principalId: assignment.principalId, role: assignment.role },
      });
    }
    return steps.map((step) => ({
      ...step,
      params: { ...step.params, desired: { entityId: desired.entityId, acsUrl: desired.acsUrl, marker: desired.marker, roles: desired.roles } },
    }));
  }

  async applyStep(step: PlanStep, context: StepContext): Promise<StepResult> {
    const { signal, outputs } = context;
    const want = step.params.desired as { entityId: string; acsUrl: string; marker: string; roles: DesiredSetup['roles'] };
    if (step.id === 'create-app') {
      const created = await this.http.request<{ application: GraphApplication; servicePrincipal: GraphServicePrincipal }>({
        method: 'POST',
        path: `/applicationTemplates/${NON_GALLERY_TEMPLATE_ID}/instantiate`,
        body: { displayName: String(step.params.displayName) },
        permission: APP_WRITE,
        signal,
      });
      if (!created?.application?.id || !created.servicePrincipal?.id)
        throw new IdpAdminError('server', 'Microsoft Graph created the application but did not say its ids.');
      const { application, servicePrincipal } = created;
      return {
        outputs: { appObjectId: application.id, appId: application.appId, servicePrincipalId: servicePrincipal.id },
        created: [
          {
            kind: 'entra-enterprise-app',
            id: servicePrincipal.id,
            label: `Enterprise application "${String(step.params.displayName)}"`,
            consoleUrl: enterpriseAppUrl(servicePrincipal.id, application.appId),
          },
          { kind: 'entra-app-registration', id: application.id, label: 'Its app registration (app roles)', consoleUrl: appRegistrationUrl(application.appId) },
        ],
        undo: [
          {
            kind: 'delete-app',
            title: `Delete the application "${String(step.params.displayName)}" (and its enterprise application).`,
            params: { appObjectId: application.id },
          },
        ],
      };
    }
    const appObjectId = outputs.appObjectId;
    const spId = outputs.servicePrincipalId;
    if (!appObjectId || !spId) throw new IdpAdminError('not-found', 'The Entra application is not known yet; plan again.');
    switch (true) {
      case step.id === 'set-sso-mode':
        await this.http.request({
          method: 'PATCH',
          path: `/servicePrincipals/${spId}`,
          body: { preferredSingleSignOnMode: 'saml' },
          permission: APP_WRITE,
          retryNotFound: true,
          signal,
        });
        return {};
      case step.id === 'set-saml-urls': {
        const app = await this.http.request<GraphApplication>({
          method: 'GET',
          path: `/applications/${appObjectId}`,
          permission: APP_WRITE,
          retryNotFound: true,
          signal,
        });
        const tags = [...new Set([...(app?.tags ?? []), want.marker])];
        await this.http.request({
          method: 'PATCH',
          path: `/applications/${appObjectId}`,
          body: { identifierUris: [want.entityId], web: { redirectUris: [want.acsUrl] }, tags },
          permission: APP_WRITE,
          retryNotFound: true,
          signal,
        });
        return {};
      }
      case step.id === 'set-app-roles': {
        const app = await this.http.request<GraphApplication>({
          method: 'GET',
          path: `/applications/${appObjectId}`,
          permission: APP_WRITE,
          retryNotFound: true,
          signal,
        });
        const existing = app?.appRoles ?? [];
        const have = new Set(existing.map((r) => r.value));
        const added = want.roles
          .filter((r) => !have.has(r.value))
          .map((r) => ({
            id: randomUUID(),
            value: r.value,
            displayName: r.displayName,
            description: r.description,
            allowedMemberTypes: ['User'],
            isEnabled: true,
          }));
        await this.http.request({
          method: 'PATCH',
          path: `/applications/${appObjectId}`,
          body: { appRoles: [...existing, ...added] },
          permission: APP_WRITE,
          signal,
        });
        return {};
      }
      case step.id === 'add-signing-certificate': {
        const end = new Date(Date.now() + 3 * 365 * 24 * 3600 * 1000).toISOString();
        const cert = await this.http.request<{ thumbprint?: string | null; customKeyIdentifier?: string | null }>({
          method: 'POST',
          path: `/servicePrincipals/${spId}/addTokenSigningCertificate`,
          body: { displayName: 'CN=Flex SSO Wizard', endDateTime: end },
          permission: APP_WRITE,
          retryNotFound: true,
          signal,
        });
        const thumbprint = cert?.thumbprint ?? cert?.customKeyIdentifier;
        if (!thumbprint) throw new IdpAdminError('server', 'Microsoft Graph created the certificate but did not say its thumbprint.');
        return { outputs: { signingThumbprint: thumbprint } };
      }
      case step.id === 'prefer-signing-certificate': {
        let thumbprint = outputs.signingThumbprint;
        if (!thumbprint) {
          const sp = await this.http.request<GraphServicePrincipal>({ method: 'GET', path: `/servicePrincipals/${spId}`, permission: APP_WRITE, signal });
          thumbprint = sp?.keyCredentials?.find((k) => k.usage === 'Verify')?.customKeyIdentifier ?? undefined;
        }
        if (!thumbprint) throw new IdpAdminError('not-found', 'The application has no signing certificate yet; plan again.');
        await this.http.request({
          method: 'PATCH',
          path: `/servicePrincipals/${spId}`,
          body: { preferredTokenSigningKeyThumbprint: thumbprint },
          permission: APP_WRITE,
          signal,
        });
        return {};
      }
      case step.id === 'create-signing-policy':
      case step.id === 'create-claims-policy': {
        const claims = step.id === 'create-claims-policy';
        const policy = await this.http.request<GraphPolicy>({
          method: 'POST',
          path: claims ? '/policies/claimsMappingPolicies' : '/policies/tokenIssuancePolicies',
          body: { definition: [String(step.params.definition)], displayName: claims ? CLAIMS_POLICY_NAME : SIGNING_POLICY_NAME, isOrganizationDefault: false },
          permission: POLICY_WRITE,
          signal,
        });
        if (!policy?.id) throw new IdpAdminError('server', 'Microsoft Graph created the policy but did not say its id.');
        return {
          outputs: claims ? { claimsPolicyId: policy.id } : { signingPolicyId: policy.id },
          created: [
            {
              kind: claims ? 'entra-claims-policy' : 'entra-signing-policy',
              id: policy.id,
              label: claims ? `Claims-mapping policy "${CLAIMS_POLICY_NAME}"` : `Token issuance policy "${SIGNING_POLICY_NAME}"`,
              consoleUrl: null,
            },
          ],
          undo: [
            {
              kind: claims ? 'delete-claims-policy' : 'delete-signing-policy',
              title: `Delete the ${claims ? 'claims-mapping' : 'token issuance'} policy.`,
              params: { policyId: policy.id },
            },
          ],
        };
      }
      case step.id === 'assign-claims-policy':
        await this.http.request({
          method: 'POST',
          path: `/servicePrincipals/${spId}/claimsMappingPolicies/$ref`,
          body: { '@odata.id': `${this.graph}/policies/claimsMappingPolicies/${outputs.claimsPolicyId}` },
          permission: POLICY_ASSIGN,
          retryNotFound: true,
          signal,
        });
        return {};
      case step.id === 'assign-signing-policy':
        await this.http.request({
          method: 'POST',
          path: `/applications/${appObjectId}/tokenIssuancePolicies/$ref`,
          body: { '@odata.id': `${this.graph}/policies/tokenIssuancePolicies/${outputs.signingPolicyId}` },
          permission: POLICY_WRITE,
          retryNotFound: true,
          signal,
        });
        return {};
      case step.id.startsWith('assign:'): {
        const app = await this.http.request<GraphApplication>({ method: 'GET', path: `/applications/${appObjectId}`, permission: APP_WRITE, signal });
        const roleId = app?.appRoles?.find((r) => r.value === step.params.role)?.id;
        if (!roleId) throw new IdpAdminError('not-found', `The app role ${String(step.params.role)} does not exist yet; plan again.`);
        await this.http.request({
          method: 'POST',
          path: `/servicePrincipals/${spId}/appRoleAssignedTo`,
          body: { principalId: String(step.params.principalId), resourceId: spId, appRoleId: roleId },
          permission: ROLE_ASSIGN,
          retryNotFound: true,
          signal,
        });
        return {};
      }
      default:
        throw new Error(`unknown Entra step ${step.id}`);
    }
  }

  async undo(action: UndoAction, context: StepContext): Promise<void> {
    const { signal } = context;
    const path =
      action.kind === 'delete-app'
        ? `/applications/${String(action.params.appObjectId)}`
        : action.kind === 'delete-claims-policy'
          ? `/policies/claimsMappingPolicies/${String(action.params.policyId)}`
          : action.kind === 'delete-signing-policy'
            ? `/policies/tokenIssuancePolicies/${String(action.params.policyId)}`
            : null;
    if (!path) throw new Error(`unknown Entra undo ${action.kind}`);
    await this.http.request({ method: 'DELETE', path, permission: action.kind === 'delete-app' ? APP_WRITE : POLICY_WRITE, allowNotFound: true, signal });
  }

  async result(outputs: Record<string, string>, signal: AbortSignal): Promise<SetupResult> {
    const { appId, servicePrincipalId, appObjectId } = outputs;
    if (!appId || !servicePrincipalId || !appObjectId) throw new IdpAdminError('not-found', 'There is no Entra application to read the metadata of yet.');
    const metadataUrl = `${this.loginUrl}/${this.tenant}/federationmetadata/2007-06/federationmetadata.xml?appid=${encodeURIComponent(appId)}`;
    const metadataXml = await this.http.publicMetadata(metadataUrl, signal);
    return {
      metadataXml,
      metadataUrl,
      links: [
        {
          kind: 'entra-enterprise-app',
          id: servicePrincipalId,
          label: 'Enterprise application (single sign-on, users and groups)',
          consoleUrl: enterpriseAppUrl(servicePrincipalId, appId),
        },
        { kind: 'entra-app-registration', id: appObjectId, label: 'App registration (app roles)', consoleUrl: appRegistrationUrl(appId) },
      ],
    };
  }
}

function enterpriseAppUrl(servicePrincipalId: string, appId: string): string {
  return `https://entra.microsoft.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${servicePrincipalId}/appId/${appId}`;
}

function appRegistrationUrl(appId: string): string {
  return `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${appId}`;
}
