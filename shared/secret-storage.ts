import type { KeychainStatus, SecretBackend } from './api';

/**
 * Where a secret goes, in the words every hint, badge and refusal uses (the renderer's fields and
 * banner, the main side's refusal to store without a keychain), so they never disagree.
 */

/** The button that chooses session-only storage, quoted wherever the admin is told to choose it. */
export const KEEP_FOR_SESSION = 'Keep secrets for this session only';

/** Whether a secret typed now can be stored: the keychain answers, or the admin chose this session only. */
export function canStore(status: KeychainStatus | null): boolean {
  return status === null || status.mode === 'session' || status.available;
}

/** The last sentence of a secret field's hint: where a secret typed there goes. */
export function storageHint(status: KeychainStatus | null): string {
  if (status === null) return 'It is never shown again.';
  if (status.mode === 'session') return 'It is kept for this session only, forgotten when the wizard closes, and never shown again.';
  if (status.available) return 'It is kept in the system keychain and never shown again.';
  return `It cannot be stored yet, as the system keychain is not available: choose ${KEEP_FOR_SESSION} above.`;
}

/** Where a stored secret is, in words: "kept in the system keychain". */
export function storedWhere(backend: SecretBackend | null): string {
  return backend === 'session' ? 'kept for this session only' : 'kept in the system keychain';
}
