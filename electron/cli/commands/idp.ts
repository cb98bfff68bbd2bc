import type { Command } from 'commander';
import { ADMIN_IDP_CLI_NAMES, noAdminApiReason, type AdminIdpCliName, type DesiredSetup, type RoleAssignmentRequest } from '../../../shared/idp-admin/desired';
import { resolveIdpId } from '../../../shared/idps';
import { sentence } from '../../../shared/text';
import type { Auth0Credentials } from '../../services/idp-admin/auth0';
import type { IdpCredentialStore } from '../../services/idp-admin/credentials';
import type { OktaCredentials } from '../../services/idp-admin/okta';
import type { IdpAdminProvider } from '../../services/idp-admin/types';
import { CliUsageError, EXIT_FINDINGS, EXIT_OK } from '../errors';
import { parseFormat, printJson, printText } from '../output';
import { addModeOptions, parseMode, readIds, usageErrorFrom, type IdOptions } from './ids';

/**
 * `flex-sso idp sign-in|sign-out|plan|apply|undo --idp entra|okta|auth0 …`: "Set it up for me" from
 * the command line. Credentials come from the keychain (stored by `idp sign-in`, which reads the
 * secret at a hidden prompt or from standard input) or from environment variables, never from an
 * argument (arguments are visible to every user of the machine and stay in shell history).
 */

const IDP_ENV = {
  entraToken: 'FLEX_SSO_ENTRA_ACCESS_TOKEN',
  oktaToken: 'FLEX_SSO_OKTA_API_TOKEN',
  oktaKeyFile: 'FLEX_SSO_OKTA_PRIVATE_KEY_FILE',
  auth0ClientSecret: 'FLEX_SSO_AUTH0_CLIENT_SECRET',
  auth0Token: 'FLEX_SSO_AUTH0_MANAGEMENT_TOKEN',
} as const;

interface IdpFlags extends IdOptions {
  idp?: string;
  appName?: string;
  insightsRoles?: string;
  assign?: string[];
  org?: string;
  domain?: string;
  clientId?: string;
  graphUrl?: string;
  loginUrl?: string;
  tenant?: string;
  authorityHost?: string;
  deviceCode?: boolean;
  journal?: string;
  format?: string;
  check?: boolean;
}

const ACTIONS = ['plan', 'apply', 'undo'] as const;
type Action = (typeof ACTIONS)[number];

function parseIdp(value: string | undefined): AdminIdpCliName {
  const names = Object.keys(ADMIN_IDP_CLI_NAMES);
  if (!value) throw new CliUsageError(`--idp is required: one of ${names.join(', ')}`);
  // Any spelling of the IdP (shared/idps/ids.ts: azure-ad and entra alike), then the name this command uses for it.
  const idp = resolveIdpId(value);
  const name = idp === null ? undefined : (Object.keys(ADMIN_IDP_CLI_NAMES) as AdminIdpCliName[]).find((cliName) => ADMIN_IDP_CLI_NAMES[cliName] === idp);
  if (name === undefined) {
    const why = idp === null ? '' : ` (${noAdminApiReason(idp).replace(/\.$/, '')}; flex-sso checklist --idp ${idp} gives the steps)`;
    throw new CliUsageError(`--idp must be one of ${names.join(', ')}; "${value}" is not${why}`);
  }
  return name;
}

function parseAssignments(values: string[] | undefined): RoleAssignmentRequest[] {
  return (values ?? []).map((value) => {
    const match = /^(group|user):([^:\s]+):([a-z._]+)$/.exec(value.trim());
    if (!match) throw new CliUsageError(`--assign takes group:<id>:<role> or user:<id>:<role>; "${value}" is not that`);
    return { principalType: match[1] as 'group' | 'user', principalId: match[2]!, role: match[3]! };
  });
}

function env(name: string): string | null {
  return process.env[name]?.trim() || null;
}

/** A URL problem found before any call is bad usage (exit 2), not an IdP refusal. */
async function asUsage<T>(work: () => T | Promise<T>): Promise<T> {
  const { IdpAdminError } = await import('../../services/idp-admin/admin-http');
  try {
    return await work();
  } catch (error) {
    if (error instanceof IdpAdminError && error.problem === 'bad-request') throw new CliUsageError(error.message.replace(/\.$/, ''));
    throw error;
  }
}

interface Tenant {
  idp: 'okta' | 'auth0';
  /** The host the keychain entry is named after. */
  host: string;
  url: string;
}

async function tenantOf(idp: 'okta' | 'auth0', flags: IdpFlags): Promise<Tenant> {
  if (idp === 'okta') {
    if (!flags.org) throw new CliUsageError('--org is required for Okta: your org URL, e.g. https://example.okta.com');
    const { oktaOrgUrl } = await import('../../services/idp-admin/okta');
    const url = await asUsage(() => oktaOrgUrl(flags.org!));
    return { idp, host: new URL(url).host, url };
  }
  if (!flags.domain) throw new CliUsageError('--domain is required for Auth0: your tenant domain, e.g. example.us.auth0.com');
  const { auth0Origin } = await import('../../services/idp-admin/auth0');
  const url = await asUsage(() => auth0Origin(flags.domain!));
  return { idp, host: new URL(url).host, url };
}

/** The keychain's IdP credentials, or why it cannot be used here. */
async function keychain(): Promise<{ store: IdpCredentialStore | null; problem: string | null }> {
  const { SecretVault } = await import('../../services/secrets/secret-vault');
  const { IdpCredentialStore } = await import('../../services/idp-admin/credentials');
  const vault = await SecretVault.open();
  const problem = await vault.unavailableReason();
  return problem ? { store: null, problem: `the system keychain is not available: ${problem}` } : { store: new IdpCredentialStore(vault), problem: null };
}

function notSignedIn(tenant: Tenant, alternative: string, problem: string | null): CliUsageError {
  const flag = tenant.idp === 'okta' ? `--org ${tenant.url}` : `--domain ${tenant.host}`;
  return new CliUsageError(
    `not signed in to ${tenant.host}: run "flex-sso idp sign-in --idp ${tenant.idp} ${flag}", which keeps the secret in the keychain, or set ${alternative}. Credentials are never taken as arguments.${problem ? ` ${sentence(problem)}` : ''}`,
  );
}

async function oktaCredentials(tenant: Tenant, flags: IdpFlags): Promise<OktaCredentials> {
  const keyFile = env(IDP_ENV.oktaKeyFile);
  if (keyFile) {
    if (!flags.clientId) throw new CliUsageError(`--client-id is required with ${IDP_ENV.oktaKeyFile}: the client id of the Okta API service app`);
    const { readFile } = await import('node:fs/promises');
    const privateKeyPem = await readFile(keyFile, 'utf8').catch(() => {
      throw new CliUsageError(`${IDP_ENV.oktaKeyFile}: cannot read ${keyFile}`);
    });
    return { kind: 'private-key', clientId: flags.clientId, privateKeyPem };
  }
  const token = env(IDP_ENV.oktaToken);
  if (token) return { kind: 'api-token', token };
  const { store, problem } = await keychain();
  const stored = store ? await store.read('okta', tenant.host) : null;
  if (stored) return stored;
  throw notSignedIn(tenant, `${IDP_ENV.oktaToken} to an Okta API token (Security > API > Tokens)`, problem);
}

async function auth0Credentials(tenant: Tenant, flags: IdpFlags): Promise<Auth0Credentials> {
  const secret = env(IDP_ENV.auth0ClientSecret);
  if (secret) {
    if (!flags.clientId)
      throw new CliUsageError(`--client-id is required with ${IDP_ENV.auth0ClientSecret}: the Client ID of the machine-to-machine application`);
    return { kind: 'client-credentials', clientId: flags.clientId, clientSecret: secret };
  }
  const token = env(IDP_ENV.auth0Token);
  if (token) return { kind: 'management-token', token };
  const { store, problem } = await keychain();
  const stored = store ? await store.read('auth0', tenant.host) : null;
  if (stored) return stored;
  throw notSignedIn(tenant, `${IDP_ENV.auth0ClientSecret} (with --client-id) to the machine-to-machine application's Client Secret`, problem);
}

async function providerFor(tenant: Tenant, credentials: OktaCredentials | Auth0Credentials): Promise<IdpAdminProvider> {
  if (tenant.idp === 'okta') {
    const { OktaProvider } = await import('../../services/idp-admin/okta');
    return new OktaProvider({ orgUrl: tenant.url, credentials: credentials as OktaCredentials });
  }
  const { Auth0Provider } = await import('../../services/idp-admin/auth0');
  return new Auth0Provider({ domain: tenant.url, credentials: credentials as Auth0Credentials });
}

async function entraSignIn(flags: IdpFlags) {
  const { EntraSignIn } = await import('../../services/idp-admin/entra-signin');
  const { SecretVault } = await import('../../services/secrets/secret-vault');
  const vault = await SecretVault.open();
  const problem = await vault.unavailableReason();
  const settings = {
    ...(flags.clientId ? { clientId: flags.clientId } : {}),
    ...(flags.authorityHost ? { authorityHost: flags.authorityHost } : {}),
    ...(flags.tenant ? { tenant: flags.tenant } : {}),
    ...(flags.graphUrl ? { graphUrl: flags.graphUrl } : {}),
  };
  return { signIn: await asUsage(() => new EntraSignIn(settings, vault)), problem: problem ? `the system keychain is not available: ${problem}` : null };
}

async function buildProvider(idp: AdminIdpCliName, flags: IdpFlags): Promise<IdpAdminProvider> {
  if (idp === 'entra') {
    const { EntraProvider, tenantOfToken } = await import('../../services/idp-admin/entra');
    const endpoints = {
      ...(flags.graphUrl ? { graphUrl: flags.graphUrl } : {}),
      ...(flags.loginUrl || flags.authorityHost ? { loginUrl: flags.loginUrl ?? flags.authorityHost! } : {}),
    };
    const token = env(IDP_ENV.entraToken);
    if (token) {
      const tenantId = tenantOfToken(token);
      if (!tenantId) throw new CliUsageError(`${IDP_ENV.entraToken} is not a Microsoft Graph access token (no tenant id in it)`);
      return asUsage(() => new EntraProvider({ accessToken: async () => token, tenantId, ...endpoints }));
    }
    const { signIn, problem } = await entraSignIn(flags);
    const session = problem ? null : await signIn.signedIn(flags.tenant);
    if (!session) {
      throw new CliUsageError(
        `not signed in to Microsoft Entra: run "flex-sso idp sign-in --idp entra", which keeps the sign-in in the keychain, or set ${IDP_ENV.entraToken} to a delegated Microsoft Graph access token. Credentials are never taken as arguments.${problem ? ` ${sentence(problem)}` : ''}`,
      );
    }
    return asUsage(() => new EntraProvider({ accessToken: session.accessToken, tenantId: session.tenantId, ...endpoints }));
  }
  const tenant = await tenantOf(idp, flags);
  return providerFor(tenant, idp === 'okta' ? await oktaCredentials(tenant, flags) : await auth0Credentials(tenant, flags));
}

function finish(format: string, outcome: Record<string, unknown>, failed: boolean): void {
  if (format === 'json') printJson({ ok: !failed, ...outcome });
  else printText(describe(outcome));
  process.exitCode = failed ? EXIT_FINDINGS : EXIT_OK;
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
      insightsRoles: (flags.insightsRoles ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
      assignments: parseAssignments(flags.assign),
    });
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const { IdpAdminError } = await import('../../services/idp-admin/admin-http');
  const engine = await import('../../services/idp-admin/engine');
  const { readJournal, writeJournal, defaultJournalPath } = await import('../../services/idp-admin/journal-file');
  const journalPath = flags.journal ?? defaultJournalPath(idp, desired.marker);
  const provider = await buildProvider(idp, flags);
  let outcome: Record<string, unknown>;
  let failed = false;
  try {
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
    outcome = { action, idp, problem: error.problem, error: error.message, journal: journalPath };
  }
  finish(format, outcome, failed);
}

function secretPrompt(tenant: Tenant, clientId: string | undefined): { prompt: string; pem: boolean } {
  if (tenant.idp === 'okta') {
    return clientId
      ? { prompt: `Private key (PEM) of the Okta API service app ${clientId}; paste it (it is not shown) and press Enter after its END line: `, pem: true }
      : { prompt: `Okta API token for ${tenant.host} (Security > API > Tokens; input hidden): `, pem: false };
  }
  return clientId
    ? { prompt: `Client Secret of the Auth0 machine-to-machine application ${clientId} (input hidden): `, pem: false }
    : { prompt: `Auth0 Management API token for ${tenant.host} (input hidden): `, pem: false };
}

function credentialFrom(tenant: Tenant, clientId: string | undefined, secret: string): OktaCredentials | Auth0Credentials {
  if (tenant.idp === 'okta') return clientId ? { kind: 'private-key', clientId, privateKeyPem: secret } : { kind: 'api-token', token: secret };
  return clientId ? { kind: 'client-credentials', clientId, clientSecret: secret } : { kind: 'management-token', token: secret };
}

async function signIn(flags: IdpFlags): Promise<void> {
  const format = parseFormat(flags.format);
  const idp = parseIdp(flags.idp);
  if (idp === 'entra') return signInToEntra(flags, format);
  const tenant = await tenantOf(idp, flags);
  const { store, problem } = await keychain();
  if (!store) throw new CliUsageError(`${problem}; set the credential in an environment variable for this shell instead (flex-sso idp --help lists them)`);
  const { readSecret } = await import('../secret-input');
  const secret = await readSecret(secretPrompt(tenant, flags.clientId));
  const credential = credentialFrom(tenant, flags.clientId, secret);
  const { IdpAdminError } = await import('../../services/idp-admin/admin-http');
  if (flags.check !== false) {
    try {
      await (await providerFor(tenant, credential)).checkAccess(AbortSignal.timeout(60_000));
    } catch (error) {
      if (!(error instanceof IdpAdminError)) throw error;
      finish(
        format,
        { action: 'sign-in', idp, tenant: tenant.host, stored: null, problem: error.problem, error: `${error.message} Nothing was stored.` },
        true,
      );
      return;
    }
  }
  const stored =
    tenant.idp === 'okta'
      ? await store.store('okta', tenant.host, credential as OktaCredentials)
      : await store.store('auth0', tenant.host, credential as Auth0Credentials);
  finish(format, { action: 'sign-in', idp, tenant: tenant.host, stored, checked: flags.check !== false }, false);
}

/** Microsoft Entra: MSAL in the system browser (loopback redirect, PKCE), or a device code. */
async function signInToEntra(flags: IdpFlags, format: string): Promise<void> {
  const { signIn, problem } = await entraSignIn(flags);
  if (problem) throw new CliUsageError(`${problem}; set ${IDP_ENV.entraToken} for this shell instead`);
  const { IdpAdminError } = await import('../../services/idp-admin/admin-http');
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  try {
    const session = flags.deviceCode
      ? await signIn.deviceCode((prompt) => process.stderr.write(`${prompt.message}\n`), controller.signal)
      : await signIn.interactive(async (url) => {
          process.stderr.write(`Opening Microsoft's sign-in page in your browser. If it does not open, go to:\n${url}\n`);
          const { openSystemBrowser } = await import('../../services/system-browser');
          await openSystemBrowser(url).catch(() => undefined);
        }, controller.signal);
    finish(
      format,
      { action: 'sign-in', idp: 'entra', tenant: session.tenantId, account: session.username, stored: 'keychain', checked: true, permissions: signIn.scopes },
      false,
    );
  } catch (error) {
    if (!(error instanceof IdpAdminError)) throw error;
    finish(format, { action: 'sign-in', idp: 'entra', stored: null, problem: error.problem, error: error.message }, true);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}

async function signOut(flags: IdpFlags): Promise<void> {
  const format = parseFormat(flags.format);
  const idp = parseIdp(flags.idp);
  if (idp === 'entra') {
    const { signIn, problem } = await entraSignIn(flags);
    if (problem) throw new CliUsageError(`${problem}; nothing could be removed`);
    finish(format, { action: 'sign-out', idp, tenant: 'Microsoft Entra', removed: await signIn.signOut() }, false);
    return;
  }
  const tenant = await tenantOf(idp, flags);
  const { store, problem } = await keychain();
  if (!store) throw new CliUsageError(`${problem}; nothing could be removed`);
  const removed = await store.forget(tenant.idp, tenant.host);
  finish(format, { action: 'sign-out', idp, tenant: tenant.host, removed }, false);
}

/** A field of the outcome as text (they are strings; anything else is shown as JSON). */
function said(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describe(outcome: Record<string, unknown>): string {
  if (outcome.error) {
    if (outcome.action === 'sign-in') return `Not signed in: ${said(outcome.error)}`;
    return `Stopped: ${said(outcome.error)}\nThe journal is in ${said(outcome.journal)}; run the same command again to continue, or "idp undo" to take back what was done.`;
  }
  const lines: string[] = [];
  const steps = (outcome.steps ?? outcome.applied ?? []) as Array<{ title: string; permission: string }>;
  if (outcome.action === 'sign-in') {
    lines.push(
      `Signed in to ${String(outcome.tenant)}${outcome.account ? ` as ${said(outcome.account)}` : ''}${outcome.checked ? ' (checked)' : ''}: the sign-in is kept in the system keychain and read from there by idp plan, apply and undo.`,
    );
  } else if (outcome.action === 'sign-out') {
    lines.push(
      outcome.removed
        ? `Signed out of ${String(outcome.tenant)}: the secret was removed from the keychain.`
        : `Nothing was stored for ${String(outcome.tenant)}.`,
    );
  } else if (outcome.action === 'plan') {
    if (steps.length === 0) lines.push('Nothing to do: the IdP already matches.');
    steps.forEach((step, index) => lines.push(`${index + 1}. ${step.title}`, `   needs: ${step.permission}`));
  } else if (outcome.action === 'apply') {
    lines.push(steps.length === 0 ? 'Nothing to change.' : `Done: ${steps.length} change(s).`);
    for (const link of (outcome.links ?? []) as Array<{ label: string; consoleUrl: string | null }>)
      if (link.consoleUrl) lines.push(`${link.label}: ${link.consoleUrl}`);
    const fields = outcome.twilioConsole as
      { identityProviderIssuer: string | null; singleSignOnUrl: string | null; x509Certificate: string | null } | undefined;
    if (fields)
      lines.push(
        '',
        'Paste into the Twilio Console:',
        `  Identity Provider Issuer: ${fields.identityProviderIssuer ?? '-'}`,
        `  Single Sign-On URL: ${fields.singleSignOnUrl ?? '-'}`,
        `  X.509 Certificate:`,
        fields.x509Certificate ?? '-',
      );
  } else {
    lines.push(`Undo: ${String(outcome.state)}.`);
  }
  return lines.join('\n');
}

const TENANT_OPTIONS = (command: Command): Command =>
  command
    .option('--idp <idp>', `one of ${Object.keys(ADMIN_IDP_CLI_NAMES).join(', ')} (entra is also azure-ad)`)
    .option('--org <url>', 'Okta: the org URL (https://example.okta.com)')
    .option('--domain <domain>', 'Auth0: the tenant domain (example.us.auth0.com)')
    .option(
      '--client-id <id>',
      `Okta: the API service app's client id (private-key sign-in); Auth0: the machine-to-machine application's Client ID; Entra: your own public client's Application (client) ID (default: Microsoft Graph Command Line Tools)`,
    )
    .option('--tenant <tenant>', 'Entra: organizations (default), a tenant id or a domain')
    .option('--authority-host <url>', 'Entra: the Microsoft sign-in host for a national cloud (default https://login.microsoftonline.com)')
    .option('--graph-url <url>', 'Entra: Microsoft Graph for a national cloud (default https://graph.microsoft.com/v1.0)')
    .option('--format <format>', 'text or json', 'text');

export function registerIdpCommand(program: Command): void {
  const idp = program
    .command('idp')
    .description('set up the IdP for you through its admin API: sign-in, plan, apply, undo (Entra ID, Okta, Auth0)')
    .addHelpText('after', `\nCredentials: "idp sign-in" keeps them in the system keychain; or set ${Object.values(IDP_ENV).join(', ')}. Never as arguments.`);
  TENANT_OPTIONS(
    idp
      .command('sign-in')
      .description(
        'Okta, Auth0: check a credential and keep it in the keychain (the secret is read at a hidden prompt or from standard input); Entra: sign in to Microsoft in the browser',
      ),
  )
    .option('--no-check', 'Okta, Auth0: store it without checking it against the IdP')
    .option('--device-code', "Entra: sign in with a code on any device instead of this computer's browser")
    .action((flags: IdpFlags) => signIn(flags));
  TENANT_OPTIONS(idp.command('sign-out').description('remove the stored Okta or Auth0 credential from the keychain')).action((flags: IdpFlags) =>
    signOut(flags),
  );
  for (const action of ACTIONS) {
    TENANT_OPTIONS(
      addModeOptions(
        idp
          .command(action)
          .description(
            action === 'plan'
              ? 'say what would change, and which permission each change needs'
              : action === 'apply'
                ? 'make the changes; a journal records each one'
                : 'take back everything the journal says was created',
          ),
      ),
    )
      .option('--app-name <name>', 'the app name in the IdP')
      .option('--insights-roles <roles>', 'Flex Insights roles to create, comma-separated (wfo.…)')
      .option('--assign <principal>', 'group:<id>:<role> or user:<id>:<role>, repeatable', (value: string, all: string[] | undefined) => [
        ...(all ?? []),
        value,
      ])
      .option('--login-url <url>', 'Entra: where the federation metadata is published (default: the sign-in host)')
      .option('--journal <file>', 'where the journal is kept (default: a file in the current folder named after the IdP and connection)')
      .action((flags: IdpFlags) => run(action, flags));
  }
}
