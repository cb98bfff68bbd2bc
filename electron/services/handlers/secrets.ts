/** Secrets in the keychain (or kept for the session): status, store, delete, check. */
import type { ApiHandlers } from '../../../shared/api';
import type { ApiServices } from '../api-services';
import { twilioCredentials } from './twilio';

export function secretHandlers(
  services: ApiServices,
): Pick<ApiHandlers, 'getKeychainStatus' | 'setSecretStorageMode' | 'getSecretStatus' | 'setSecret' | 'deleteSecret' | 'testSecret'> {
  const { profiles, secrets, twilio } = services;
  const requireProfile = (id: string) => profiles.get(id);
  return {
    getKeychainStatus: () => secrets.status(),
    setSecretStorageMode: ({ mode }) => secrets.setMode(mode),
    getSecretStatus: async ({ profileId }) => {
      await requireProfile(profileId);
      return { keychain: await secrets.status(), secrets: await secrets.states(profileId) };
    },
    setSecret: async ({ profileId, kind, value }) => {
      await requireProfile(profileId);
      return secrets.set(profileId, kind, value);
    },
    deleteSecret: ({ profileId, kind }) => secrets.delete(profileId, kind),
    testSecret: async ({ profileId, kind }) => {
      if (kind === 'idp-api-token') {
        const stored = (await secrets.use(profileId, kind)) !== null;
        return stored
          ? { ok: true, problem: null, message: 'The IdP API token is stored and can be read back.' }
          : { ok: false, problem: 'no-credentials' as const, message: 'No IdP API token is stored for this profile.' };
      }
      const resolved = await twilioCredentials(services, profileId, kind);
      if (!resolved.ok) return { ok: false, problem: resolved.problem, message: resolved.message };
      const { ok, problem, message } = await twilio.checkCredentials(resolved.credentials);
      return { ok, problem, message };
    },
  };
}
