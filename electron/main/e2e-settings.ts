/**
 * Settings the Electron end-to-end specs (tests/e2e, project `electron`) start the UNPACKAGED app
 * with, through the environment: a fresh user-data folder, a fake Twilio server, a keychain service
 * name of their own or no keychain at all. A packaged app ignores them all (app.isPackaged), so no
 * user can be led to start the installed app with them.
 *
 *   FLEX_SSO_E2E=1                      turns the rest on; the services are then reachable by the
 *                                       specs as globalThis.__flexSsoE2e (through Playwright's evaluate)
 *   FLEX_SSO_E2E_USER_DATA=<folder>     app.getPath('userData')
 *   FLEX_SSO_E2E_TWILIO_BASE_URL=<url>  the Twilio API (a fake server on 127.0.0.1)
 *   FLEX_SSO_E2E_SECRETS=no-keychain | keychain:<service name>
 */
import { app } from 'electron';
import type { ApiServices } from '../services/api-services';
import { SecretVault } from '../services/secrets/secret-vault';

export interface E2eSettings {
  userDataDir: string | null;
  twilioBaseUrl: string | null;
  secrets: { kind: 'no-keychain' } | { kind: 'keychain'; service: string } | null;
}

export function e2eSettings(env: NodeJS.ProcessEnv = process.env): E2eSettings | null {
  if (app.isPackaged || env.FLEX_SSO_E2E !== '1') return null;
  const secrets = env.FLEX_SSO_E2E_SECRETS ?? '';
  return {
    userDataDir: env.FLEX_SSO_E2E_USER_DATA || null,
    twilioBaseUrl: env.FLEX_SSO_E2E_TWILIO_BASE_URL || null,
    secrets:
      secrets === 'no-keychain'
        ? { kind: 'no-keychain' }
        : secrets.startsWith('keychain:')
          ? { kind: 'keychain', service: secrets.slice('keychain:'.length) }
          : null,
  };
}

/** The secret vault the settings ask for; undefined: the app's own (the OS keychain under the app's name). */
export async function e2eSecretVault(settings: E2eSettings | null): Promise<SecretVault | undefined> {
  if (settings?.secrets?.kind === 'no-keychain') return new SecretVault(null, undefined, 'no keychain in this end-to-end test');
  if (settings?.secrets?.kind === 'keychain') return SecretVault.open(settings.secrets.service);
  return undefined;
}

export function exposeServicesToE2eSpecs(settings: E2eSettings | null, services: ApiServices): void {
  if (settings) (globalThis as { __flexSsoE2e?: { services: ApiServices } }).__flexSsoE2e = { services };
}
