/**
 * What the IdP app must end up with for a mode, as data: the checklist renders it as steps, and
 * code that configures an IdP through its admin API (issue 12) applies it. One source, so the two
 * cannot disagree.
 */
import { INSIGHTS_ROLES, requiredClaims } from './claims';
import { DomainInputError, MODES, spValues, type ModeId, type ModeIds, type SpValues } from './modes';

export interface DesiredState {
  mode: ModeId;
  /** ACS URL and Entity ID (a pasted enhanced ACS URL is kept as given). */
  values: SpValues;
  /** The role values to model in the IdP (app roles, groups…): the mode's roles, then the chosen Insights roles. */
  roles: string[];
  /** The attributes the IdP must send, bare names, besides the NameID. */
  requiredClaims: string[];
  /** The NameID the guides set: the user's email, format unspecified or email address. */
  nameId: 'email';
  /** Twilio cannot read encrypted assertions. */
  encryptAssertions: false;
}

/** Checks the chosen Insights roles for a mode; throws DomainInputError naming the bad one. */
export function checkedInsightsRoles(mode: ModeId, insightsRoles: readonly string[] = []): string[] {
  const roles = insightsRoles.map((role) => role.trim()).filter((role) => role !== '');
  for (const role of roles) {
    if (!(INSIGHTS_ROLES as readonly string[]).includes(role)) {
      throw new DomainInputError('insightsRoles', `"${role}" is not a Flex Insights role; expected one of ${INSIGHTS_ROLES.join(', ')}`);
    }
  }
  if (roles.length > 0 && !MODES[mode].allowsInsightsRoles) {
    throw new DomainInputError('insightsRoles', `${MODES[mode].productName} has no Insights roles; leave them out`);
  }
  return [...new Set(roles)];
}

/** The role values to model in the IdP for this mode (Frontline: agent only). */
export function rolesToModel(mode: ModeId, insightsRoles: readonly string[] = []): string[] {
  return [...MODES[mode].roles, ...checkedInsightsRoles(mode, insightsRoles)];
}

export function desiredState(mode: ModeId, ids: ModeIds, insightsRoles: readonly string[] = []): DesiredState {
  return {
    mode,
    values: spValues(mode, ids),
    roles: rolesToModel(mode, insightsRoles),
    requiredClaims: [...requiredClaims(mode)],
    nameId: 'email',
    encryptAssertions: false,
  };
}
