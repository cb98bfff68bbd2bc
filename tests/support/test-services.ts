import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretVault } from '../../electron/services/secrets/secret-vault';
import { createWebHostServices, type WebHostServiceOptions, type WebHostServices } from '../../electron/web-host/services';
import { analysisWorkerScript } from './analysis-worker';

/**
 * The real web-host services in a fresh temporary user-data folder, with a secret vault that has
 * NO keychain (nothing a test does reaches the machine's keychain; secrets stay in memory once
 * `setSecretStorageMode({ mode: 'session' })` is chosen, or pass `sessionSecrets: true`).
 */
export async function createTestServices(options: Partial<WebHostServiceOptions> & { sessionSecrets?: boolean } = {}): Promise<WebHostServices> {
  const { sessionSecrets, ...rest } = options;
  const secrets = rest.secrets ?? new SecretVault(null, undefined, 'no keychain in unit tests');
  if (sessionSecrets) await secrets.setMode('session');
  return createWebHostServices({
    dataFolder: mkdtempSync(join(tmpdir(), 'flex-sso-test-data-')),
    headlessLogin: true,
    analysisWorker: await analysisWorkerScript(),
    ...rest,
    secrets,
  });
}
