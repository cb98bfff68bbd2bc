import type { Command } from 'commander';
import { LEGACY_SSO } from '../../../shared/domain/migration';
import { MODES, spValues } from '../../../shared/domain/modes';
import { spMetadataXml } from '../../../shared/domain/sp-metadata';
import { parseFormat, printJson, printText } from '../output';
import { addModeOptions, idsFrom, parseMode, usageErrorFrom, type IdOptions } from './ids';

interface ValuesOptions extends IdOptions {
  format?: string;
}

function run(options: ValuesOptions): void {
  const format = parseFormat(options.format, ['text', 'json']);
  const mode = parseMode(options.mode);
  const ids = idsFrom(options);
  let values;
  let enhanced = null;
  try {
    values = spValues(mode, ids);
    if (mode === 'flex-legacy' && ids.connectionId) enhanced = spValues('flex-enhanced', ids);
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const definition = MODES[mode];
  const xml = spMetadataXml(values);
  if (format === 'json') {
    printJson({
      mode,
      acsUrl: values.acsUrl,
      entityId: values.entityId,
      spMetadataXml: xml,
      label: definition.label,
      retired: definition.retired,
      ...(definition.retired ? { migration: { deadline: LEGACY_SSO.deadline, enhanced } } : {}),
    });
    return;
  }
  const lines = [
    definition.label + (definition.retired ? ` (retired: move to enhanced SSO before ${LEGACY_SSO.deadline})` : ''),
    '',
    'ACS URL (Reply URL, Single sign-on URL, ACS URL):',
    `  ${values.acsUrl}`,
    'SP Entity ID (Identifier, Audience URI, Entity ID):',
    `  ${values.entityId}`,
  ];
  if (enhanced) {
    lines.push('', 'After the move to enhanced SSO:', `  ACS URL:   ${enhanced.acsUrl}`, `  Entity ID: ${enhanced.entityId}`);
  }
  lines.push('', 'SP metadata XML (for IdPs that import one):', xml);
  printText(lines.join('\n'));
}

export function registerValuesCommand(program: Command): void {
  addModeOptions(
    program.command('values').description('the values Twilio gives you to paste into your identity provider, for one mode (ACS URL, Entity ID, SP metadata)'),
  )
    .option('--format <format>', 'text or json', 'text')
    .action((options: ValuesOptions) => run(options));
}
