import { dayHasPassed, longDate } from './dates';
import { MODES, spValues, type ModeId, type ModeIds, type SpValues } from './modes';

/**
 * Legacy Flex SSO retirement. The deadline moved more than once (end of 2024, June 2025, then
 * 31 March 2026): it is data, compared with today's date by `legacyStatus`. Update it here.
 */
export const LEGACY_SSO = {
  deadline: '2026-03-31',
  previousDeadlines: ['2024-12-31', '2025-06-30'],
  /** Legacy means set up before this date, or Flex UI 2.4 or earlier. */
  legacyBefore: '2024-01-29',
  lastLegacyFlexUi: '2.4',
  enhancedMinFlexUi: { firstSetup: '2.5', migration: '2.7', selfHostedDomain: '2.7' },
  legacySettingsKeptDays: 30,
  consolePath: 'Twilio Console > Flex > Users and access > Single sign-on, "New SSO Solution Available" > Start setup',
} as const;

/** Where the enhanced values come from while only the legacy ones are known: the Console's Start setup. */
export const ENHANCED_SETUP_START = `Choose Start setup in the Console (${LEGACY_SSO.consolePath}); the "Set up your identity provider" page then shows the SSO connection id (JQ…), the ACS URL and the Entity ID.`;

/**
 * Why no SP metadata is offered for legacy values: legacy SSO is retired or on its way out, so no
 * new IdP app may be built from them; they only identify the app that serves logins today.
 */
export const LEGACY_VALUES_PURPOSE =
  'The legacy values only identify the IdP app that serves logins today: build or import nothing from them into a new IdP app, because every new setup uses the enhanced values.';

/** Where legacy SSO stands on a given day: still to be moved before the deadline, or retired. */
export interface LegacyStatus {
  retired: boolean;
  deadline: string;
  /** The deadline as people read it, e.g. "31 March 2026". */
  deadlineText: string;
  /** One sentence for warnings and the CLI's stderr line. */
  warning: string;
}

export function legacyStatus(now: Date = new Date()): LegacyStatus {
  const retired = dayHasPassed(LEGACY_SSO.deadline, now);
  const deadlineText = longDate(LEGACY_SSO.deadline);
  const warning = retired
    ? `Legacy Flex SSO is retired: the last announced deadline to move to enhanced SSO, ${deadlineText}, has passed, so logins through it may stop working at any time. Move this account to enhanced SSO now.`
    : `Legacy Flex SSO must move to enhanced SSO by ${deadlineText} (Twilio has moved this deadline before; check its current notice).`;
  return { retired, deadline: LEGACY_SSO.deadline, deadlineText, warning };
}

/** Whether a mode is retired on `now` (only legacy Flex SSO ever is, after its deadline). */
export function modeRetired(mode: ModeId, now: Date = new Date()): boolean {
  return mode === 'flex-legacy' && legacyStatus(now).retired;
}

/** Whether the legacy deadline has passed on `now`. */
export function legacyDeadlinePassed(now: Date = new Date()): boolean {
  return legacyStatus(now).retired;
}

/** The two ways Twilio's Console offers to move; the ids are the profile's (shared/api.ts). */
export const MIGRATION_PATHS = ['create-new-app', 'modify-existing'] as const;
export type MigrationPath = (typeof MIGRATION_PATHS)[number];

export interface MigrationChoice {
  path: MigrationPath;
  title: string;
  whatChanges: string;
  /** What stops working while the move is under way. */
  meanwhile: string;
  recommended: boolean;
}

export const MIGRATION_CHOICES: readonly MigrationChoice[] = [
  {
    path: 'create-new-app',
    title: 'Create a new IdP app',
    whatChanges: 'You build a second SAML app in the IdP with the enhanced values, next to the legacy one, and give it the same users, roles and claims.',
    meanwhile:
      'Nothing breaks while you build and test it: users keep signing in through the legacy app until you switch in the Console (as long as Twilio keeps legacy SSO running at all).',
    recommended: true,
  },
  {
    path: 'modify-existing',
    title: 'Modify the existing IdP app',
    whatChanges: 'You replace the Entity ID and the ACS URL in the existing app with the enhanced values; assignments and claims stay as they are.',
    meanwhile:
      'Every login fails from the moment one side changes until the other side matches: do it in a quiet moment, with both the IdP console and the Twilio Console open.',
    recommended: false,
  },
];

export interface MigrationPlan {
  status: LegacyStatus;
  legacy: SpValues | null;
  enhanced: SpValues | null;
  choices: readonly MigrationChoice[];
}

/** Side-by-side old and new values; either side is null when its id was not given. */
export function migrationPlan(ids: ModeIds, now: Date = new Date()): MigrationPlan {
  const safe = (mode: 'flex-legacy' | 'flex-enhanced') => (ids[MODES[mode].idField] ? spValues(mode, ids) : null);
  return { status: legacyStatus(now), legacy: safe('flex-legacy'), enhanced: safe('flex-enhanced'), choices: MIGRATION_CHOICES };
}
