import { sidProblem, type SidPrefix } from './sids';

export type ModeId = 'flex-enhanced' | 'flex-legacy' | 'frontline';
export const MODE_IDS: readonly ModeId[] = ['flex-enhanced', 'flex-legacy', 'frontline'];

export function isModeId(value: string): value is ModeId {
  return (MODE_IDS as readonly string[]).includes(value);
}

/** The ids a user may supply; each mode needs exactly one of them. */
export interface ModeIds {
  connectionId?: string;
  accountSid?: string;
  realmSid?: string;
}

/** Bad or missing input; `field` names the input (`connectionId`, `accountSid`, `realmSid`, …). */
export class DomainInputError extends Error {
  override readonly name = 'DomainInputError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export interface ModeDefinition {
  id: ModeId;
  label: string;
  summary: string;
  product: 'flex' | 'frontline';
  retired: boolean;
  /** Which id this mode is keyed by. */
  idField: keyof ModeIds;
  idPrefix: SidPrefix;
  idLabel: string;
  /** The CLI option that carries the id. */
  cliOption: string;
  /** Where the user finds the id. */
  idSource: string;
  acsUrl: (id: string) => string;
  entityId: (id: string) => string;
  /** The roles this product accepts in the `roles` claim (Insights `wfo.*` roles handled apart). */
  roles: readonly string[];
  allowsInsightsRoles: boolean;
}

export const MODES: Readonly<Record<ModeId, ModeDefinition>> = {
  'flex-enhanced': {
    id: 'flex-enhanced',
    label: 'Flex (enhanced SSO)',
    summary: 'Current Flex single sign-on, keyed by the SSO connection id (JQ…) shown in the Console.',
    product: 'flex',
    retired: false,
    idField: 'connectionId',
    idPrefix: 'JQ',
    idLabel: 'SSO connection id',
    cliOption: '--connection',
    idSource: 'Twilio Console > Flex > Users and access > Single sign-on, page "Set up your identity provider"',
    acsUrl: (id) => `https://login.flex.us1.twilio.com/login/callback?connection=${id}`,
    entityId: (id) => `urn:flex:${id}`,
    roles: ['admin', 'supervisor', 'agent'],
    allowsInsightsRoles: true,
  },
  'flex-legacy': {
    id: 'flex-legacy',
    label: 'Flex (legacy SSO)',
    summary: 'The retired Flex single sign-on keyed by the Account SID (AC…); move to enhanced SSO.',
    product: 'flex',
    retired: true,
    idField: 'accountSid',
    idPrefix: 'AC',
    idLabel: 'Account SID',
    cliOption: '--account-sid',
    idSource: 'Twilio Console home page, "Account Info"',
    acsUrl: (id) => `https://iam.twilio.com/v1/Accounts/${id}/saml2`,
    entityId: (id) => `https://iam.twilio.com/v1/Accounts/${id}/saml2/metadata`,
    roles: ['admin', 'supervisor', 'agent'],
    allowsInsightsRoles: true,
  },
  frontline: {
    id: 'frontline',
    label: 'Frontline',
    summary: 'Twilio Frontline, keyed by the Realm SID (JB…) from the Frontline console.',
    product: 'frontline',
    retired: false,
    idField: 'realmSid',
    idPrefix: 'JB',
    idLabel: 'Realm SID',
    cliOption: '--realm',
    idSource: 'Twilio Console > Frontline > Manage > SSO / Log in',
    acsUrl: (id) => `https://iam.twilio.com/v2/saml2/authenticate/${id}`,
    entityId: (id) => `https://iam.twilio.com/v2/saml2/metadata/${id}`,
    roles: ['agent'],
    allowsInsightsRoles: false,
  },
};

export function getMode(mode: ModeId): ModeDefinition {
  return MODES[mode];
}

/** The id the mode needs, checked; throws DomainInputError naming the field and the expected form. */
export function modeId(mode: ModeId, ids: ModeIds): string {
  const definition = MODES[mode];
  if (!definition) {
    throw new DomainInputError('mode', `mode must be one of ${MODE_IDS.join(', ')}; "${String(mode)}" is not`);
  }
  const raw = ids[definition.idField];
  if (raw === undefined || raw.trim() === '') {
    throw new DomainInputError(
      definition.idField,
      `${definition.label} needs the ${definition.idLabel} (${definition.cliOption} ${definition.idPrefix} followed by 32 lowercase hex digits), from ${definition.idSource}`,
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

/** The two values the IdP needs about Twilio for this mode. */
export function spValues(mode: ModeId, ids: ModeIds): SpValues {
  const id = modeId(mode, ids);
  const definition = MODES[mode];
  return { mode, acsUrl: definition.acsUrl(id), entityId: definition.entityId(id) };
}
