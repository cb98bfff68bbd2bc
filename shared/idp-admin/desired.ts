import { buildChecklist, type Checklist, type ChecklistArtifact } from '../checklist';
import { auth0ActionCode } from '../checklist/artifacts';
import { DomainInputError, MODES, type ModeId, type ModeIds } from '../domain/modes';
import { getPlaybook, type IdpId } from '../idps';
import type { ArtifactKind, ClaimSource } from '../idps/types';

/**
 * What "Set it up for me" should leave in the IdP, derived from the SAME knowledge the checklist
 * is built from: this module calls buildChecklist and reads its artifacts and the playbook's claim
 * table, so the automatic setup and the manual checklist cannot disagree. Pure: no I/O.
 */

/** The IdPs whose admin API the wizard can drive. */
export const ADMIN_IDPS = ['azure-ad', 'okta', 'auth0'] as const;
export type AdminIdpId = (typeof ADMIN_IDPS)[number];

/** Names the CLI accepts (`--idp entra|okta|auth0`), mapped to the playbook ids. */
export const ADMIN_IDP_CLI_NAMES = { entra: 'azure-ad', okta: 'okta', auth0: 'auth0' } as const satisfies Record<string, AdminIdpId>;
export type AdminIdpCliName = keyof typeof ADMIN_IDP_CLI_NAMES;

export function isAdminIdp(idp: string): idp is AdminIdpId {
  return (ADMIN_IDPS as readonly string[]).includes(idp);
}

/** Why an IdP has no "Set it up for me", in the product's words (shown instead of the button). */
export function noAdminApiReason(idp: IdpId): string {
  if (isAdminIdp(idp)) return '';
  if (idp === 'google') {
    return 'Google Workspace has no API for creating custom SAML apps, so the wizard cannot set it up for you: follow the checklist in the Google Admin console.';
  }
  return `The wizard cannot set up ${getPlaybook(idp).label} through an API yet: follow the checklist in its console.`;
}

/** What stays manual whatever the IdP: Twilio has no public API for its SSO settings (said for the product at hand). */
export function twilioStaysManual(mode: ModeId): string {
  const product = MODES[mode].productName;
  return `Twilio has no public API for ${product} single sign-on settings, so the Twilio Console part stays copy and paste: the wizard fills the values for you to paste.`;
}

/** Marks what the wizard created, so a re-run finds it (Entra tag, Auth0 client metadata, Okta app label). */
const WIZARD_MARKER_PREFIX = 'flex-sso-wizard';

export interface RoleAssignmentRequest {
  /** Entra: an object id; Okta: a group id; Auth0: not used (roles live in app_metadata). */
  principalId: string;
  principalType: 'group' | 'user';
  /** The Flex role value given (admin, supervisor, agent, wfo.…). */
  role: string;
}

export interface DesiredInput {
  idp: AdminIdpId;
  mode: ModeId;
  ids: ModeIds;
  appName?: string;
  insightsRoles?: string[];
  assignments?: RoleAssignmentRequest[];
}

export interface DesiredRole {
  value: string;
  displayName: string;
  description: string;
}

export interface DesiredClaim {
  /** The bare SAML attribute name. */
  name: string;
  /** The IdP's own expression for it, as the checklist gives it. */
  source: string;
}

export interface DesiredSetup {
  idp: AdminIdpId;
  mode: ModeId;
  appName: string;
  /** The marker the wizard writes on what it creates (unique per Twilio connection). */
  marker: string;
  acsUrl: string;
  entityId: string;
  roles: DesiredRole[];
  /** Attribute statements or claims, NameID excluded, required ones only. */
  claims: DesiredClaim[];
  nameIdSource: string;
  /**
   * Sign both the response and the assertion wherever the IdP offers it (the guides' setting).
   * Auth0's add-on signs one of the two: the response with `signResponse: true`, else the assertion.
   */
  signing: { responseSigned: boolean; assertionSigned: boolean; algorithm: 'sha256' };
  assignments: RoleAssignmentRequest[];
  logoutUrls: string[];
  auth0: Auth0Desired | null;
}

export interface Auth0Desired {
  /** The SAML2 Web App add-on settings, exactly the checklist's JSON. */
  addonSettings: Record<string, unknown>;
  /** The Post-Login Action's code for a given application (client id). */
  actionCode: (clientId: string) => string;
}

function artifact(checklist: Checklist, kind: ArtifactKind): ChecklistArtifact {
  for (const section of checklist.sections) {
    for (const step of section.steps) {
      const found = step.artifacts.find((a) => a.kind === kind);
      if (found) return found;
    }
  }
  throw new Error(`the checklist has no ${kind} artifact for this IdP and mode`);
}

function claimsFor(claims: readonly ClaimSource[], mode: ModeId): ClaimSource[] {
  return claims.filter((claim) => !claim.modes || claim.modes.includes(mode));
}

function auth0Desired(checklist: Checklist, input: DesiredInput): Auth0Desired {
  const addonSettings = JSON.parse(artifact(checklist, 'auth0-addon-settings').content) as Record<string, unknown>;
  // The same code the checklist shows once the admin gives the application's Client ID.
  return { addonSettings, actionCode: (clientId) => auth0ActionCode({ mode: input.mode, insightsRoles: input.insightsRoles ?? [], clientId }) };
}

function auth0Signing(checklist: Checklist): DesiredSetup['signing'] {
  const settings = JSON.parse(artifact(checklist, 'auth0-addon-settings').content) as { signResponse?: unknown };
  const response = settings.signResponse === true;
  return { responseSigned: response, assertionSigned: !response, algorithm: 'sha256' };
}

function wizardMarker(mode: ModeId, ids: ModeIds): string {
  const definition = MODES[mode];
  return `${WIZARD_MARKER_PREFIX}:${(ids[definition.idField] ?? '').trim()}`;
}

/** The desired IdP configuration for (IdP, mode, ids). Throws DomainInputError for bad input. */
export function desiredSetup(input: DesiredInput): DesiredSetup {
  if (!isAdminIdp(input.idp)) throw new DomainInputError('idp', noAdminApiReason(input.idp));
  const checklist = buildChecklist({
    mode: input.mode,
    idp: input.idp,
    ...input.ids,
    ...(input.appName ? { appName: input.appName } : {}),
    insightsRoles: input.insightsRoles ?? [],
    uuid: () => '00000000-0000-4000-8000-000000000000',
  });
  const playbook = getPlaybook(input.idp);
  const claims = claimsFor(playbook.claims, input.mode);
  const roles =
    input.idp === 'azure-ad'
      ? (JSON.parse(artifact(checklist, 'azure-app-roles').content) as DesiredRole[]).map(({ value, displayName, description }) => ({
          value,
          displayName,
          description,
        }))
      : [...MODES[input.mode].roles, ...(input.insightsRoles ?? [])].map((value) => ({ value, displayName: value, description: '' }));
  const allowed = new Set(roles.map((role) => role.value));
  for (const assignment of input.assignments ?? []) {
    if (!allowed.has(assignment.role)) {
      throw new DomainInputError('assignments', `"${assignment.role}" is not a role of ${checklist.mode.label}; choose one of ${[...allowed].join(', ')}`);
    }
  }
  // Its label says the URLs are unverified (a third-party guide), and Frontline has none.
  const logoutStep = checklist.sections
    .flatMap((s) => s.steps)
    .flatMap((s) => s.values)
    .find((v) => v.label.startsWith('Allowed Logout URLs'));
  return {
    idp: input.idp,
    mode: input.mode,
    appName: input.appName?.trim() || (input.mode === 'frontline' ? 'Twilio Frontline' : 'Twilio Flex'),
    marker: wizardMarker(input.mode, input.ids),
    acsUrl: checklist.values.acsUrl,
    entityId: checklist.values.entityId,
    roles,
    claims: claims.filter((claim) => claim.attribute !== 'NameID' && claim.required).map((claim) => ({ name: claim.attribute, source: claim.source })),
    nameIdSource: claims.find((claim) => claim.attribute === 'NameID')?.source ?? 'email',
    signing: input.idp === 'auth0' ? auth0Signing(checklist) : { responseSigned: true, assertionSigned: true, algorithm: 'sha256' },
    assignments: [...(input.assignments ?? [])],
    logoutUrls: logoutStep ? logoutStep.value.split('\n').filter(Boolean) : [],
    auth0: input.idp === 'auth0' ? auth0Desired(checklist, input) : null,
  };
}
