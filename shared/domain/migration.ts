import { MODES, spValues, type ModeIds, type SpValues } from './modes';

/**
 * Legacy Flex SSO retirement. The deadline moved more than once (end of 2024, June 2025, then
 * 31 March 2026): it is data, update it here.
 */
export const LEGACY_SSO = {
  deadline: '2026-03-31',
  previousDeadlines: ['2024-12-31', '2025-06-30'],
  /** Legacy means set up before this date, or Flex UI 2.4 or earlier. */
  legacyBefore: '2024-01-29',
  enhancedMinFlexUi: { firstSetup: '2.5', migration: '2.7', selfHostedDomain: '2.7' },
  legacySettingsKeptDays: 30,
  consolePath: 'Console > Flex > Users and access > Single sign-on > "New SSO Solution Available" > Start setup',
} as const;

export type MigrationPath = 'create-new' | 'modify-existing';

export interface MigrationChoice {
  path: MigrationPath;
  title: string;
  whatChanges: string;
  risk: string;
  recommended: boolean;
}

export const MIGRATION_CHOICES: readonly MigrationChoice[] = [
  {
    path: 'create-new',
    title: 'Create a new IdP app',
    whatChanges: 'You build a second SAML app in the IdP with the enhanced values, next to the legacy one. The legacy connection keeps working until you switch.',
    risk: 'Low: users keep logging in through the old app while you test the new one. Remember to assign the same users and roles to the new app.',
    recommended: true,
  },
  {
    path: 'modify-existing',
    title: 'Modify the existing IdP app',
    whatChanges: 'You replace the Entity ID and ACS URL in the existing app with the enhanced values; assignments and claims stay as they are.',
    risk: 'Logins fail from the moment one side changes until the other side matches: do it in a quiet window.',
    recommended: false,
  },
];

export interface MigrationPlan {
  deadline: string;
  legacy: SpValues | null;
  enhanced: SpValues | null;
  choices: readonly MigrationChoice[];
}

/** Side-by-side old and new values; either side is null when its id was not given. */
export function migrationPlan(ids: ModeIds): MigrationPlan {
  const safe = (mode: 'flex-legacy' | 'flex-enhanced') => (ids[MODES[mode].idField] ? spValues(mode, ids) : null);
  return { deadline: LEGACY_SSO.deadline, legacy: safe('flex-legacy'), enhanced: safe('flex-enhanced'), choices: MIGRATION_CHOICES };
}

/** Whether the legacy deadline has passed on `now`. */
export function legacyDeadlinePassed(now: Date = new Date()): boolean {
  return now.getTime() > Date.parse(`${LEGACY_SSO.deadline}T23:59:59Z`);
}
