import { mkdir, rm } from 'node:fs/promises';
import { sentence } from '../../../shared/text';
import { join } from 'node:path';
import type { IdpAdminTarget, IdpAssignment, IdpCredentialInput, IdpCreatedObject, IdpJournalSummary, SecretBackend } from '../../../shared/api';
import { DomainInputError, type ModeId } from '../../../shared/domain/modes';
import { desiredSetup, type DesiredSetup } from '../../../shared/idp-admin/desired';
import type { MetadataReport } from '../analysis';
import { UserFacingError } from '../errors';
import type { SecretVault } from '../secrets/secret-vault';
import type { TaskContext } from '../tasks/task-registry';
import { IdpAdminError } from './admin-http';
import { Auth0Provider, auth0Origin, type Auth0Credentials } from './auth0';
import { IdpCredentialStore } from './credentials';
import { EntraProvider } from './entra';
import { ENTRA_DEFAULT_CLIENT_ID, ENTRA_DEFAULT_TENANT, EntraSignIn, type EntraSignInSettings, type OpenBrowser } from './entra-signin';
import { applySetup, createdObjects, planSetup, setupResult, undoSetup } from './engine';
import { readJournal, writeJournal } from './journal-file';
import { OktaProvider, oktaOrgUrl, type OktaCredentials } from './okta';
import type { IdpAdminProvider, Journal } from './types';

/**
 * "Set it up for me" for the app: credentials (keychain), the Microsoft sign-in, plan, apply and
 * undo as tasks, and one journal per customer profile and IdP connection, kept beside the profiles
 * (`<user data>/idp-admin/<profile>/<connection>.json`; ids and links only, never a secret).
 */

/** Where Microsoft's services are: Microsoft's own by default; a national cloud's when configured. */
export interface IdpAdminEndpoints {
  entra?: { authorityHost?: string; graphUrl?: string; loginUrl?: string };
  /** Opens the system browser for the Microsoft sign-in (Electron: shell.openExternal). */
  openBrowser?: OpenBrowser;
}

export interface IdpDesiredRequest {
  profileId: string;
  connectionId: string;
  target: IdpAdminTarget;
  mode: ModeId;
  ids: { connectionId?: string | undefined; accountSid?: string | undefined; realmSid?: string | undefined };
  appName?: string | undefined;
  assignments: IdpAssignment[];
}

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class IdpAdminService {
  private readonly credentials: IdpCredentialStore;
  private readonly signIns = new Map<string, EntraSignIn>();

  constructor(
    private readonly options: {
      dataFolder: string;
      vault: SecretVault;
      endpoints?: IdpAdminEndpoints;
      openBrowser: OpenBrowser;
      /** Reads the IdP's metadata (the app's analysis thread). */
      readMetadata: (xml: string) => Promise<MetadataReport>;
    },
  ) {
    this.credentials = new IdpCredentialStore(options.vault);
  }

  private entraSettings(target: Extract<IdpAdminTarget, { idp: 'azure-ad' }>): EntraSignInSettings {
    const entra = this.options.endpoints?.entra ?? {};
    return {
      ...(target.clientId ? { clientId: target.clientId } : {}),
      ...(target.tenant ? { tenant: target.tenant } : {}),
      ...(entra.authorityHost ? { authorityHost: entra.authorityHost } : {}),
      ...(entra.graphUrl ? { graphUrl: entra.graphUrl } : {}),
    };
  }

  private entraSignIn(target: Extract<IdpAdminTarget, { idp: 'azure-ad' }>): EntraSignIn {
    const settings = this.entraSettings(target);
    const key = JSON.stringify(settings);
    let signIn = this.signIns.get(key);
    if (!signIn) {
      signIn = new EntraSignIn(settings, this.options.vault);
      this.signIns.set(key, signIn);
    }
    return signIn;
  }

  /** The tenant host a credential is kept under (Okta org, Auth0 domain). */
  private tenantHost(target: Exclude<IdpAdminTarget, { idp: 'azure-ad' }>): string {
    return new URL(target.idp === 'okta' ? oktaOrgUrl(target.orgUrl) : auth0Origin(target.domain)).host;
  }

  private journalFile(profileId: string, connectionId: string): string {
    if (!SAFE_ID.test(profileId) || !SAFE_ID.test(connectionId)) throw new UserFacingError('That profile or connection id is not valid.');
    return join(this.options.dataFolder, 'idp-admin', profileId, `${connectionId}.json`);
  }

  private async journal(profileId: string, connectionId: string, idp: string): Promise<Journal | null> {
    const journal = await readJournal(this.journalFile(profileId, connectionId));
    return journal && journal.idp === idp ? journal : null;
  }

  private async saveJournal(profileId: string, connectionId: string, journal: Journal): Promise<void> {
    const file = this.journalFile(profileId, connectionId);
    await mkdir(join(this.options.dataFolder, 'idp-admin', profileId), { recursive: true, mode: 0o700 });
    await writeJournal(file, journal);
  }

  /** Removes the journals of a deleted profile (what they list stays in the IdP; the profile is gone). */
  async forgetProfile(profileId: string): Promise<void> {
    if (!SAFE_ID.test(profileId)) return;
    await rm(join(this.options.dataFolder, 'idp-admin', profileId), { recursive: true, force: true });
  }

  async status(profileId: string, connectionId: string, idp: IdpAdminTarget['idp'], target: IdpAdminTarget | null) {
    const journal = await this.journal(profileId, connectionId, idp);
    const summary: IdpJournalSummary | null = journal
      ? {
          state: journal.state,
          tenant: journal.tenant,
          mode: journal.mode,
          updatedAt: journal.updatedAt,
          error: journal.error,
          created: createdObjects(journal),
          done: journal.entries.filter((e) => e.state === 'done' && !e.undone).map((e) => e.title),
        }
      : null;
    if (!target) return { signedIn: false, backend: null, account: null, entra: null, journal: summary };
    if (target.idp === 'azure-ad') {
      const signIn = this.entraSignIn(target);
      const accounts = await signIn.accounts();
      const account = accounts[0] ?? null;
      const settings = this.entraSettings(target);
      return {
        signedIn: account !== null,
        backend: account ? await this.options.vault.whereNamed(signIn.cacheAccount) : null,
        account: account?.username ?? null,
        entra: {
          clientId: settings.clientId ?? ENTRA_DEFAULT_CLIENT_ID,
          tenant: settings.tenant ?? ENTRA_DEFAULT_TENANT,
          defaultClientId: ENTRA_DEFAULT_CLIENT_ID,
        },
        journal: summary,
      };
    }
    const backend = await this.credentials.where(target.idp, this.tenantHost(target));
    return { signedIn: backend !== null, backend, account: null, entra: null, journal: summary };
  }

  /** Checks a typed Okta or Auth0 credential against the IdP (a cheap read), then keeps it in the keychain. */
  async storeCredential(target: IdpAdminTarget, credential: IdpCredentialInput): Promise<SecretBackend> {
    if (target.idp === 'azure-ad') throw new UserFacingError('Microsoft Entra ID is signed in with "Sign in with Microsoft", not with a typed credential.');
    const host = this.tenantHost(target);
    let provider: IdpAdminProvider;
    let store: () => Promise<SecretBackend>;
    if (target.idp === 'okta') {
      if (credential.kind !== 'api-token') throw new UserFacingError('For Okta, give an API token (Security > API > Tokens).');
      const okta: OktaCredentials = { kind: 'api-token', token: credential.token };
      provider = new OktaProvider({ orgUrl: target.orgUrl, credentials: okta });
      store = () => this.credentials.store('okta', host, okta);
    } else {
      if (credential.kind === 'api-token')
        throw new UserFacingError("For Auth0, give the machine-to-machine application's Client ID and Client Secret, or a Management API token.");
      provider = new Auth0Provider({ domain: target.domain, credentials: credential });
      store = () => this.credentials.store('auth0', host, credential);
    }
    try {
      await provider.checkAccess(AbortSignal.timeout(60_000));
    } catch (error) {
      // Storing is one check, not a run: its own next step, never "run it again: it continues where it stopped".
      if (error instanceof IdpAdminError) {
        const next =
          error.problem === 'network'
            ? ' Check the address and the network connection, then store it again.'
            : error.problem === 'rate-limited' || error.problem === 'server'
              ? ' Store it again in a few minutes.'
              : '';
        throw new IdpAdminError(error.problem, `${error.said}${next} Nothing was stored.`, error.status);
      }
      throw error;
    }
    return store();
  }

  async forgetCredential(target: IdpAdminTarget): Promise<boolean> {
    if (target.idp === 'azure-ad') return this.entraSignIn(target).signOut();
    return this.credentials.forget(target.idp, this.tenantHost(target));
  }

  async signIn(target: IdpAdminTarget, method: 'browser' | 'device-code', context: TaskContext): Promise<{ account: string; tenant: string }> {
    if (target.idp !== 'azure-ad') throw new UserFacingError('Only Microsoft Entra ID signs in this way; Okta and Auth0 take a stored credential.');
    const signIn = this.entraSignIn(target);
    const session =
      method === 'device-code'
        ? await signIn.deviceCode((prompt) => context.report({ message: prompt.message }), context.signal)
        : await signIn.interactive(async (url) => {
            context.report({ message: 'Sign in to Microsoft in the browser window that opened, then come back here.' });
            await this.options.openBrowser(url);
          }, context.signal);
    return { account: session.username, tenant: session.tenantId };
  }

  private async provider(target: IdpAdminTarget): Promise<IdpAdminProvider> {
    if (target.idp === 'azure-ad') {
      const session = await this.entraSignIn(target).signedIn(target.tenant);
      if (!session) throw new IdpAdminError('unauthorized', 'Sign in with Microsoft first (the sign-in is missing or has expired).');
      const entra = this.options.endpoints?.entra ?? {};
      const loginUrl = entra.loginUrl ?? entra.authorityHost;
      return new EntraProvider({
        accessToken: session.accessToken,
        tenantId: session.tenantId,
        ...(entra.graphUrl ? { graphUrl: entra.graphUrl } : {}),
        ...(loginUrl ? { loginUrl } : {}),
      });
    }
    const host = this.tenantHost(target);
    if (target.idp === 'okta') {
      const credentials: OktaCredentials | null = await this.credentials.read('okta', host);
      if (!credentials) throw new IdpAdminError('unauthorized', `No Okta API token is stored for ${host} yet: enter one first.`);
      return new OktaProvider({ orgUrl: target.orgUrl, credentials });
    }
    const credentials: Auth0Credentials | null = await this.credentials.read('auth0', host);
    if (!credentials)
      throw new IdpAdminError(
        'unauthorized',
        `No Auth0 credential is stored for ${host} yet: enter the machine-to-machine application's Client ID and Client Secret first.`,
      );
    return new Auth0Provider({ domain: target.domain, credentials });
  }

  private desired(request: IdpDesiredRequest): DesiredSetup {
    try {
      return desiredSetup({
        idp: request.target.idp,
        mode: request.mode,
        ids: request.ids,
        ...(request.appName ? { appName: request.appName } : {}),
        assignments: request.assignments.map((a) => ({ principalType: a.principalType, principalId: a.principalId, role: a.role })),
      });
    } catch (error) {
      if (error instanceof DomainInputError) throw new UserFacingError(sentence(error.message.replace(/^\w+: /, '')));
      throw error;
    }
  }

  /** A journal to continue: the last run's, unless it was undone or is for another IdP tenant or connection. */
  private continuable(journal: Journal | null, provider: IdpAdminProvider, desired: DesiredSetup): Journal | null {
    if (!journal || journal.state === 'undone') return null;
    if (journal.tenant !== provider.tenant || journal.marker !== desired.marker) return null;
    return journal;
  }

  async plan(request: IdpDesiredRequest, context: TaskContext) {
    const desired = this.desired(request);
    const provider = await this.provider(request.target);
    context.report({ message: `Reading what exists in ${provider.tenant}…` });
    const previous = this.continuable(await this.journal(request.profileId, request.connectionId, request.target.idp), provider, desired);
    const plan = await planSetup(provider, desired, previous, { signal: context.signal });
    return {
      idp: request.target.idp,
      tenant: provider.tenant,
      steps: plan.steps.map(({ id, title, permission }) => ({ id, title, permission })),
      nothingToDo: plan.steps.length === 0,
    };
  }

  async apply(request: IdpDesiredRequest & { consentedSteps: string[] }, context: TaskContext) {
    const desired = this.desired(request);
    const provider = await this.provider(request.target);
    const previous = this.continuable(await this.journal(request.profileId, request.connectionId, request.target.idp), provider, desired);
    context.report({ message: `Reading what exists in ${provider.tenant}…`, progress: 0 });
    const plan = await planSetup(provider, desired, previous, { signal: context.signal });
    const unagreed = plan.steps.filter((step) => !request.consentedSteps.includes(step.id));
    if (unagreed.length > 0) {
      throw new UserFacingError(
        `${provider.tenant} changed since the plan was shown, so nothing was changed: show the plan again and review it (new: ${unagreed.map((s) => s.title.replace(/\.$/, '')).join('; ')}).`,
      );
    }
    const journal = await applySetup(provider, plan, {
      signal: context.signal,
      onJournal: (j) => this.saveJournal(request.profileId, request.connectionId, j),
      onProgress: (p) => context.report({ progress: p.index / Math.max(1, p.total + 1), message: `${p.index + 1} of ${p.total}: ${p.title}` }),
    });
    context.report({ message: 'Reading the metadata of the app…', progress: plan.steps.length / (plan.steps.length + 1) });
    const result = await setupResult(provider, journal, { signal: context.signal });
    const metadata = await this.options.readMetadata(result.metadataXml);
    return {
      idp: request.target.idp,
      tenant: provider.tenant,
      applied: plan.steps.map(({ id, title, permission }) => ({ id, title, permission })),
      created: createdObjects(journal) as IdpCreatedObject[],
      links: result.links as IdpCreatedObject[],
      metadataUrl: result.metadataUrl,
      metadata,
    };
  }

  async undo(profileId: string, connectionId: string, target: IdpAdminTarget, context: TaskContext) {
    const journal = await this.journal(profileId, connectionId, target.idp);
    if (!journal || journal.state === 'undone')
      throw new UserFacingError('The wizard has not created anything in this IdP for this connection, so there is nothing to undo.');
    const provider = await this.provider(target);
    const done = await undoSetup(provider, journal, {
      signal: context.signal,
      onJournal: (j) => this.saveJournal(profileId, connectionId, j),
      onProgress: (p) => context.report({ progress: p.index / Math.max(1, p.total), message: `${p.index + 1} of ${p.total}: ${p.title}` }),
    });
    return { idp: target.idp, tenant: provider.tenant, state: done.state };
  }
}
