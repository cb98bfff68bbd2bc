import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildChecklist, renderHtml, renderJson, renderMarkdown } from '../../../shared/checklist';
import { dirname, join, resolve } from 'node:path';
import type { IdpId } from '../../../shared/idps';
import { CliUsageError } from '../errors';
import { parseFormat, printWarning } from '../output';
import { FRONTLINE_WORKSPACE_ID } from '../../../shared/domain/frontline';
import { legacyStatus } from '../../../shared/domain/migration';
import { parseNow } from '../now';
import { addModeOptions, idpOptionHelp, parseIdpOption, parseMode, readIds, rejectOptionsNotForMode, usageErrorFrom, type IdOptions } from './ids';
import { errorMessage } from '../../../shared/errors';

interface ChecklistOptions extends IdOptions {
  idp?: string;
  format?: string;
  out?: string;
  appName?: string;
  insightsRoles?: string;
  customDomain?: string;
  workspaceId?: string;
  auth0ClientId?: string;
  now?: string;
  browser?: string;
}

function parseIdp(value: string | undefined): IdpId {
  if (value === undefined) throw new CliUsageError(`--idp is required: one of ${idpOptionHelp()}`);
  return parseIdpOption(value);
}

/** Writes --out; messages name the absolute path, so a relative one says where it was looked for. */
async function write(given: string, data: string | Uint8Array, format: string): Promise<void> {
  const path = resolve(given);
  try {
    await writeFile(path, data);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
    const example = join(path, `flex-sso-checklist.${format}`);
    const reason =
      code === 'EISDIR'
        ? `"${path}" is a folder: give a file name in it, such as ${example}`
        : code === 'ENOENT'
          ? `the folder "${dirname(path)}" does not exist: create it first, or write the file somewhere else`
          : code === 'EACCES' || code === 'EPERM'
            ? `"${path}" cannot be written here (permission denied): choose a folder you may write to`
            : `"${path}" could not be written: check that its folder exists and that you may write there`;
    throw new CliUsageError(`--out: ${reason}`);
  }
}

async function run(options: ChecklistOptions): Promise<void> {
  const format = parseFormat(options.format, ['md', 'html', 'json', 'pdf']);
  const mode = parseMode(options.mode);
  const idp = parseIdp(options.idp);
  rejectOptionsNotForMode(mode, {
    connectionId: options.connection,
    accountSid: options.accountSid,
    realmSid: options.realm,
    workspaceId: options.workspaceId,
    customDomain: options.customDomain,
    insightsRoles: options.insightsRoles,
  });
  if (options.auth0ClientId !== undefined && idp !== 'auth0') throw new CliUsageError(`--auth0-client-id applies to --idp auth0 only; leave it out for ${idp}`);
  if (options.auth0ClientId !== undefined && options.auth0ClientId.trim() === '')
    throw new CliUsageError('--auth0-client-id is empty: give the Client ID of the Auth0 application (or its metadata URL), or leave the option out');
  if (options.appName !== undefined && options.appName.trim() === '')
    throw new CliUsageError('--app-name is empty: give a name, or leave the option out for the default');
  if (format === 'pdf' && !options.out && process.stdout.isTTY) {
    throw new CliUsageError('--format pdf writes binary data: give --out FILE.pdf, or redirect stdout to a file');
  }
  const now = parseNow(options.now) ?? new Date();
  const { ids } = readIds(options);
  let checklist;
  try {
    checklist = buildChecklist({
      mode,
      idp,
      ...ids,
      appName: options.appName,
      insightsRoles: options.insightsRoles?.split(','),
      customDomain: options.customDomain,
      workspaceId: options.workspaceId,
      auth0ClientId: options.auth0ClientId,
      now,
    });
  } catch (error) {
    throw usageErrorFrom(error);
  }
  if (mode === 'flex-legacy') printWarning(legacyStatus(now).warning);

  let output: string | Uint8Array;
  if (format === 'pdf') {
    const { htmlToPdf, ChromiumMissingError } = await import('../../services/checklist-pdf');
    try {
      output = await htmlToPdf(renderHtml(checklist), { browser: options.browser });
    } catch (error) {
      if (error instanceof ChromiumMissingError) throw new CliUsageError(error.message);
      throw new CliUsageError(`PDF rendering failed in Chromium: ${errorMessage(error).split('\n')[0]}`);
    }
  } else {
    output = format === 'md' ? renderMarkdown(checklist) : format === 'html' ? renderHtml(checklist) : renderJson(checklist);
  }

  if (options.out) {
    await write(options.out, output, format);
    process.stderr.write(`flex-sso: Wrote ${resolve(options.out)}.\n`);
    return;
  }
  await new Promise<void>((resolve, reject) => process.stdout.write(output, (error) => (error ? reject(error) : resolve())));
}

export function registerChecklistCommand(program: Command): void {
  addModeOptions(
    program
      .command('checklist')
      .description(
        'the whole setup checklist for one mode and identity provider (md, html, json, pdf). Without --out it goes to stdout; PDF to stdout only when stdout is redirected.',
      ),
  )
    .option('--idp <idp>', `one of ${idpOptionHelp()}`)
    .option('--format <format>', 'md, html, json or pdf', 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--app-name <name>', 'the name of the app in the IdP (default "Twilio Flex" / "Twilio Frontline")')
    .option('--insights-roles <roles>', 'comma-separated Flex Insights roles to model, e.g. wfo.full_access,wfo.team_leader')
    .option(
      '--custom-domain <origin>',
      'where a self-hosted Flex UI runs: https://flex.example.com, a port if any (https://flex.example.com:8443), or http:// only on this computer (http://localhost:3000)',
    )
    .option('--workspace-id <id>', `frontline: the ${FRONTLINE_WORKSPACE_ID.label}. ${FRONTLINE_WORKSPACE_ID.explanation}`)
    .option('--auth0-client-id <id>', 'auth0: the Client ID of the Auth0 application, or its metadata URL; the Post-Login Action names it')
    .option('--now <date>', 'compare the dates it states (the legacy deadline) with this ISO 8601 date instead of today')
    .option('--browser <path>', 'Chromium or Chrome executable for --format pdf (default: found as in the README)')
    .action((options: ChecklistOptions) => run(options));
}
