import type { Command } from 'commander';
import { readModeIdInput } from '../../../shared/domain/console-values';
import { DomainInputError, isModeId, MODE_IDS, MODES, type ModeId, type ModeIds, type ModeInput } from '../../../shared/domain/modes';
import { IDP_IDS, idpNamesText, resolveIdpId, type IdpId } from '../../../shared/idps';
import { CliUsageError } from '../errors';

export interface IdOptions {
  mode?: string;
  connection?: string;
  accountSid?: string;
  realm?: string;
}

/** The options every mode-aware command shares. */
export function addModeOptions(command: Command): Command {
  return command
    .option('--mode <mode>', `one of ${MODE_IDS.join(', ')}`)
    .option(
      '--connection <JQ…>',
      'SSO connection id (flex-enhanced; also the move from flex-legacy): JQ + 32 lowercase hex digits, or the ACS URL or Entity ID as the Console shows them',
    )
    .option('--account-sid <AC…>', 'Account SID (flex-legacy): AC + 32 lowercase hex digits')
    .option('--realm <JB…>', 'Realm SID (frontline): JB + 32 lowercase hex digits, or the Frontline ACS URL or Entity ID');
}

export function parseMode(value: string | undefined): ModeId {
  if (value === undefined) throw new CliUsageError(`--mode is required: one of ${MODE_IDS.join(', ')}`);
  if (!isModeId(value)) throw new CliUsageError(`--mode must be one of ${MODE_IDS.join(', ')}; "${value}" is not`);
  return value;
}

/** Which mode reads each id option (the move from legacy reads --connection as enhanced). */
const ID_OPTIONS = [
  { key: 'connection', option: '--connection', mode: 'flex-enhanced', field: 'connectionId' },
  { key: 'accountSid', option: '--account-sid', mode: 'flex-legacy', field: 'accountSid' },
  { key: 'realm', option: '--realm', mode: 'frontline', field: 'realmSid' },
] as const;

/**
 * The ids given. Each id option also takes what Twilio's page shows (the ACS URL or the Entity ID)
 * and the id is read out of it; an enhanced ACS URL on another host is kept as given (`acsUrl`).
 * `notes` says what was read, for the output.
 */
export function readIds(options: IdOptions): { ids: ModeIds; notes: string[] } {
  const ids: ModeIds = {};
  const notes: string[] = [];
  for (const entry of ID_OPTIONS) {
    const raw = options[entry.key];
    if (raw === undefined) continue;
    if (raw.trim() === '')
      throw new CliUsageError(`${entry.option} is empty: give the ${MODES[entry.mode].idLabel} (${MODES[entry.mode].idPrefix}…), or leave the option out`);
    const read = readModeIdInput(entry.mode, raw);
    if (!read.ok) throw new CliUsageError(`${entry.option}: ${read.message}`);
    ids[entry.field] = read.id;
    if (read.acsUrl) ids.acsUrl = read.acsUrl;
    if (read.note) notes.push(read.note);
  }
  return { ids, notes };
}

/** The CLI option for each mode input. */
const INPUT_OPTIONS: Record<ModeInput, string> = {
  connectionId: '--connection',
  accountSid: '--account-sid',
  realmSid: '--realm',
  workspaceId: '--workspace-id',
  customDomain: '--custom-domain',
  insightsRoles: '--insights-roles',
};

/**
 * Options that do not apply to the mode are usage errors (one clear line), not silently ignored:
 * `--account-sid` in enhanced mode, `--custom-domain` for Frontline, … An empty value is one too.
 */
export function rejectOptionsNotForMode(mode: ModeId, given: Partial<Record<ModeInput, string | undefined>>): void {
  const definition = MODES[mode];
  for (const [input, value] of Object.entries(given) as [ModeInput, string | undefined][]) {
    if (value === undefined) continue;
    const option = INPUT_OPTIONS[input];
    if (!definition.inputs.includes(input)) {
      const takes = definition.inputs.filter((item) => item === definition.idField).map((item) => INPUT_OPTIONS[item]);
      throw new CliUsageError(`${option} does not apply to --mode ${mode}${takes.length > 0 ? ` (it takes ${takes.join(', ')})` : ''}; leave it out`);
    }
    if (value.trim() === '') throw new CliUsageError(`${option} is empty: give a value, or leave the option out`);
  }
}

const FIELD_OPTIONS: Record<string, string> = { ...INPUT_OPTIONS, acsUrl: '--connection', auth0ClientId: '--auth0-client-id' };

/** Turns a DomainInputError into a one-line usage error that names the CLI option. */
export function usageErrorFrom(error: unknown): unknown {
  if (!(error instanceof DomainInputError)) return error;
  const option = FIELD_OPTIONS[error.field] ?? `--${error.field}`;
  const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  return new CliUsageError(`${option}: ${message}`);
}

/** --idp, by its id or any alias (shared/idps/ids.ts): `entra` and `azure-ad` alike. */
export function parseIdpOption(value: string, accepted: readonly IdpId[] = IDP_IDS): IdpId {
  const idp = resolveIdpId(value);
  if (idp === null || !accepted.includes(idp)) throw new CliUsageError(`--idp must be one of ${idpNamesText(accepted)}; "${value}" is not`);
  return idp;
}

/** The help text of --idp. */
export function idpOptionHelp(accepted: readonly IdpId[] = IDP_IDS): string {
  return idpNamesText(accepted);
}
