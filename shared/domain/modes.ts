import { longDate } from './dates';
import { sidForm, sidProblem, type SidPrefix } from './sids';

export const MODE_IDS = ['flex-enhanced', 'flex-legacy', 'frontline'] as const;
export type ModeId = (typeof MODE_IDS)[number];

/** Twilio closed Frontline to new customers on this day; existing customers keep it. */
export const FRONTLINE_CLOSED_TO_NEW_CUSTOMERS = '2023-02-09';

/** The enhanced ACS host Twilio's guides show; an account's own page may give another one. */
export const ENHANCED_ACS_HOST = 'login.flex.us1.twilio.com';

export function isModeId(value: string): value is ModeId {
  return (MODE_IDS as readonly string[]).includes(value);
}

/** The ids a user may supply; each mode needs exactly one of them. */
export interface ModeIds {
  connectionId?: string;
  accountSid?: string;
  realmSid?: string;
  /**
   * Enhanced SSO only: the ACS URL exactly as the Console's "Set up your identity provider" page
   * shows it, when its host differs from the built-in one. Used everywhere instead of the built
   * URL (values, checklist, SP metadata, the login test's expected ACS).
   */
  acsUrl?: string;
}

/** The field of ModeIds that carries a mode's SID. */
export type ModeIdField = 'connectionId' | 'accountSid' | 'realmSid';

/** Bad or missing input; `field` names the input (`connectionId`, `accountSid`, `realmSid`, …). */
export class DomainInputError extends Error {
  override readonly name = 'DomainInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The inputs a command or form may take; each mode accepts only some of them. */
export const MODE_INPUTS = ['connectionId', 'accountSid', 'realmSid', 'workspaceId', 'customDomain', 'insightsRoles'] as const;
export type ModeInput = (typeof MODE_INPUTS)[number];

/** A value pasted from Twilio's page, recognised as this mode's ACS URL or Entity ID. */
export interface ConsoleValueRead {
  id: string;
  kind: 'acs-url' | 'entity-id';
}

export interface ModeDefinition {
  id: ModeId;
  label: string;
  summary: string;
  product: 'flex' | 'frontline';
  /** The product's name in sentences. */
  productName: 'Flex' | 'Frontline';
  /** The inputs that apply to this mode (anything else given is a usage error). */
  inputs: readonly ModeInput[];
  /** Which id this mode is keyed by. */
  idField: ModeIdField;
  idPrefix: SidPrefix;
  idLabel: string;
  /** The CLI option that carries the id. */
  cliOption: string;
  /** Where the user finds the id. */
  idSource: string;
  acsUrl: (id: string) => string;
  entityId: (id: string) => string;
  /** Recognises this mode's ACS URL or Entity ID (any host for the enhanced ACS); null otherwise. */
  readConsoleValue: (value: string) => ConsoleValueRead | null;
  /** The roles this product accepts in the `roles` claim (Insights `wfo.*` roles handled apart). */
  roles: readonly string[];
  allowsInsightsRoles: boolean;
}

/** The roles Flex accepts in the `roles` claim, both SSO modes alike. */
const FLEX_ROLES = ['admin', 'supervisor', 'agent'] as const;

export const MODES: Readonly<Record<ModeId, ModeDefinition>> = {
  'flex-enhanced': {
    id: 'flex-enhanced',
    label: 'Flex (enhanced SSO)',
    summary: 'Current Flex single sign-on, keyed by the SSO connection id (JQ…) shown in the Console.',
    product: 'flex',
    productName: 'Flex',
    inputs: ['connectionId', 'customDomain', 'insightsRoles'],
    idField: 'connectionId',
    idPrefix: 'JQ',
    idLabel: 'SSO connection id',
    cliOption: '--connection',
    idSource: 'Twilio Console > Flex > Users and access > Single sign-on, page "Set up your identity provider"',
    acsUrl: (id) => `https://${ENHANCED_ACS_HOST}/login/callback?connection=${id}`,
    entityId: (id) => `urn:flex:${id}`,
    readConsoleValue: (value) => {
      const entity = /^urn:flex:(JQ[0-9a-f]{32})$/.exec(value);
      if (entity) return { id: entity[1]!, kind: 'entity-id' };
      const url = twilioUrl(value);
      if (!url || url.pathname !== '/login/callback') return null;
      const id = url.searchParams.get('connection');
      return id && /^JQ[0-9a-f]{32}$/.test(id) ? { id, kind: 'acs-url' } : null;
    },
    roles: FLEX_ROLES,
    allowsInsightsRoles: true,
  },
  'flex-legacy': {
    id: 'flex-legacy',
    label: 'Flex (legacy SSO)',
    summary:
      'The older Flex single sign-on keyed by the Account SID (AC…): set up before 29 January 2024, or on Flex UI 2.4 or earlier. It has to move to enhanced SSO.',
    product: 'flex',
    productName: 'Flex',
    inputs: ['accountSid', 'connectionId', 'customDomain', 'insightsRoles'],
    idField: 'accountSid',
    idPrefix: 'AC',
    idLabel: 'Account SID',
    cliOption: '--account-sid',
    idSource: 'Twilio Console home page, "Account Info"',
    acsUrl: (id) => `https://iam.twilio.com/v1/Accounts/${id}/saml2`,
    entityId: (id) => `https://iam.twilio.com/v1/Accounts/${id}/saml2/metadata`,
    readConsoleValue: (value) => {
      const match = /^https:\/\/iam\.twilio\.com\/v1\/Accounts\/(AC[0-9a-f]{32})\/saml2(\/metadata)?\/?$/.exec(value);
      return match ? { id: match[1]!, kind: match[2] ? 'entity-id' : 'acs-url' } : null;
    },
    roles: FLEX_ROLES,
    allowsInsightsRoles: true,
  },
  frontline: {
    id: 'frontline',
    label: 'Frontline',
    summary: `Twilio Frontline, keyed by the Realm SID (JB…) from the Frontline console. Closed to new customers since ${longDate(FRONTLINE_CLOSED_TO_NEW_CUSTOMERS)}; existing customers keep it.`,
    product: 'frontline',
    productName: 'Frontline',
    inputs: ['realmSid', 'workspaceId'],
    idField: 'realmSid',
    idPrefix: 'JB',
    idLabel: 'Realm SID',
    cliOption: '--realm',
    idSource: 'Twilio Console > Frontline > Manage > SSO / Log in (the Configure single sign-on page)',
    acsUrl: (id) => `https://iam.twilio.com/v2/saml2/authenticate/${id}`,
    entityId: (id) => `https://iam.twilio.com/v2/saml2/metadata/${id}`,
    readConsoleValue: (value) => {
      const match = /^https:\/\/iam\.twilio\.com\/v2\/saml2\/(authenticate|metadata)\/(JB[0-9a-f]{32})\/?$/.exec(value);
      return match ? { id: match[2]!, kind: match[1] === 'metadata' ? 'entity-id' : 'acs-url' } : null;
    },
    roles: ['agent'],
    allowsInsightsRoles: false,
  },
};

/** An https URL on a twilio.com host, or null. */
function twilioUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && (host === 'twilio.com' || host.endsWith('.twilio.com')) && url.port === '' ? url : null;
}

/**
 * Checks the enhanced ACS URL pasted from Twilio's page against the connection id: null when it is
 * that connection's ACS URL on a twilio.com host, else what is wrong.
 */
export function enhancedAcsUrlProblem(acsUrl: string, connectionId: string): string | null {
  const read = MODES['flex-enhanced'].readConsoleValue(acsUrl.trim());
  if (!read || read.kind !== 'acs-url') {
    return `the ACS URL must be the one Twilio's "Set up your identity provider" page shows, https://<twilio.com host>/login/callback?connection=JQ…; "${acsUrl.trim()}" is not`;
  }
  if (read.id !== connectionId.trim())
    return `the ACS URL names the connection ${read.id}, but the connection id is ${connectionId.trim()}; copy both from the same page`;
  return null;
}

/** The id the mode needs, checked; throws DomainInputError naming the field and the expected form. */
export function modeId(mode: ModeId, ids: ModeIds): string {
  const definition = MODES[mode];
  if (!definition) {
    throw new DomainInputError('mode', `mode must be one of ${MODE_IDS.join(', ')}; "${mode}" is not`);
  }
  const raw = ids[definition.idField];
  if (raw === undefined || raw.trim() === '') {
    throw new DomainInputError(
      definition.idField,
      `${definition.label} needs the ${definition.idLabel}, ${sidForm(definition.idPrefix)}, from ${definition.idSource}; on the command line, ${definition.cliOption}`,
    );
  }
  const problem = sidProblem(raw, definition.idPrefix);
  if (problem) throw new DomainInputError(definition.idField, `${definition.idField}: ${problem}`);
  return raw.trim();
}

export interface SpValues {
  mode: ModeId;
  acsUrl: string;
  entityId: string;
}

/**
 * The two values the IdP needs about Twilio for this mode: the one source every consumer reads
 * (values, checklist, SP metadata, the login test). An enhanced ACS URL pasted from the Console
 * (`ids.acsUrl`) is used as given, never replaced by the built-in host.
 */
export function spValues(mode: ModeId, ids: ModeIds): SpValues {
  const id = modeId(mode, ids);
  const definition = MODES[mode];
  const pasted = mode === 'flex-enhanced' ? ids.acsUrl?.trim() : undefined;
  if (pasted) {
    const problem = enhancedAcsUrlProblem(pasted, id);
    if (problem) throw new DomainInputError('acsUrl', problem);
    return { mode, acsUrl: pasted, entityId: definition.entityId(id) };
  }
  return { mode, acsUrl: definition.acsUrl(id), entityId: definition.entityId(id) };
}

/** Whether the values use an ACS host other than the built-in one (the Console's own value). */
export function usesConsoleAcsHost(values: SpValues): boolean {
  return values.mode === 'flex-enhanced' && new URL(values.acsUrl).hostname !== ENHANCED_ACS_HOST;
}
