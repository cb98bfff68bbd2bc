import type { AccountInfo, AuthenticationResult, Configuration, ICachePlugin, PublicClientApplication, TokenCacheContext } from '@azure/msal-node';
import type { SecretVault } from '../secrets/secret-vault';
import { IdpAdminError } from './admin-http';
import { checkAdminUrl } from './admin-url';
import { IDP_CREDENTIAL_PREFIX } from './credentials';
import { ENTRA_LOGIN_URL, ENTRA_PERMISSIONS, GRAPH_URL } from './entra';

/**
 * Signing in to Microsoft Entra ID for "Set it up for me", with MSAL Node as a PUBLIC client:
 * interactive in the system browser (MSAL's loopback redirect on 127.0.0.1 with PKCE), or a device
 * code as the fallback. The delegated Graph permissions asked for are the ones the plan names.
 * MSAL's token cache lives only in the keychain (a cache plugin over the app's SecretVault), in
 * parts: Windows' Credential Manager holds at most 2,560 bytes per entry.
 */

/**
 * The default public client: "Microsoft Graph Command Line Tools", Microsoft's own app that
 * Microsoft Graph PowerShell signs in with (loopback redirect and device code enabled). A tenant
 * that blocks it, or wants its own, registers a public client (README: "Your own Entra app
 * registration") and gives its id as the client id setting.
 */
export const ENTRA_DEFAULT_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';
/** Any work or school account; a tenant id or domain narrows it. */
export const ENTRA_DEFAULT_TENANT = 'organizations';

export interface EntraSignInSettings {
  clientId?: string;
  /** The Microsoft sign-in host (national clouds: login.microsoftonline.us, login.chinacloudapi.cn). */
  authorityHost?: string;
  /** `organizations`, a tenant id or a verified domain. */
  tenant?: string;
  /** Graph's base URL: the delegated scopes are asked for on its resource. */
  graphUrl?: string;
}

/** What a sign-in gives the Entra provider, and the words to show the admin. */
export interface EntraSession {
  tenantId: string;
  username: string;
  accessToken: () => Promise<string>;
}

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Microsoft's own sentence, e.g. "To sign in, use a web browser to open … and enter the code …". */
  message: string;
}

/** Opens a URL in the system browser (Electron: shell.openExternal; elsewhere the OS opener). */
export type OpenBrowser = (url: string) => Promise<void>;

const CHUNK = 1800;
const MAX_CHUNKS = 40;
const GUIDISH = /^[0-9a-f-]{36}$/i;

/** The delegated scopes for Graph at `graphUrl` (Microsoft's own URL, a national cloud, or a test server). */
function graphScopes(graphUrl: string = GRAPH_URL): string[] {
  const origin = new URL(checkAdminUrl(graphUrl, 'Microsoft Graph URL')).origin;
  return ENTRA_PERMISSIONS.map((permission) => `${origin}/${permission}`);
}

function settingsOf(settings: EntraSignInSettings): Required<EntraSignInSettings> {
  const clientId = (settings.clientId ?? ENTRA_DEFAULT_CLIENT_ID).trim();
  if (!GUIDISH.test(clientId))
    throw new IdpAdminError('bad-request', 'The Entra client id is a GUID (App registrations > your app > Overview > Application (client) ID).');
  const tenant = (settings.tenant ?? ENTRA_DEFAULT_TENANT).trim();
  if (!/^[\w.-]{1,100}$/.test(tenant))
    throw new IdpAdminError('bad-request', 'The Entra tenant is "organizations", a tenant id or a domain such as contoso.onmicrosoft.com.');
  return {
    clientId: clientId.toLowerCase(),
    authorityHost: new URL(checkAdminUrl(settings.authorityHost ?? ENTRA_LOGIN_URL, 'Microsoft sign-in host')).origin,
    tenant,
    graphUrl: checkAdminUrl(settings.graphUrl ?? GRAPH_URL, 'Microsoft Graph URL'),
  };
}

/** The keychain account prefix of MSAL's cache for one client id at one sign-in host. */
export function msalCacheAccount(settings: EntraSignInSettings): string {
  const s = settingsOf(settings);
  return `${IDP_CREDENTIAL_PREFIX}azure-ad:${new URL(s.authorityHost).host}:${s.clientId}:msal-cache`;
}

/** MSAL's cache plugin over the keychain: base64 in parts `<account>:0…n`, with the count in `<account>`. */
function keychainCachePlugin(vault: SecretVault, account: string): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      const count = Number(await vault.useNamed(account));
      if (!Number.isInteger(count) || count <= 0 || count > MAX_CHUNKS) return;
      const parts: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const part = await vault.useNamed(`${account}:${i}`);
        if (part === null) return; // incomplete: sign in again
        parts.push(part);
      }
      try {
        context.tokenCache.deserialize(Buffer.from(parts.join(''), 'base64').toString('utf8'));
      } catch {
        // a damaged cache reads as empty; the next sign-in replaces it
      }
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (!context.cacheHasChanged) return;
      const encoded = Buffer.from(context.tokenCache.serialize(), 'utf8').toString('base64');
      const parts = encoded.match(new RegExp(`.{1,${CHUNK}}`, 'g')) ?? [];
      if (parts.length > MAX_CHUNKS)
        throw new IdpAdminError('server', 'The Microsoft sign-in cache grew too large for the keychain; sign out and sign in again.');
      const before = Number(await vault.useNamed(account)) || 0;
      for (const [i, part] of parts.entries()) await vault.setNamed(`${account}:${i}`, part);
      await vault.setNamed(account, String(parts.length));
      for (let i = parts.length; i < before; i += 1) await vault.deleteNamed(`${account}:${i}`);
    },
  };
}

/** MSAL's errors in the admin's words. */
function adminError(error: unknown): IdpAdminError {
  if (error instanceof IdpAdminError) return error;
  const e = error as { errorCode?: string; errorMessage?: string; message?: string; subError?: string };
  const code = e.errorCode ?? '';
  const text = e.errorMessage ?? e.message ?? '';
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (aadsts === 'AADSTS65001' || /consent_required/.test(code)) {
    return new IdpAdminError(
      'forbidden',
      `Microsoft says the wizard's permissions (${ENTRA_PERMISSIONS.join(', ')}) need consent (AADSTS65001). A Global Administrator or Privileged Role Administrator grants admin consent to the app you sign in with (Enterprise applications > the app > Permissions > Grant admin consent), then sign in again.`,
    );
  }
  if (code === 'access_denied' || /cancel/i.test(code)) return new IdpAdminError('cancelled', 'The Microsoft sign-in was cancelled; nothing was stored.');
  // The device code flow reports only the OAuth error code (MSAL keeps it as the message).
  if (text === 'authorization_declined' || text === 'access_denied') {
    return new IdpAdminError(
      'forbidden',
      `The sign-in was declined at Microsoft's page. If Microsoft said the wizard's permissions (${ENTRA_PERMISSIONS.join(', ')}) need an administrator's approval, a Global Administrator or Privileged Role Administrator grants admin consent to the app you sign in with (Enterprise applications > the app > Permissions > Grant admin consent); then sign in again.`,
    );
  }
  if (text === 'expired_token')
    return new IdpAdminError('unauthorized', 'The sign-in code expired before it was used. Start the sign-in again and enter the new code within 15 minutes.');
  if (code === 'expired_token' || code === 'code_expired' || aadsts === 'AADSTS70020')
    return new IdpAdminError('unauthorized', 'The sign-in code expired before it was used. Start the sign-in again and enter the new code within 15 minutes.');
  if (/network|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|certificate/i.test(`${code} ${text}`))
    return new IdpAdminError(
      'network',
      `Microsoft's sign-in could not be reached (${code || 'network error'}). Check the network connection, and the sign-in host setting for a national cloud.`,
    );
  const said = aadsts ?? (/^[a-z_]{3,60}$/.test(text) ? text : code);
  return new IdpAdminError(
    'unauthorized',
    `Microsoft did not complete the sign-in${said ? ` (${said})` : ''}. Sign in again; if it keeps failing, check the client id and tenant settings.`,
  );
}

export class EntraSignIn {
  private readonly settings: Required<EntraSignInSettings>;
  private readonly account: string;
  private app: PublicClientApplication | null = null;

  constructor(
    settings: EntraSignInSettings,
    private readonly vault: SecretVault,
  ) {
    this.settings = settingsOf(settings);
    this.account = msalCacheAccount(this.settings);
  }

  /** The keychain account of this sign-in's cache (its parts are `<account>:0…`). */
  get cacheAccount(): string {
    return this.account;
  }

  /** The accounts signed in before (from the keychain cache), without asking Microsoft anything. */
  async accounts(): Promise<AccountInfo[]> {
    return (await this.pca()).getTokenCache().getAllAccounts();
  }

  get scopes(): string[] {
    return graphScopes(this.settings.graphUrl);
  }

  private async pca(): Promise<PublicClientApplication> {
    if (this.app) return this.app;
    const { PublicClientApplication: Client, LogLevel } = await import('@azure/msal-node');
    const host = new URL(this.settings.authorityHost).host;
    const config: Configuration = {
      auth: {
        clientId: this.settings.clientId,
        authority: `${this.settings.authorityHost}/${this.settings.tenant}`,
        // Microsoft's own sign-in host is discovered as usual; another one (a national cloud the admin
        // names) is trusted as given, without asking login.microsoftonline.com about it.
        ...(this.settings.authorityHost === ENTRA_LOGIN_URL ? {} : { knownAuthorities: [host] }),
      },
      cache: { cachePlugin: keychainCachePlugin(this.vault, this.account) },
      // MSAL logs nothing: its messages can hold account names and token fragments.
      system: { loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined } },
    };
    this.app = new Client(config);
    return this.app;
  }

  private session(result: AuthenticationResult | null): EntraSession {
    if (!result?.account || !result.accessToken) throw new IdpAdminError('unauthorized', 'Microsoft answered the sign-in without a token. Sign in again.');
    const account = result.account;
    return { tenantId: account.tenantId || result.tenantId, username: account.username, accessToken: () => this.tokenFor(account) };
  }

  private async tokenFor(account: AccountInfo): Promise<string> {
    try {
      const result = await (await this.pca()).acquireTokenSilent({ account, scopes: this.scopes });
      return result.accessToken;
    } catch (error) {
      const e = error as { errorCode?: string };
      if (e.errorCode === 'interaction_required' || e.errorCode === 'invalid_grant' || e.errorCode === 'no_tokens_found') {
        throw new IdpAdminError('unauthorized', 'The Microsoft sign-in has expired. Sign in again.');
      }
      throw adminError(error);
    }
  }

  /** The account signed in earlier (from the keychain cache), or null: then sign in interactively. */
  async signedIn(tenant?: string): Promise<EntraSession | null> {
    const accounts = await (await this.pca()).getTokenCache().getAllAccounts();
    const wanted = tenant?.toLowerCase();
    const account = accounts.find((a) => !wanted || a.tenantId.toLowerCase() === wanted || a.username.toLowerCase().endsWith(`@${wanted}`)) ?? null;
    if (!account) return null;
    try {
      await this.tokenFor(account);
    } catch {
      return null;
    }
    return { tenantId: account.tenantId, username: account.username, accessToken: () => this.tokenFor(account) };
  }

  /**
   * Signs in in the system browser: MSAL listens on 127.0.0.1 (a loopback redirect) and uses PKCE.
   * Cancelling answers MSAL's listener with "access_denied", so nothing is left listening.
   */
  async interactive(openBrowser: OpenBrowser, signal: AbortSignal): Promise<EntraSession> {
    if (signal.aborted) throw new IdpAdminError('cancelled', 'The Microsoft sign-in was cancelled; nothing was stored.');
    let loopback: { redirectUri: string; state: string } | null = null;
    const onAbort = (): void => {
      if (!loopback) return;
      void fetch(loopback.redirectUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ error: 'access_denied', error_description: 'cancelled in the wizard', state: loopback.state }),
      }).catch(() => undefined);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await (
        await this.pca()
      ).acquireTokenInteractive({
        scopes: this.scopes,
        prompt: 'select_account',
        successTemplate:
          '<!doctype html><meta charset="utf-8"><title>Signed in</title><p>You are signed in to Microsoft. Go back to the Flex SSO Wizard; you can close this tab.</p>',
        errorTemplate:
          '<!doctype html><meta charset="utf-8"><title>Not signed in</title><p>The sign-in did not finish. Go back to the Flex SSO Wizard and try again.</p>',
        openBrowser: async (url) => {
          const parsed = new URL(url);
          loopback = { redirectUri: parsed.searchParams.get('redirect_uri') ?? '', state: parsed.searchParams.get('state') ?? '' };
          if (signal.aborted) onAbort();
          await openBrowser(url);
        },
      });
      return this.session(result);
    } catch (error) {
      throw signal.aborted ? new IdpAdminError('cancelled', 'The Microsoft sign-in was cancelled; nothing was stored.') : adminError(error);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Signs in with a code the admin enters at Microsoft's page on any device (the fallback). */
  async deviceCode(onCode: (prompt: DeviceCodePrompt) => void, signal: AbortSignal): Promise<EntraSession> {
    const request: { scopes: string[]; cancel: boolean; deviceCodeCallback: (response: DeviceCodePrompt) => void } = {
      scopes: this.scopes,
      cancel: false,
      deviceCodeCallback: (response) => onCode({ userCode: response.userCode, verificationUri: response.verificationUri, message: response.message }),
    };
    const onAbort = (): void => void (request.cancel = true);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return this.session(await (await this.pca()).acquireTokenByDeviceCode(request));
    } catch (error) {
      throw signal.aborted ? new IdpAdminError('cancelled', 'The Microsoft sign-in was cancelled; nothing was stored.') : adminError(error);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Forgets every account and token of this client id (the keychain entries are removed). */
  async signOut(): Promise<boolean> {
    let removed = false;
    for (const account of await this.vault.accountsNamed(this.account)) removed = (await this.vault.deleteNamed(account)) || removed;
    this.app = null;
    return removed;
  }
}
