import type { Command } from 'commander';
import { legacyStatus } from '../../../shared/domain/migration';
import { MODES, spValues, type SpValues } from '../../../shared/domain/modes';
import { spMetadataXml } from '../../../shared/domain/sp-metadata';
import { parseNow } from '../now';
import { parseFormat, printJson, printText, printWarning } from '../output';
import { addModeOptions, parseMode, readIds, rejectOptionsNotForMode, usageErrorFrom, type IdOptions } from './ids';

interface ValuesOptions extends IdOptions {
  format?: string;
  now?: string;
}

function run(options: ValuesOptions): void {
  const format = parseFormat(options.format, ['text', 'json']);
  const mode = parseMode(options.mode);
  rejectOptionsNotForMode(mode, { connectionId: options.connection, accountSid: options.accountSid, realmSid: options.realm });
  const now = parseNow(options.now) ?? new Date();
  const { ids, notes } = readIds(options);
  let values: SpValues;
  let enhanced: SpValues | null = null;
  try {
    values = spValues(mode, ids);
    if (mode === 'flex-legacy' && ids.connectionId) enhanced = spValues('flex-enhanced', ids);
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const definition = MODES[mode];
  const legacy = mode === 'flex-legacy' ? legacyStatus(now) : null;
  const warnings = legacy ? [legacy.warning] : [];
  // The one line a script sees even when it reads only stdout's JSON.
  for (const warning of warnings) printWarning(warning);
  const xml = spMetadataXml(values);
  if (format === 'json') {
    printJson({
      mode,
      acsUrl: values.acsUrl,
      entityId: values.entityId,
      spMetadataXml: xml,
      label: definition.label,
      retired: legacy?.retired ?? false,
      warnings,
      notes,
      ...(legacy ? { migration: { deadline: legacy.deadline, retired: legacy.retired, enhanced } } : {}),
    });
    return;
  }
  const lines = [definition.label + (legacy ? (legacy.retired ? ' (retired)' : ` (to move by ${legacy.deadlineText})`) : '')];
  for (const warning of warnings) lines.push('', `Warning: ${warning}`);
  for (const note of notes) lines.push('', `Note: ${note}`);
  lines.push(
    '',
    legacy ? 'ACS URL today (legacy; Reply URL, Single sign-on URL, ACS URL):' : 'ACS URL (Reply URL, Single sign-on URL, ACS URL):',
    `  ${values.acsUrl}`,
    legacy ? 'SP Entity ID today (legacy; Identifier, Audience URI, Entity ID):' : 'SP Entity ID (Identifier, Audience URI, Entity ID):',
    `  ${values.entityId}`,
  );
  if (enhanced) {
    lines.push('', 'After the move to enhanced SSO:', `  ACS URL:   ${enhanced.acsUrl}`, `  Entity ID: ${enhanced.entityId}`);
  } else if (legacy) {
    lines.push('', 'The enhanced values come from the Console: Flex > Users and access > Single sign-on, Start setup; give --connection JQ… to see them here.');
  }
  lines.push('', 'SP metadata XML (for IdPs that import one):', xml);
  printText(lines.join('\n'));
}

export function registerValuesCommand(program: Command): void {
  addModeOptions(
    program.command('values').description('the values Twilio gives you to paste into your identity provider, for one mode (ACS URL, Entity ID, SP metadata)'),
  )
    .option('--format <format>', 'text or json', 'text')
    .option('--now <date>', 'compare the dates it states (the legacy deadline) with this ISO 8601 date instead of today')
    .action((options: ValuesOptions) => run(options));
}
