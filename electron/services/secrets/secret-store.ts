import type { SecretBackend } from '../../../shared/api';

/**
 * Where secrets live. Implementations never log values; callers never send them to the renderer.
 * Accounts are `<profileId>:<kind>` under one service name (the app's).
 */
export interface SecretStore {
  readonly backend: SecretBackend;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Every account name stored (values are not returned). */
  accounts(): Promise<string[]>;
}

/** Session-only: secrets kept in this process's memory and forgotten when it ends. */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'session' as const;
  private readonly values = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.values.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.values.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return this.values.delete(account);
  }

  async accounts(): Promise<string[]> {
    return [...this.values.keys()];
  }
}
