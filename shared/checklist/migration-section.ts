import { ENHANCED_SETUP_START, LEGACY_SSO, MIGRATION_CHOICES, type MigrationPath } from '../domain/migration';
import { longDate } from '../domain/dates';
import type { BuildContext } from './context';
import { step } from './sections';
import type { ChecklistSection, ChecklistStep } from './types';

const FROM_CONSOLE = '(shown on the Console\'s "Set up your identity provider" page after Start setup)';

/**
 * The legacy path as what it is today: before the deadline a move still to make; after it, the
 * only path (legacy SSO may stop working at any time). Old and new values side by side, the two
 * ways the Console offers, and what breaks while the move is under way.
 */
export function migrationSection(context: BuildContext): ChecklistSection {
  const { legacy, legacyValues, values, migrating, input } = context;
  const enhanced = migrating ? values : null;
  const rows = [
    ['ACS URL', legacyValues?.acsUrl ?? '', enhanced?.acsUrl ?? `https://login.flex.us1.twilio.com/login/callback?connection=JQ… ${FROM_CONSOLE}`],
    ['Entity ID', legacyValues?.entityId ?? '', enhanced?.entityId ?? `urn:flex:JQ… ${FROM_CONSOLE}`],
  ];
  const status = legacy.retired
    ? `Legacy Flex SSO (set up before ${longDate(LEGACY_SSO.legacyBefore)}, or on Flex UI ${LEGACY_SSO.lastLegacyFlexUi} or earlier) is retired: the last announced deadline, ${legacy.deadlineText}, has passed (earlier ones were ${LEGACY_SSO.previousDeadlines.map(longDate).join(' and ')}). Logins through it may stop working at any time, so this checklist moves the account to enhanced SSO; it does not set legacy SSO up again.`
    : `Legacy Flex SSO (set up before ${longDate(LEGACY_SSO.legacyBefore)}, or on Flex UI ${LEGACY_SSO.lastLegacyFlexUi} or earlier) must move to enhanced SSO by ${legacy.deadlineText} (the deadline has moved before; check Twilio's notice).`;
  const steps: ChecklistStep[] = [
    step(
      legacy.retired ? 'Legacy SSO is retired' : 'Legacy SSO must move',
      [
        status,
        `Start in ${LEGACY_SSO.consolePath}. Enhanced SSO needs Flex UI ${LEGACY_SSO.enhancedMinFlexUi.firstSetup} or later for a first setup and ${LEGACY_SSO.enhancedMinFlexUi.migration} or later to migrate.`,
        'The legacy values identify the IdP app that serves logins today; the enhanced values are what the IdP must send to from now on.',
      ],
      { tables: [{ columns: ['value', 'legacy (today)', 'enhanced (after the move)'], rows }] },
    ),
  ];
  // A chosen path is the only one shown; the other is named, so the choice can still be changed.
  const chosen = MIGRATION_CHOICES.find((choice) => choice.path === input.migration);
  if (chosen) {
    const others = MIGRATION_CHOICES.filter((choice) => choice !== chosen).map((choice) => `"${choice.title}"`);
    steps.push(
      step(`${chosen.title} (your choice)`, [
        chosen.whatChanges,
        chosen.meanwhile,
        `The Console also offers ${others.join(' and ')}; this checklist follows the path chosen.`,
      ]),
    );
  } else {
    for (const choice of MIGRATION_CHOICES) {
      steps.push(step(`${choice.title}${choice.recommended ? ' (recommended)' : ''}`, [choice.whatChanges, choice.meanwhile]));
    }
  }
  steps.push(step('Switch to enhanced SSO', switchSteps(chosen?.path ?? null)));
  if (migrating && !enhanced) {
    steps.push(
      step('Next: the enhanced values', [
        ENHANCED_SETUP_START,
        'Give the connection id to the wizard (or flex-sso checklist --mode flex-legacy --account-sid AC… --connection JQ… --idp …) for every IdP step with the new values filled in.',
      ]),
    );
  }
  return { id: 'migration', title: legacy.retired ? 'Move to enhanced SSO (legacy SSO is retired)' : 'Move to enhanced SSO', steps };
}

/** The switch itself and what follows it, for the path chosen (both when none is). */
export function switchSteps(path: MigrationPath | null): string[] {
  const removeLegacyApp = 'Once the switch is done and users sign in through the new IdP app, remove the legacy IdP app.';
  return [
    `When the IdP side is ready, switch the account to enhanced SSO in the Twilio Console (${LEGACY_SSO.consolePath}), then test a login with the enhanced values before you tell users. Twilio's guides do not name the Console's button for the switch, so follow what the page offers.`,
    ...(path === 'modify-existing'
      ? []
      : [path === null ? `If you created a new IdP app: ${removeLegacyApp.charAt(0).toLowerCase()}${removeLegacyApp.slice(1)}` : removeLegacyApp]),
    `The legacy settings stay available for ${LEGACY_SSO.legacySettingsKeptDays} days after the switch.`,
    'A self-hosted Flex UI also needs appConfig.oauth with connection, clientId and redirectUrl after the switch.',
  ];
}
