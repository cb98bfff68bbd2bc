import { ENHANCED_ACS_HOST, MODES, type ModeId } from './modes';
import { sidProblem } from './sids';

/** What the id field made of the text pasted into it. */
export type ModeIdInput =
  | {
      ok: true;
      /** The SID (JQ…, AC…, JB…). */
      id: string;
      /** Enhanced only: the ACS URL to use as given (its host differs from the built-in one). */
      acsUrl: string | null;
      /** What the wizard read, in a sentence, when the text was not the bare id. */
      note: string | null;
    }
  | { ok: false; message: string };

/**
 * Reads what Twilio's page shows for the mode's id: the id itself, the ACS URL or the Entity ID,
 * and extracts the id. An enhanced ACS URL on another host than the built-in one is kept as given.
 */
export function readModeIdInput(mode: ModeId, raw: string): ModeIdInput {
  const definition = MODES[mode];
  const value = raw.trim();
  if (sidProblem(value, definition.idPrefix) === null) return { ok: true, id: value, acsUrl: null, note: null };
  const read = definition.readConsoleValue(value);
  if (read) {
    const what = read.kind === 'acs-url' ? 'ACS URL' : 'Entity ID';
    if (mode === 'flex-enhanced' && read.kind === 'acs-url') {
      const host = new URL(value).hostname.toLowerCase();
      if (host !== ENHANCED_ACS_HOST) {
        return {
          ok: true,
          id: read.id,
          acsUrl: value,
          note: `Read the ${definition.idLabel} ${read.id} from the ACS URL. Its host is ${host}, not ${ENHANCED_ACS_HOST}: the ACS URL is used exactly as Twilio's page gives it, everywhere.`,
        };
      }
    }
    return { ok: true, id: read.id, acsUrl: null, note: `Read the ${definition.idLabel} ${read.id} from the ${what}.` };
  }
  if (/^(https?:\/\/|urn:)/i.test(value)) return { ok: false, message: urlMessage(mode, value) };
  return { ok: false, message: sidProblem(value, definition.idPrefix)! };
}

function urlMessage(mode: ModeId, value: string): string {
  const definition = MODES[mode];
  const example = definition.acsUrl(`${definition.idPrefix}…`);
  if (/^http:\/\//i.test(value))
    return `Twilio's values start with https://, not http://; copy the ${definition.idLabel}, the ACS URL or the Entity ID again from ${definition.idSource}`;
  let host = '';
  try {
    host = new URL(value).hostname.toLowerCase();
  } catch {
    // not a URL: the generic message below
  }
  if (host && host !== 'twilio.com' && !host.endsWith('.twilio.com')) {
    return `this address is on ${host}, not a twilio.com host: paste the ${definition.idLabel}, or the ACS URL or Entity ID from ${definition.idSource}`;
  }
  return `this is not the ${definition.label} ACS URL or Entity ID (they look like ${example} and ${definition.entityId(`${definition.idPrefix}…`)}); paste the ${definition.idLabel} itself, from ${definition.idSource}`;
}
