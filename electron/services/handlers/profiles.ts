/** Customer profiles: list, read, create, change, copy, delete, export and import. */
import type { ApiHandlers, Profile, ProfileSummary } from '../../../shared/api';
import type { ApiServices } from '../api-services';

function summarise(profile: Profile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    mode: profile.mode,
    idps: profile.connections.map((c) => c.idp),
    updatedAt: profile.updatedAt,
    lastTestOutcome: profile.lastTestResult?.outcome ?? null,
  };
}

/** A file name from a profile name: letters, digits, spaces, dashes. */
function fileStem(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N} ._-]+/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'profile'
  );
}

export function profileHandlers(
  services: ApiServices,
): Pick<
  ApiHandlers,
  | 'listProfiles'
  | 'dismissProfileProblems'
  | 'getProfile'
  | 'createProfile'
  | 'updateProfile'
  | 'duplicateProfile'
  | 'deleteProfile'
  | 'exportProfile'
  | 'importProfile'
> {
  const { profiles, secrets } = services;
  const requireProfile = (id: string) => profiles.get(id);
  return {
    listProfiles: async () => {
      const { profiles: all, problems } = await profiles.list();
      return { profiles: all.map(summarise), problems };
    },
    dismissProfileProblems: async () => {
      profiles.dismissProblems();
      return { dismissed: true as const };
    },
    getProfile: async ({ id }) => ({ profile: await profiles.get(id) }),
    createProfile: async ({ name, mode, idp }) => ({ profile: await profiles.create({ name, mode: mode ?? null, idp: idp ?? null }) }),
    updateProfile: async ({ id, patch }) => ({ profile: await profiles.update(id, patch) }),
    duplicateProfile: async ({ id, name }) => ({ profile: await profiles.duplicate(id, name) }),
    deleteProfile: async ({ id }) => {
      await requireProfile(id);
      // secrets first: if the keychain refuses, the profile stays, so nothing is left orphaned
      const secretsDeleted = await secrets.deleteAllFor(id);
      await profiles.delete(id);
      await services.idpAdmin.forgetProfile(id);
      return { deleted: true as const, secretsDeleted };
    },
    exportProfile: async ({ id }) => {
      const { profile, text } = await profiles.exportText(id);
      return services.saver.save({
        suggestedName: `${fileStem(profile.name)}.flex-sso-profile`,
        format: 'json',
        title: 'Export the customer profile',
        produce: async () => text,
      });
    },
    importProfile: async ({ content }) => profiles.importText(content),
  };
}
