import { longDate } from './dates';
import { FRONTLINE_CLOSED_TO_NEW_CUSTOMERS } from './modes';
import { sidProblem } from './sids';

/** The one sentence every Frontline output carries (checklist, values). */
export const FRONTLINE_CLOSED_NOTE = `Frontline has been closed to new customers since ${longDate(FRONTLINE_CLOSED_TO_NEW_CUSTOMERS)}; existing customers keep it.`;

/** The longest Workspace ID taken: far beyond any id, short enough to bound what is stored and printed. */
export const MAX_WORKSPACE_ID_CHARS = 200;

/**
 * The Frontline console's own fields beyond the Realm SID. The Workspace ID sits on the same
 * Configure single sign-on page as the Realm SID (seed 004). Twilio's Frontline guides show the
 * field without describing its form, so any value is taken as the console shows it; only a value
 * unlike a workspace SID (WS + 32 hex) gets a note, and the note never blocks.
 */
export const FRONTLINE_WORKSPACE_ID = {
  label: 'Workspace ID',
  where: 'Twilio Console > Frontline > Manage > SSO / Log in (the Configure single sign-on page), beside the Realm SID',
  explanation: "Copy it exactly as the Frontline console's SSO page shows it. Twilio's guides do not describe its form.",
} as const;

/** Null when nothing is typed or the value looks like a workspace SID; otherwise a gentle note (never an error). */
export function frontlineWorkspaceIdNote(value: string): string | null {
  const id = value.trim();
  if (id === '' || sidProblem(id, 'WS') === null) return null;
  return "This does not look like a workspace SID (WS followed by 32 lowercase hex digits). If it is exactly what the Frontline console's SSO page shows, keep it.";
}
