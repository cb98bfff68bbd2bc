import type { Command } from 'commander';
import { FRONTLINE_CLOSED_NOTE } from '../../../shared/domain/frontline';
import { ENHANCED_SETUP_START, LEGACY_VALUES_PURPOSE, legacyStatus } from '../../../shared/domain/migration';
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
  const { ids, notes: idNotes } = readIds(options);
  const notes = mode === 'frontline' ? [FRONTLINE_CLOSED_NOTE, ...idNotes] : idNotes;
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
  // Legacy SSO is retired or on its way out: no IdP app may be built from its values, so its SP
  // metadata is never offered; the metadata shown is the enhanced one, once the connection is known.
  const xml = legacy ? null : spMetadataXml(values);
  const enhancedXml = enhanced ? spMetadataXml(enhanced) : null;
  const next =
    legacy && !enhanced ? `${ENHANCED_SETUP_START} Then give that id with --connection JQ… to see the enhanced values and their SP metadata here.` : null;
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
      ...(legacy
        ? {
            migration: {
              deadline: legacy.deadline,
              retired: legacy.retired,
              enhanced: enhanced && enhancedXml ? { ...enhanced, spMetadataXml: enhancedXml } : null,
              ...(next ? { next } : {}),
            },
          }
        : {}),
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
  if (legacy) lines.push('', LEGACY_VALUES_PURPOSE);
  if (enhanced && enhancedXml) {
    lines.push(
      '',
      'After the move to enhanced SSO:',
      `  ACS URL:   ${enhanced.acsUrl}`,
      `  Entity ID: ${enhanced.entityId}`,
      '',
      'SP metadata XML after the move to enhanced SSO (for IdPs that import one):',
      enhancedXml,
    );
  } else if (next) {
    lines.push('', next);
  }
  if (xml) lines.push('', 'SP metadata XML (for IdPs that import one):', xml);
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
