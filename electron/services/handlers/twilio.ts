/** Twilio's API with the profile's credentials: check them, read the Flex configuration, fetch a Worker. */
import type { ApiHandlers, SecretKind, TwilioProblem } from '../../../shared/api';
import { isSid } from '../../../shared/domain/sids';
import type { ApiServices } from '../api-services';
import { UserFacingError } from '../errors';
import type { TwilioCredentials } from '../twilio/twilio-service';

export type Credentials = { ok: true; credentials: TwilioCredentials } | { ok: false; problem: TwilioProblem; message: string };

export async function twilioCredentials(services: ApiServices, profileId: string, kind?: SecretKind): Promise<Credentials> {
  const profile = await services.profiles.get(profileId);
  const { accountSid, apiKeySid } = profile.twilio;
  const method = kind === 'twilio-api-key-secret' ? 'api-key' : kind === 'twilio-auth-token' ? 'auth-token' : profile.twilio.authMethod;
  if (!isSid(accountSid.trim(), 'AC')) {
    return { ok: false, problem: 'no-credentials', message: 'Enter the Account SID (AC followed by 32 hex digits) in the Twilio step first.' };
  }
  if (method === 'api-key' && !isSid(apiKeySid.trim(), 'SK')) {
    return { ok: false, problem: 'no-credentials', message: 'Enter the API key SID (SK followed by 32 hex digits) first.' };
  }
  const secretKind: SecretKind = method === 'api-key' ? 'twilio-api-key-secret' : 'twilio-auth-token';
  const secret = await services.secrets.use(profileId, secretKind);
  if (secret === null) {
    return {
      ok: false,
      problem: 'no-credentials',
      message: method === 'api-key' ? 'No API key secret is stored for this profile yet.' : 'No Auth Token is stored for this profile yet.',
    };
  }
  return { ok: true, credentials: { accountSid: accountSid.trim(), username: method === 'api-key' ? apiKeySid.trim() : accountSid.trim(), password: secret } };
}

export function twilioHandlers(services: ApiServices): Pick<ApiHandlers, 'checkTwilioCredentials' | 'readFlexConfiguration' | 'fetchTwilioWorker'> {
  const { profiles, twilio } = services;
  return {
    checkTwilioCredentials: async ({ profileId }) => {
      const resolved = await twilioCredentials(services, profileId);
      if (!resolved.ok) return { ok: false, problem: resolved.problem, message: resolved.message, account: null };
      return twilio.checkCredentials(resolved.credentials);
    },
    readFlexConfiguration: async ({ profileId }) => {
      const resolved = await twilioCredentials(services, profileId);
      if (!resolved.ok) return { ok: false, problem: resolved.problem, message: resolved.message, flex: null };
      return twilio.readFlexConfiguration(resolved.credentials);
    },
    fetchTwilioWorker: async ({ profileId, workerSid, friendlyName, workspaceSid, expectedAttributes }) => {
      if (!workerSid?.trim() && !friendlyName?.trim())
        throw new UserFacingError("Give the Worker SID (WK…) or the user's identity (the Worker's friendly name).");
      const resolved = await twilioCredentials(services, profileId);
      if (!resolved.ok) return { ok: false, problem: resolved.problem, message: resolved.message, worker: null, comparison: [] };
      const workspace = (workspaceSid ?? (await profiles.get(profileId)).twilio.workspaceSid).trim();
      if (!isSid(workspace, 'WS')) {
        return {
          ok: false,
          problem: 'not-found' as const,
          message: 'The TaskRouter workspace SID (WS…) is not known yet: read the Flex configuration first, or enter it.',
          worker: null,
          comparison: [],
        };
      }
      if (workerSid?.trim() && !isSid(workerSid.trim(), 'WK')) throw new UserFacingError('A Worker SID is WK followed by 32 hex digits.');
      return twilio.fetchWorker(
        resolved.credentials,
        { workspaceSid: workspace, ...(workerSid?.trim() ? { workerSid: workerSid.trim() } : { friendlyName: friendlyName!.trim() }) },
        expectedAttributes,
      );
    },
  };
}
