import { SECRET_KINDS, type KeychainStatus, type SecretBackend, type SecretKind, type SecretState } from '../../../shared/api';
import { KEEP_FOR_SESSION } from '../../../shared/secret-storage';
import { UserFacingError } from '../errors';
import { KeychainSecretStore, KeychainUnavailableError, loadKeytar, type KeytarApi } from './keychain-store';
import { MemorySecretStore, type SecretStore } from './secret-store';

const SECRET_SERVICE_NAME = 'Flex SSO Wizard';

export function secretAccount(profileId: string, kind: SecretKind): string {
  return `${profileId}:${kind}`;
}

const SESSION_MESSAGE = 'Secrets are kept in memory for this session only and forgotten when the app closes.';

/**
 * The app's secrets: the OS keychain when it answers, otherwise (once the user agrees) memory for
 * this session only. Secrets go in and are used here; nothing here returns one to the renderer.
 */
export class SecretVault {
  private mode: SecretBackend = 'keychain';
  private keychainProblem: string | null = null;
  private probed: Promise<void> | null = null;

  constructor(
    private readonly keychain: KeychainSecretStore | null,
    private readonly session: MemorySecretStore = new MemorySecretStore(),
    loadProblem: string | null = null,
  ) {
    if (!keychain) this.keychainProblem = loadProblem ?? 'the part of the app that reaches the keychain is missing on this computer';
  }

  /** The vault over the real keychain (keytar) under `service`. */
  static async open(service: string = SECRET_SERVICE_NAME, keytar?: KeytarApi): Promise<SecretVault> {
    if (keytar) return new SecretVault(new KeychainSecretStore(keytar, service));
    const loaded = await loadKeytar();
    return new SecretVault(loaded.keytar ? new KeychainSecretStore(loaded.keytar, service) : null, undefined, loaded.problem);
  }

  private async probe(force = false): Promise<void> {
    if (!this.keychain) return;
    if (force || !this.probed) {
      this.probed = this.keychain.probe().then(
        () => {
          this.keychainProblem = null;
        },
        (error: unknown) => {
          this.keychainProblem = error instanceof KeychainUnavailableError ? error.message : 'it did not answer';
        },
      );
    }
    await this.probed;
  }

  async status(): Promise<KeychainStatus> {
    await this.probe();
    const available = this.keychain !== null && this.keychainProblem === null;
    let message: string;
    if (this.mode === 'session') message = available ? `${SESSION_MESSAGE} You chose this; the system keychain is available.` : SESSION_MESSAGE;
    else if (available) message = 'Secrets are stored in the system keychain.';
    else
      message = `The system keychain is not available: ${this.keychainProblem}. You can keep secrets for this session only; they are then forgotten when the app closes.`;
    return { available, mode: this.mode, message };
  }

  /** Why the system keychain cannot be used, or null when it answers (for messages outside the app). */
  async unavailableReason(): Promise<string | null> {
    await this.probe();
    return this.keychain ? this.keychainProblem : (this.keychainProblem ?? 'the part of the app that reaches the keychain is missing on this computer');
  }

  async setMode(mode: SecretBackend): Promise<KeychainStatus> {
    if (mode === 'keychain') await this.probe(true);
    this.mode = mode;
    return this.status();
  }

  private async writableStore(): Promise<SecretStore> {
    if (this.mode === 'session') return this.session;
    await this.probe();
    if (!this.keychain || this.keychainProblem) {
      throw new UserFacingError(
        `The secret was not stored: the system keychain is not available, because ${this.keychainProblem}. Choose ${KEEP_FOR_SESSION} to keep it in memory instead.`,
      );
    }
    return this.keychain;
  }

  private async readableStores(): Promise<SecretStore[]> {
    await this.probe();
    const stores: SecretStore[] = [this.session];
    if (this.keychain && !this.keychainProblem) stores.push(this.keychain);
    return stores;
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw new UserFacingError(`${error.message}.`);
      throw error;
    }
  }

  async set(profileId: string, kind: SecretKind, rawValue: string): Promise<SecretState> {
    const backend = await this.setNamed(secretAccount(profileId, kind), rawValue);
    return { kind, status: 'stored', backend };
  }

  async state(profileId: string, kind: SecretKind): Promise<SecretState> {
    const backend = await this.whereNamed(secretAccount(profileId, kind));
    return backend ? { kind, status: 'stored', backend } : { kind, status: 'absent', backend: null };
  }

  async states(profileId: string): Promise<SecretState[]> {
    const states: SecretState[] = [];
    for (const kind of SECRET_KINDS) states.push(await this.state(profileId, kind));
    return states;
  }

  /** For main-side use only (a Twilio call). Never pass the result to the renderer or a log. */
  use(profileId: string, kind: SecretKind): Promise<string | null> {
    return this.useNamed(secretAccount(profileId, kind));
  }

  async delete(profileId: string, kind: SecretKind): Promise<SecretState> {
    await this.deleteNamed(secretAccount(profileId, kind));
    return { kind, status: 'absent', backend: null };
  }

  /**
   * The same, for a secret named by its account rather than a profile (an IdP admin credential,
   * kept per IdP tenant so the CLI and the app share it). Answers where it was stored.
   */
  async setNamed(account: string, rawValue: string): Promise<SecretBackend> {
    const value = rawValue.trim();
    if (!value) throw new UserFacingError('The secret is empty.');
    return this.guarded(async () => {
      const store = await this.writableStore();
      await store.set(account, value);
      // one copy only: a secret moved to the other place is removed from the first
      for (const other of await this.readableStores()) if (other !== store) await other.delete(account);
      return store.backend;
    });
  }

  /** Where a named secret is stored, or null. */
  async whereNamed(account: string): Promise<SecretBackend | null> {
    return this.guarded(async () => {
      for (const store of await this.readableStores()) if ((await store.get(account)) !== null) return store.backend;
      return null;
    });
  }

  /** For main-side use only. Never pass the result to the renderer or a log. */
  async useNamed(account: string): Promise<string | null> {
    return this.guarded(async () => {
      for (const store of await this.readableStores()) {
        const value = await store.get(account);
        if (value !== null) return value;
      }
      return null;
    });
  }

  /** True when something was deleted. */
  async deleteNamed(account: string): Promise<boolean> {
    return this.guarded(async () => {
      let removed = false;
      for (const store of await this.readableStores()) removed = (await store.delete(account)) || removed;
      return removed;
    });
  }

  /** Every named account that starts with `prefix` (values are not returned). */
  async accountsNamed(prefix: string): Promise<string[]> {
    return this.guarded(async () => {
      const found = new Set<string>();
      for (const store of await this.readableStores()) for (const account of await store.accounts()) if (account.startsWith(prefix)) found.add(account);
      return [...found];
    });
  }

  /** Deletes every secret of a profile (when the profile is deleted); returns how many were removed. */
  async deleteAllFor(profileId: string): Promise<number> {
    return this.guarded(async () => {
      let removed = 0;
      for (const store of await this.readableStores()) {
        for (const account of await store.accounts()) {
          if (account.startsWith(`${profileId}:`) && (await store.delete(account))) removed += 1;
        }
      }
      return removed;
    });
  }
}
