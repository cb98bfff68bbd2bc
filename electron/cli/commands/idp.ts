import type { Command } from 'commander';
import { ADMIN_IDP_CLI_NAMES, type AdminIdpCliName, type DesiredSetup, type RoleAssignmentRequest } from '../../../shared/idp-admin/desired';
import { CliUsageError, EXIT_FINDINGS, EXIT_OK } from '../errors';
import { parseFormat, printJson, printText } from '../output';
import { addModeOptions, parseMode, readIds, usageErrorFrom, type IdOptions } from './ids';

/**
 * `flex-sso idp plan|apply|undo --idp entra|okta …`: "Set it up for me" from the command line.
 * Credentials come from environment variables, never from an argument (arguments are visible to
 * every user of the machine and stay in shell history).
 */

export const IDP_ENV = {
  entraToken: 'FLEX_SSO_ENTRA_ACCESS_TOKEN',
  oktaToken: 'FLEX_SSO_OKTA_API_TOKEN',
  oktaKeyFile: 'FLEX_SSO_OKTA_PRIVATE_KEY_FILE',
} as const;

interface IdpFlags extends IdOptions {
  idp?: string;
  appName?: string;
  insightsRoles?: string;
  assign?: string[];
  org?: string;
  clientId?: string;
  graphUrl?: string;
  loginUrl?: string;
  journal?: string;
  format?: string;
}

const ACTIONS = ['plan', 'apply', 'undo'] as const;
type Action = (typeof ACTIONS)[number];

function parseIdp(value: string | undefined): AdminIdpCliName {
  const names = Object.keys(ADMIN_IDP_CLI_NAMES);
  if (!value) throw new CliUsageError(`--idp is required: one of ${names.join(', ')}`);
  if (!names.includes(value)) throw new CliUsageError(`--idp must be one of ${names.join(', ')}; "${value}" is not (Google Workspace has no API for custom SAML apps: use flex-sso checklist)`);
  return value as AdminIdpCliName;
}

function parseAssignments(values: string[] | undefined): RoleAssignmentRequest[] {
  return (values ?? []).map((value) => {
    const match = /^(group|user):([^:\s]+):([a-z._]+)$/.exec(value.trim());
    if (!match) throw new CliUsageError(`--assign takes group:<id>:<role> or user:<id>:<role>; "${value}" is not that`);
    return { principalType: match[1] as 'group' | 'user', principalId: match[2]!, role: match[3]! };
  });
}

function requireEnv(name: string, what: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new CliUsageError(`set ${name} to ${what} (credentials are never taken as arguments)`);
  return value;
}

async function buildProvider(idp: AdminIdpCliName, flags: IdpFlags) {
  if (idp === 'okta') {
    if (!flags.org) throw new CliUsageError('--org is required for Okta: your org URL, e.g. https://example.okta.com');
    const { OktaProvider } = await import('../../services/idp-admin/okta');
    const keyFile = process.env[IDP_ENV.oktaKeyFile]?.trim();
    if (keyFile) {
      if (!flags.clientId) throw new CliUsageError(`--client-id is required with ${IDP_ENV.oktaKeyFile}: the client id of the Okta API service app`);
      const { readFile } = await import('node:fs/promises');
      const privateKeyPem = await readFile(keyFile, 'utf8').catch(() => {
        throw new CliUsageError(`${IDP_ENV.oktaKeyFile}: cannot read ${keyFile}`);
      });
      return new OktaProvider({ orgUrl: flags.org, credentials: { kind: 'private-key', clientId: flags.clientId, privateKeyPem } });
    }
    const token = requireEnv(IDP_ENV.oktaToken, `an Okta API token (Security > API > Tokens), or ${IDP_ENV.oktaKeyFile} to a service app's private key`);
    return new OktaProvider({ orgUrl: flags.org, credentials: { kind: 'api-token', token } });
  }
  if (idp === 'entra') {
    const { EntraProvider, tenantOfToken } = await import('../../services/idp-admin/entra');
    const token = requireEnv(IDP_ENV.entraToken, 'a delegated Microsoft Graph access token (for example from "az account get-access-token --resource-type ms-graph")');
    const tenantId = tenantOfToken(token);
    if (!tenantId) throw new CliUsageError(`${IDP_ENV.entraToken} is not a Microsoft Graph access token (no tenant id in it)`);
    return new EntraProvider({ accessToken: async () => token, tenantId, ...(flags.graphUrl ? { graphUrl: flags.graphUrl } : {}), ...(flags.loginUrl ? { loginUrl: flags.loginUrl } : {}) });
  }
  throw new CliUsageError('Auth0 is not available from the command line yet: follow flex-sso checklist --idp auth0');
}

async function run(action: Action, flags: IdpFlags): Promise<void> {
  const format = parseFormat(flags.format);
  const idp = parseIdp(flags.idp);
  const mode = parseMode(flags.mode);
  const { desiredSetup } = await import('../../../shared/idp-admin/desired');
  let desired: DesiredSetup;
  try {
    desired = desiredSetup({
      idp: ADMIN_IDP_CLI_NAMES[idp],
      mode,
      ids: readIds(flags).ids,
      ...(flags.appName ? { appName: flags.appName } : {}),
      insightsRoles: (flags.insightsRoles ?? '').split(',').map((r) => r.trim()).filter(Boolean),
      assignments: parseAssignments(flags.assign),
    });
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const { IdpAdminError } = await import('../../services/idp-admin/admin-http');
  const engine = await import('../../services/idp-admin/engine');
  const { readJournal, writeJournal, defaultJournalPath } = await import('../../services/idp-admin/journal-file');
  const journalPath = flags.journal ?? defaultJournalPath(idp, desired.marker);
  let outcome: Record<string, unknown>;
  let failed = false;
  try {
    const provider = await buildProvider(idp, flags);
    const previous = await readJournal(journalPath);
    if (action === 'undo') {
      if (!previous) throw new CliUsageError(`there is no journal at ${journalPath}: nothing the wizard created is known (give --journal FILE)`);
      const journal = await engine.undoSetup(provider, previous, { onJournal: (j) => writeJournal(journalPath, j) });
      outcome = { action, idp, tenant: provider.tenant, state: journal.state, journal: journalPath };
    } else {
      const plan = await engine.planSetup(provider, desired, previous && previous.state !== 'undone' ? previous : null);
      const steps = plan.steps.map(({ id, title, permission }) => ({ id, title, permission }));
      if (action === 'plan') {
        outcome = { action, idp, tenant: provider.tenant, mode, nothingToDo: steps.length === 0, steps };
      } else {
        const journal = await engine.applySetup(provider, plan, {
          onJournal: (j) => writeJournal(journalPath, j),
          onProgress: (p) => {
            if (format === 'text' && process.stderr.isTTY) process.stderr.write(`[${p.index + 1}/${p.total}] ${p.title}\n`);
          },
        });
        const result = await engine.setupResult(provider, journal);
        const { importMetadata } = await import('../../services/analysis');
        const metadata = await importMetadata({ xml: result.metadataXml });
        outcome = {
          action,
          idp,
          tenant: provider.tenant,
          mode,
          state: journal.state,
          applied: steps,
          created: engine.createdObjects(journal),
          links: result.links,
          metadataUrl: result.metadataUrl,
          twilioConsole: metadata.consoleFields,
          journal: journalPath,
        };
      }
    }
  } catch (error) {
    if (!(error instanceof IdpAdminError)) throw error;
    failed = true;
    outcome = { action, idp, ok: false, problem: error.problem, error: error.message, journal: journalPath };
  }
  if (format === 'json') printJson({ ok: !failed, ...outcome });
  else printText(describe(outcome));
  process.exitCode = failed ? EXIT_FINDINGS : EXIT_OK;
}

function describe(outcome: Record<string, unknown>): string {
  if (outcome.error) return `Stopped: ${String(outcome.error)}\nThe journal is in ${String(outcome.journal)}; run the same command again to continue, or "idp undo" to take back what was done.`;
  const lines: string[] = [];
  const steps = (outcome.steps ?? outcome.applied ?? []) as Array<{ title: string; permission: string }>;
  if (outcome.action === 'plan') {
    if (steps.length === 0) lines.push('Nothing to do: the IdP already matches.');
    steps.forEach((step, index) => lines.push(`${index + 1}. ${step.title}`, `   needs: ${step.permission}`));
  } else if (outcome.action === 'apply') {
    lines.push(steps.length === 0 ? 'Nothing to change.' : `Done: ${steps.length} change(s).`);
    for (const link of (outcome.links ?? []) as Array<{ label: string; consoleUrl: string | null }>) if (link.consoleUrl) lines.push(`${link.label}: ${link.consoleUrl}`);
    const fields = outcome.twilioConsole as { identityProviderIssuer: string | null; singleSignOnUrl: string | null; x509Certificate: string | null } | undefined;
    if (fields) lines.push('', 'Paste into the Twilio Console:', `  Identity Provider Issuer: ${fields.identityProviderIssuer ?? '-'}`, `  Single Sign-On URL: ${fields.singleSignOnUrl ?? '-'}`, `  X.509 Certificate:`, fields.x509Certificate ?? '-');
  } else {
    lines.push(`Undo: ${String(outcome.state)}.`);
  }
  return lines.join('\n');
}

export function registerIdpCommand(program: Command): void {
  const idp = program.command('idp').description('set up the IdP for you through its admin API: plan, apply, undo (Entra ID, Okta)');
  for (const action of ACTIONS) {
    addModeOptions(idp.command(action).description(action === 'plan' ? 'say what would change, and which permission each change needs' : action === 'apply' ? 'make the changes; a journal records each one' : 'take back everything the journal says was created'))
      .option('--idp <idp>', `one of ${Object.keys(ADMIN_IDP_CLI_NAMES).join(', ')}`)
      .option('--app-name <name>', 'the app name in the IdP')
      .option('--insights-roles <roles>', 'Flex Insights roles to create, comma-separated (wfo.…)')
      .option('--assign <principal>', 'group:<id>:<role> or user:<id>:<role>, repeatable', (value: string, all: string[] = []) => [...all, value])
      .option('--org <url>', 'Okta: the org URL (https://example.okta.com)')
      .option('--client-id <id>', `Okta: the API service app's client id (with ${IDP_ENV.oktaKeyFile})`)
      .option('--graph-url <url>', 'Entra: Microsoft Graph for a national cloud (default https://graph.microsoft.com/v1.0)')
      .option('--login-url <url>', 'Entra: the sign-in host for a national cloud (default https://login.microsoftonline.com)')
      .option('--journal <file>', 'where the journal is kept (default: a file in the current folder named after the IdP and connection)')
      .option('--format <format>', 'text or json', 'text')
      .action((flags: IdpFlags) => run(action, flags));
  }
}
