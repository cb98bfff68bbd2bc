/** "Set it up for me": the IdP's admin API (sign-in, plan, apply, undo) as tasks. */
import type { ApiHandlers } from '../../../shared/api';
import type { ApiServices } from '../api-services';
import { UserFacingError } from '../errors';
import { metadataDto } from './dto';

export function idpAdminHandlers(
  services: ApiServices,
): Pick<ApiHandlers, 'getIdpAdminStatus' | 'setIdpCredential' | 'forgetIdpCredential' | 'startIdpSignIn' | 'startIdpPlan' | 'startIdpApply' | 'startIdpUndo'> {
  const { profiles, tasks } = services;
  const requireProfile = (id: string) => profiles.get(id);
  return {
    getIdpAdminStatus: async ({ profileId, connectionId, idp, target }) => {
      await requireProfile(profileId);
      if (target && target.idp !== idp) throw new UserFacingError('The target is for another identity provider.');
      return services.idpAdmin.status(profileId, connectionId, idp, target ?? null);
    },
    setIdpCredential: async ({ target, credential }) => ({ stored: true as const, backend: await services.idpAdmin.storeCredential(target, credential) }),
    forgetIdpCredential: async ({ target }) => ({ removed: await services.idpAdmin.forgetCredential(target) }),
    startIdpSignIn: async ({ target, method }) => {
      if (target.idp !== 'azure-ad') throw new UserFacingError('Only Microsoft Entra ID signs in with Microsoft; Okta and Auth0 take a stored credential.');
      const taskId = tasks.start(
        'idp-sign-in',
        method === 'browser' ? "Opening Microsoft's sign-in page in your browser…" : 'Asking Microsoft for a sign-in code…',
        async (context) => ({
          kind: 'idp-sign-in',
          idp: target.idp,
          ...(await services.idpAdmin.signIn(target, method, context)),
        }),
      );
      return { taskId };
    },
    startIdpPlan: async (request) => {
      await requireProfile(request.profileId);
      const taskId = tasks.start('idp-plan', 'Signing in to the identity provider…', async (context) => ({
        kind: 'idp-plan',
        ...(await services.idpAdmin.plan(request, context)),
      }));
      return { taskId };
    },
    startIdpApply: async (request) => {
      await requireProfile(request.profileId);
      const taskId = tasks.start('idp-apply', 'Signing in to the identity provider…', async (context) => {
        const result = await services.idpAdmin.apply(request, context);
        return { kind: 'idp-apply', ...result, metadata: metadataDto(result.metadata) };
      });
      return { taskId };
    },
    startIdpUndo: async ({ profileId, connectionId, target }) => {
      await requireProfile(profileId);
      const taskId = tasks.start('idp-undo', 'Signing in to the identity provider…', async (context) => ({
        kind: 'idp-undo',
        ...(await services.idpAdmin.undo(profileId, connectionId, target, context)),
      }));
      return { taskId };
    },
  };
}
