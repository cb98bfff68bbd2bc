import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildChecklist, renderHtml, renderJson, renderMarkdown } from '../../../shared/checklist';
import { IDP_IDS, isIdpId, type IdpId } from '../../../shared/idps';
import { CliUsageError } from '../errors';
import { parseFormat } from '../output';
import { addModeOptions, idsFrom, parseMode, usageErrorFrom, type IdOptions } from './ids';

interface ChecklistOptions extends IdOptions {
  idp?: string;
  format?: string;
  out?: string;
  appName?: string;
  insightsRoles?: string;
  customDomain?: string;
  browser?: string;
}

function parseIdp(value: string | undefined): IdpId {
  if (value === undefined) throw new CliUsageError(`--idp is required: one of ${IDP_IDS.join(', ')}`);
  if (!isIdpId(value)) throw new CliUsageError(`--idp must be one of ${IDP_IDS.join(', ')}; "${value}" is not`);
  return value;
}

async function write(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'write failed';
    throw new CliUsageError(`--out: cannot write "${path}" (${reason}); check that the folder exists and is writable`);
  }
}

async function run(options: ChecklistOptions): Promise<void> {
  const format = parseFormat(options.format, ['md', 'html', 'json', 'pdf']);
  const mode = parseMode(options.mode);
  const idp = parseIdp(options.idp);
  if (format === 'pdf' && !options.out && process.stdout.isTTY) {
    throw new CliUsageError('--format pdf writes binary data: give --out FILE.pdf, or redirect stdout to a file');
  }
  let checklist;
  try {
    checklist = buildChecklist({
      mode,
      idp,
      ...idsFrom(options),
      appName: options.appName,
      insightsRoles: options.insightsRoles?.split(','),
      customDomain: options.customDomain,
    });
  } catch (error) {
    throw usageErrorFrom(error);
  }

  let output: string | Uint8Array;
  if (format === 'pdf') {
    const { htmlToPdf, ChromiumMissingError } = await import('../../services/checklist-pdf');
    try {
      output = await htmlToPdf(renderHtml(checklist), { browser: options.browser });
    } catch (error) {
      if (error instanceof ChromiumMissingError) throw new CliUsageError(error.message);
      throw new CliUsageError(`PDF rendering failed in Chromium: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  } else {
    output = format === 'md' ? renderMarkdown(checklist) : format === 'html' ? renderHtml(checklist) : renderJson(checklist);
  }

  if (options.out) {
    await write(options.out, output);
    process.stderr.write(`flex-sso: wrote ${options.out}\n`);
    return;
  }
  await new Promise<void>((resolve, reject) => process.stdout.write(output, (error) => (error ? reject(error) : resolve())));
}

export function registerChecklistCommand(program: Command): void {
  addModeOptions(
    program
      .command('checklist')
      .description('the whole setup checklist for one mode and identity provider (md, html, json, pdf). Without --out it goes to stdout; PDF to stdout only when stdout is redirected.'),
  )
    .option('--idp <idp>', `one of ${IDP_IDS.join(', ')}`)
    .option('--format <format>', 'md, html, json or pdf', 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--app-name <name>', 'the name of the app in the IdP (default "Twilio Flex" / "Twilio Frontline")')
    .option('--insights-roles <roles>', 'comma-separated Flex Insights roles to model, e.g. wfo.full_access,wfo.team_leader')
    .option('--custom-domain <host>', 'a self-hosted or vanity Flex domain, e.g. flex.example.com')
    .option('--browser <path>', 'Chromium or Chrome executable for --format pdf (default: found as in the README)')
    .action((options: ChecklistOptions) => run(options));
}
