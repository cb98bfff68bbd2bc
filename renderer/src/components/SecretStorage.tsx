import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import type { ApiClient, KeychainStatus } from '../../../shared/api';
import { KEEP_FOR_SESSION } from '../../../shared/secret-storage';

/**
 * Where secrets go (the system keychain, or memory for this session only), as the main side says:
 * one copy for the whole window, so every hint, badge and banner about storing a secret says the
 * same thing, and choosing "this session only" in one place is seen in every other.
 */
let current: KeychainStatus | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(status: KeychainStatus): void {
  current = status;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The storage state, read once per window and updated by every change of mode. */
export function useSecretStorage(api: ApiClient): { status: KeychainStatus | null; keepForSession(): Promise<void>; refresh(): void } {
  const status = useSyncExternalStore(subscribe, () => current);
  const refresh = useCallback(() => {
    loading = api
      .getKeychainStatus({})
      .then(publish)
      .catch(() => undefined);
  }, [api]);
  useEffect(() => {
    if (!current && !loading) refresh();
  }, [refresh]);
  const keepForSession = useCallback(async () => publish(await api.setSecretStorageMode({ mode: 'session' })), [api]);
  return { status, keepForSession, refresh };
}

/** Tells the storage state from another answer (getSecretStatus carries it too). */
export function noteSecretStorage(status: KeychainStatus): void {
  if (JSON.stringify(status) !== JSON.stringify(current)) publish(status);
}

/** When the keychain is not available: why, and the choice to keep secrets for this session only. */
export function SecretStorageBanner({ api }: { api: ApiClient }) {
  const { status, keepForSession } = useSecretStorage(api);
  if (!status || status.available) return null;
  return (
    <MessageBar intent={status.mode === 'session' ? 'info' : 'warning'} layout="multiline" data-testid="secret-storage">
      <MessageBarBody>{status.message}</MessageBarBody>
      {status.mode !== 'session' && (
        <MessageBarActions>
          <Button onClick={() => void keepForSession()}>{KEEP_FOR_SESSION}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
