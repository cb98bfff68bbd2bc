import type { Command } from 'commander';
import { DomainInputError, isModeId, MODE_IDS, MODES, type ModeId, type ModeIds } from '../../../shared/domain/modes';
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
    .option('--connection <JQ…>', 'SSO connection id (flex-enhanced): JQ + 32 lowercase hex digits')
    .option('--account-sid <AC…>', 'Account SID (flex-legacy): AC + 32 lowercase hex digits')
    .option('--realm <JB…>', 'Realm SID (frontline): JB + 32 lowercase hex digits');
}

export function parseMode(value: string | undefined): ModeId {
  if (value === undefined) throw new CliUsageError(`--mode is required: one of ${MODE_IDS.join(', ')}`);
  if (!isModeId(value)) throw new CliUsageError(`--mode must be one of ${MODE_IDS.join(', ')}; "${value}" is not`);
  return value;
}

export function idsFrom(options: IdOptions): ModeIds {
  return { connectionId: options.connection, accountSid: options.accountSid, realmSid: options.realm };
}

const FIELD_OPTIONS: Record<string, string> = Object.fromEntries(Object.values(MODES).map((mode) => [mode.idField, mode.cliOption]));
FIELD_OPTIONS.insightsRoles = '--insights-roles';
FIELD_OPTIONS.customDomain = '--custom-domain';

/** Turns a DomainInputError into a one-line usage error that names the CLI option. */
export function usageErrorFrom(error: unknown): unknown {
  if (!(error instanceof DomainInputError)) return error;
  const option = FIELD_OPTIONS[error.field] ?? `--${error.field}`;
  const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  return new CliUsageError(`${option}: ${message}`);
}
