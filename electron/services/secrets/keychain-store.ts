import type { SecretStore } from './secret-store';

/** The slice of keytar this app uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

import { KeychainUnavailableError } from '../errors';
import { errorMessage } from '../../../shared/errors';

export { KeychainUnavailableError };

const PROBE_TIMEOUT_MS = 8000;

/** Loads keytar (a native module); null with the reason when it cannot be loaded on this machine. */
export async function loadKeytar(): Promise<{ keytar: KeytarApi | null; problem: string | null }> {
  try {
    const loaded = (await import('keytar')) as unknown as KeytarApi & { default?: KeytarApi };
    // Native ESM sees keytar (CommonJS) as { default, getPassword }: Node's export detection finds
    // only some names, so the whole API is on `default`. Bundlers and vitest give the named exports.
    const complete = (candidate: Partial<KeytarApi> | undefined): candidate is KeytarApi =>
      !!candidate && (['getPassword', 'setPassword', 'deletePassword', 'findCredentials'] as const).every((name) => typeof candidate[name] === 'function');
    const api = complete(loaded.default) ? loaded.default : complete(loaded) ? loaded : null;
    if (!api) return { keytar: null, problem: 'the part of the app that reaches the keychain is missing on this computer' };
    return { keytar: api, problem: null };
  } catch {
    // The library's own words (a missing libsecret, a wrong build) help no admin: said plainly.
    return { keytar: null, problem: 'the part of the app that reaches the keychain is missing on this computer' };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new KeychainUnavailableError(`${what} did not answer within ${ms / 1000} s (is it locked?)`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Turns keytar/libsecret's errors into one sentence; never includes a secret (keytar's errors hold none). */
export function describeKeychainError(error: unknown): string {
  const text = errorMessage(error);
  if (/org\.freedesktop\.secrets|Secret Service|secret service/i.test(text)) return 'no keychain program (such as GNOME Keyring or KWallet) is running';
  if (/DBUS|D-Bus|dbus|X11|\$DISPLAY|Could not connect/i.test(text))
    return 'the app was not started from a desktop session, as happens over SSH, so it cannot reach the keychain';
  if (/locked|cancel/i.test(text)) return 'the keychain is locked or the request was cancelled';
  return 'the keychain did not answer';
}

/** The OS keychain through keytar: macOS Keychain, Windows Credential Vault, or the Secret Service. */
export class KeychainSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;

  constructor(
    private readonly keytar: KeytarApi,
    private readonly service: string,
  ) {}

  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(work(), PROBE_TIMEOUT_MS, 'The keychain');
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new KeychainUnavailableError(`${what}: ${describeKeychainError(error)}`);
    }
  }

  /** Resolves when the keychain answers; rejects with KeychainUnavailableError when it does not. */
  async probe(): Promise<void> {
    try {
      await withTimeout(this.keytar.getPassword(this.service, '__flex-sso-probe__'), PROBE_TIMEOUT_MS, 'the keychain');
    } catch (error) {
      throw new KeychainUnavailableError(error instanceof KeychainUnavailableError ? error.message : describeKeychainError(error));
    }
  }

  get(account: string): Promise<string | null> {
    return this.call('The secret could not be read from the keychain', () => this.keytar.getPassword(this.service, account));
  }

  set(account: string, value: string): Promise<void> {
    return this.call('The secret could not be stored in the keychain', () => this.keytar.setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.call('The secret could not be deleted from the keychain', () => this.keytar.deletePassword(this.service, account));
  }

  async accounts(): Promise<string[]> {
    const found = await this.call('The keychain could not be listed', () => this.keytar.findCredentials(this.service));
    return found.map((entry) => entry.account);
  }
}
