import { sidProblem } from './sids';

/**
 * The Frontline console's own fields beyond the Realm SID. The Workspace ID sits on the same
 * Configure single sign-on page as the Realm SID (seed 004); its WS… form is the wizard's check,
 * not something Twilio's Frontline guides describe, so the words the user reads say so.
 */
export const FRONTLINE_WORKSPACE_ID = {
  label: 'Workspace ID',
  prefix: 'WS',
  where: 'Twilio Console > Frontline > Manage > SSO / Log in (the Configure single sign-on page), beside the Realm SID',
  explanation:
    'The Frontline console\'s SSO page has a Workspace ID field next to the Realm SID; Twilio\'s Frontline guides show the field without describing its form, and the wizard expects a workspace SID (WS followed by 32 lowercase hex digits).',
} as const;

/** Null when the value has the Workspace ID's form (WS + 32 lowercase hex), else what is wrong. */
export function frontlineWorkspaceIdProblem(value: string): string | null {
  return sidProblem(value, 'WS', 'Frontline Workspace ID');
}
