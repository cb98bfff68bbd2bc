/**
 * Everything a checklist is built from, checked once: the mode whose values the IdP gets, the
 * values themselves, the date's verdict on legacy SSO, the optional inputs, and the template
 * variables the playbook's text is filled with.
 */
import { checkedInsightsRoles, rolesToModel } from '../domain/desired-state';
import { customDomainPlan, CustomDomainError, type CustomDomainPlan, UNVERIFIED_FLEX_LOGOUT_URL } from '../domain/custom-domain';
import { MAX_WORKSPACE_ID_CHARS } from '../domain/frontline';
import { legacyStatus, type LegacyStatus } from '../domain/migration';
import { DomainInputError, MODE_IDS, MODES, spValues, type ModeDefinition, type ModeId, type ModeIds, type SpValues } from '../domain/modes';
import { readAuth0ClientId } from '../idps/auth0-client-id';
import { getPlaybook } from '../idps';
import type { Playbook } from '../idps/types';
import type { ArtifactContext } from './artifacts';
import type { ChecklistInput } from './types';

/** The placeholders a playbook's text may use ({{name}}); the checklist fills every one. */
export const TEMPLATE_VARS = [
  'acsUrl',
  'entityId',
  'acsUrlRegex',
  'modeLabel',
  'idLabel',
  'id',
  'roles',
  'appName',
  'logoutUrls',
  'product',
  'claimNames',
  'appMetadataKey',
  'roleExample',
  'auth0ClientId',
] as const;
export type TemplateVar = (typeof TEMPLATE_VARS)[number];
export type Vars = Record<TemplateVar, string>;

export interface BuildContext {
  input: ChecklistInput;
  now: Date;
  playbook: Playbook;
  /** The mode the admin named (flex-legacy for a legacy account). */
  requested: ModeDefinition;
  /** The mode whose values the IdP gets: flex-enhanced while a legacy account moves. */
  target: ModeDefinition;
  ids: ModeIds;
  /** The target's values; null while a legacy account moves and the connection id is not known yet. */
  values: SpValues | null;
  /** Legacy accounts only: the legacy values (to find the old app). */
  legacyValues: SpValues | null;
  legacy: LegacyStatus;
  /** A legacy account moving to enhanced SSO (after the deadline always; before it when a path is chosen). */
  migrating: boolean;
  domain: CustomDomainPlan | null;
  insightsRoles: string[];
  auth0ClientId: string | null;
  workspaceId: string | null;
  vars: Vars;
  artifacts: ArtifactContext | null;
}

function optional<T>(field: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CustomDomainError) throw new DomainInputError(field, error.message);
    throw error;
  }
}

function regexFor(url: string): string {
  return `^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
}

export function buildContext(input: ChecklistInput): BuildContext {
  const playbook = getPlaybook(input.idp);
  const requested = MODES[input.mode];
  if (!requested) throw new DomainInputError('mode', `mode must be one of ${MODE_IDS.join(', ')}; "${input.mode}" is not`);
  const now = input.now ?? new Date();
  const legacy = legacyStatus(now);
  const ids: ModeIds = { connectionId: input.connectionId, accountSid: input.accountSid, realmSid: input.realmSid, acsUrl: input.acsUrl };

  let targetId: ModeId = input.mode;
  let values: SpValues | null;
  let legacyValues: SpValues | null = null;
  const migrating = input.mode === 'flex-legacy' && (legacy.retired || input.migration !== undefined);
  if (input.mode === 'flex-legacy') {
    legacyValues = spValues('flex-legacy', ids);
    if (migrating) {
      targetId = 'flex-enhanced';
      values = ids.connectionId?.trim() ? spValues('flex-enhanced', ids) : null;
    } else {
      values = legacyValues;
    }
  } else {
    values = spValues(input.mode, ids);
  }
  const target = MODES[targetId];
  const frontline = target.product === 'frontline';

  const insightsRoles = checkedInsightsRoles(targetId, input.insightsRoles ?? []);
  let domain: CustomDomainPlan | null = null;
  if (input.customDomain !== undefined) {
    if (frontline) throw new DomainInputError('customDomain', 'a custom Flex domain applies to Flex only, not to Frontline');
    domain = optional('customDomain', () => customDomainPlan(input.customDomain!, targetId, input.idp));
  }
  let workspaceId: string | null = null;
  if (input.workspaceId !== undefined && input.workspaceId.trim() !== '') {
    // Any value, as the Frontline console shows it (its form is not published): only bounded.
    workspaceId = input.workspaceId.trim();
    if (workspaceId.length > MAX_WORKSPACE_ID_CHARS)
      throw new DomainInputError(
        'workspaceId',
        `The Workspace ID is ${workspaceId.length} characters long; give at most ${MAX_WORKSPACE_ID_CHARS}, copied from the Frontline console's SSO page`,
      );
  }
  let auth0ClientId: string | null = null;
  if (input.auth0ClientId !== undefined && input.auth0ClientId.trim() !== '') {
    const read = readAuth0ClientId(input.auth0ClientId);
    if (!read.ok) throw new DomainInputError('auth0ClientId', read.message);
    auth0ClientId = read.clientId;
  }

  const logoutUrls = frontline ? [] : (domain?.logoutUrls ?? [UNVERIFIED_FLEX_LOGOUT_URL]);
  const appName = input.appName?.trim() || `Twilio ${target.productName}`;
  const vars: Vars = {
    acsUrl: values?.acsUrl ?? '',
    entityId: values?.entityId ?? '',
    acsUrlRegex: values ? regexFor(values.acsUrl) : '',
    modeLabel: target.label,
    idLabel: target.idLabel,
    id: ids[target.idField] ?? '',
    roles: rolesToModel(targetId, insightsRoles).join(', '),
    appName,
    logoutUrls: logoutUrls.join('\n'),
    product: target.productName,
    claimNames: frontline ? 'email, roles' : 'email, full_name, roles',
    appMetadataKey: frontline ? 'frontline' : 'flex',
    roleExample: frontline ? '["agent"]' : '["agent"] or ["admin", "wfo.full_access"]',
    auth0ClientId: auth0ClientId ?? '<Client ID>',
  };
  const artifacts: ArtifactContext | null = values
    ? { mode: targetId, values, playbook, insightsRoles, uuid: input.uuid ?? (() => globalThis.crypto.randomUUID()), logoutUrls, auth0ClientId, workspaceId }
    : null;
  return {
    input,
    now,
    playbook,
    requested,
    target,
    ids,
    values,
    legacyValues,
    legacy,
    migrating,
    domain,
    insightsRoles,
    auth0ClientId,
    workspaceId,
    vars,
    artifacts,
  };
}

export function fillTemplate(template: string, vars: Partial<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
}
