import type { AnalysisReportDto, ApiHandlers, CaptureReportDto, ApiRequest, LastTestResult, MetadataReportDto, Profile, ProfileSummary, SecretKind, TaskResult, TwilioProblem } from '../../shared/api';
import { CATALOG_IDPS, catalogModes } from '../../shared/catalog';
import { DomainInputError } from '../../shared/domain/modes';
import { isIdpId } from '../../shared/idps';
import type { AnalysisReport, MetadataReport } from './analysis';
import { UserFacingError } from './api-dispatch';
import type { ApiServices } from './api-services';
import { analyzeCapture } from './capture';
import { checkLoginTestOptions, isTerminalPhase, LoginTestOptionsError, startLoginTest, type LoginTestOptions, type LoginTestState } from './login-test';
import { fetchMetadata } from './saml/fetch';
import type { TaskContext, TaskFinish } from './tasks/task-registry';
import type { TwilioCredentials } from './twilio/twilio-service';

export type { ApiServices } from './api-services';

const SID = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`);

// The analysis reports are plain interfaces; the contract's schemas (checked on every answer by
// dispatchApiCall) describe the same shapes and let later fields through.
const metadataDto = (report: MetadataReport): MetadataReportDto => report as unknown as MetadataReportDto;
const analysisDto = (report: AnalysisReport): AnalysisReportDto => report as unknown as AnalysisReportDto;

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
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '').replace(/\s+/g, ' ').trim().slice(0, 80) || 'profile';
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

type Credentials = { ok: true; credentials: TwilioCredentials } | { ok: false; problem: TwilioProblem; message: string };

async function twilioCredentials(services: ApiServices, profileId: string, kind?: SecretKind): Promise<Credentials> {
  const profile = await services.profiles.get(profileId);
  const { accountSid, apiKeySid } = profile.twilio;
  const method = kind === 'twilio-api-key-secret' ? 'api-key' : kind === 'twilio-auth-token' ? 'auth-token' : profile.twilio.authMethod;
  if (!SID('AC').test(accountSid.trim())) {
    return { ok: false, problem: 'no-credentials', message: 'Enter the Account SID (AC followed by 32 hex digits) in the Twilio step first.' };
  }
  if (method === 'api-key' && !SID('SK').test(apiKeySid.trim())) {
    return { ok: false, problem: 'no-credentials', message: 'Enter the API key SID (SK followed by 32 hex digits) first.' };
  }
  const secretKind: SecretKind = method === 'api-key' ? 'twilio-api-key-secret' : 'twilio-auth-token';
  const secret = await services.secrets.use(profileId, secretKind);
  if (secret === null) {
    return { ok: false, problem: 'no-credentials', message: method === 'api-key' ? 'No API key secret is stored for this profile yet.' : 'No Auth Token is stored for this profile yet.' };
  }
  return { ok: true, credentials: { accountSid: accountSid.trim(), username: method === 'api-key' ? apiKeySid.trim() : accountSid.trim(), password: secret } };
}

function lastTestResult(state: LoginTestState, connectionId: string | null): LastTestResult {
  const findings = state.report?.findings ?? [];
  const outcome: LastTestResult['outcome'] =
    state.phase === 'done' ? (state.report?.verdict === 'ok' ? 'passed' : state.report?.verdict === 'unverified' ? 'unverified' : 'failed') : state.phase === 'cancelled' ? 'cancelled' : state.phase === 'timed-out' ? 'timed-out' : 'error';
  return {
    at: state.endedAt ?? new Date().toISOString(),
    connectionId,
    outcome,
    summary: state.message,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    findingCodes: [...new Set(findings.map((f) => f.code))],
  };
}

function loginTestOptions(request: ApiRequest<'startLoginTest'>, idp: string | null): LoginTestOptions {
  const options: LoginTestOptions = {
    mode: request.mode,
    ids: request.ids,
    timeoutMs: (request.timeoutSeconds ?? 300) * 1000,
    allowRealLogin: request.allowRealLogin ?? false,
  };
  if (request.start.kind === 'sp-initiated') options.idpSsoUrl = request.start.ssoUrl;
  else options.idpInitUrl = request.start.url;
  if (request.idpCertificatePem?.trim()) options.idpCertPem = request.idpCertificatePem;
  if (request.idpIssuer?.trim()) options.idpIssuer = request.idpIssuer.trim();
  if (idp && isIdpId(idp)) options.idp = idp;
  return options;
}

/** Runs a login test session as a task: mirrors its phase, cancels it, records the outcome. */
async function runLoginTest(services: ApiServices, options: LoginTestOptions, context: TaskContext, record: { profileId?: string; connectionId: string | null }): Promise<TaskFinish> {
  services.analysis.warm();
  const session = startLoginTest(services.loginBrowser(), options, { analyze: services.analysis.analyzeResponse });
  const mirror = (): void => {
    const state = session.state();
    context.report({ phase: state.phase, message: state.message });
  };
  mirror();
  const timer = setInterval(mirror, 150);
  const onAbort = (): void => void session.cancel();
  context.signal.addEventListener('abort', onAbort, { once: true });
  let state: LoginTestState;
  try {
    state = await session.done;
  } finally {
    clearInterval(timer);
    context.signal.removeEventListener('abort', onAbort);
  }
  context.report({ phase: state.phase, message: state.message });
  let saved: LastTestResult | null = null;
  if (record.profileId) {
    saved = lastTestResult(state, record.connectionId);
    try {
      await services.profiles.recordTestResult(record.profileId, saved);
    } catch (error) {
      services.log(`could not record the test result: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const result: TaskResult = {
    kind: 'login-test',
    phase: state.phase,
    report: state.report ? analysisDto(state.report) : null,
    relayState: state.relayState ?? null,
    captureToDiagnosisMs: state.captureToDiagnosisMs ?? null,
    sentToTwilio: state.sentToTwilio,
    lastTestResult: saved,
  };
  if (state.phase === 'done') return { result, state: 'succeeded' };
  if (state.phase === 'cancelled') return { result, state: 'cancelled' };
  if (!isTerminalPhase(state.phase)) return { result, state: 'failed', error: 'The login test stopped before it finished.' };
  return { result, state: 'failed', error: state.message };
}

/** Binds each call of the contract to the main-side services. Both hosts use this one table. */
export function createApiHandlers(services: ApiServices): ApiHandlers {
  const { profiles, secrets, tasks, twilio } = services;

  const requireProfile = (id: string) => profiles.get(id);

  return {
    getAppInfo: async () => ({ name: services.appName, version: services.appVersion, host: services.host, dataFolder: services.dataFolder }),
    listCatalog: async () => ({ modes: catalogModes(), idps: CATALOG_IDPS }),

    // --- profiles ----------------------------------------------------------------------------
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
      return services.saver.save({ suggestedName: `${fileStem(profile.name)}.flex-sso-profile`, format: 'json', title: 'Export the customer profile', produce: async () => text });
    },
    importProfile: async ({ content }) => profiles.importText(content),

    // --- secrets -----------------------------------------------------------------------------
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

    // --- IdP metadata ------------------------------------------------------------------------
    importMetadataText: async ({ xml, entityId }) => ({ report: metadataDto(await services.analysis.importMetadata(xml, entityId ? { entityId } : {})) }),
    startMetadataDownload: async ({ url, entityId }) => {
      let host: string;
      try {
        host = new URL(url.trim()).host;
      } catch {
        throw new UserFacingError(`"${url.slice(0, 100)}" is not a URL.`);
      }
      const taskId = tasks.start('metadata-download', `Downloading the metadata from ${host}…`, async ({ signal, report }) => {
        const xml = await fetchMetadata(url, { timeoutMs: 15_000, maxBytes: 5_000_000, signal });
        report({ progress: 0.8, message: 'Reading the metadata…' });
        const analysed = await services.analysis.importMetadata(xml, entityId ? { entityId } : {});
        return { kind: 'metadata-download', url, bytes: Buffer.byteLength(xml, 'utf8'), report: metadataDto(analysed) };
      });
      return { taskId };
    },

    // --- exports -----------------------------------------------------------------------------
    saveExport: ({ format, suggestedName, content }) =>
      services.saver.save({ suggestedName, format, title: 'Save the export', produce: async () => content }),
    startPdfExport: async ({ suggestedName, html }) => {
      const taskId = tasks.start('pdf-export', 'Choose where to save the PDF…', async ({ signal, report }) => {
        const saved = await services.saver.save({
          suggestedName,
          format: 'pdf',
          title: 'Save the checklist as PDF',
          signal,
          produce: async () => {
            report({ progress: 0.3, message: 'Rendering the PDF…' });
            const pdf = await services.renderPdf(html, signal);
            report({ progress: 0.9, message: 'Saving the PDF…' });
            return pdf;
          },
        });
        return { result: { kind: 'pdf-export', saved }, state: saved.outcome === 'cancelled' ? 'cancelled' : 'succeeded' };
      });
      return { taskId };
    },

    // --- Twilio ------------------------------------------------------------------------------
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
      if (!workerSid?.trim() && !friendlyName?.trim()) throw new UserFacingError('Give the Worker SID (WK…) or the user\'s identity (the Worker\'s friendly name).');
      const resolved = await twilioCredentials(services, profileId);
      if (!resolved.ok) return { ok: false, problem: resolved.problem, message: resolved.message, worker: null, comparison: [] };
      const workspace = (workspaceSid ?? (await profiles.get(profileId)).twilio.workspaceSid).trim();
      if (!SID('WS').test(workspace)) {
        return { ok: false, problem: 'not-found' as const, message: 'The TaskRouter workspace SID (WS…) is not known yet: read the Flex configuration first, or enter it.', worker: null, comparison: [] };
      }
      if (workerSid?.trim() && !SID('WK').test(workerSid.trim())) throw new UserFacingError('A Worker SID is WK followed by 32 hex digits.');
      return twilio.fetchWorker(resolved.credentials, { workspaceSid: workspace, ...(workerSid?.trim() ? { workerSid: workerSid.trim() } : { friendlyName: friendlyName!.trim() }) }, expectedAttributes);
    },

    // --- the login test ----------------------------------------------------------------------
    startLoginTest: async (request) => {
      let connectionId: string | null = request.connectionId ?? null;
      let idp: string | null = null;
      if (request.profileId) {
        const profile = await profiles.get(request.profileId);
        connectionId ??= profile.activeConnectionId;
        const connection = profile.connections.find((c) => c.id === connectionId);
        if (request.connectionId && !connection) throw new UserFacingError('That IdP connection is not part of the profile any more.');
        idp = connection?.idp ?? null;
      }
      const options = loginTestOptions(request, idp);
      try {
        checkLoginTestOptions(options);
      } catch (error) {
        if (error instanceof LoginTestOptionsError || error instanceof DomainInputError) throw new UserFacingError(sentence(error.message));
        throw error;
      }
      const record = { connectionId, ...(request.profileId ? { profileId: request.profileId } : {}) };
      const taskId = tasks.start('login-test', 'Opening the login window…', (context) => runLoginTest(services, options, context, record));
      return { taskId };
    },

    // --- "Set it up for me" --------------------------------------------------------------------
    getIdpAdminStatus: async ({ profileId, connectionId, idp, target }) => {
      await requireProfile(profileId);
      if (target && target.idp !== idp) throw new UserFacingError('The target is for another identity provider.');
      return services.idpAdmin.status(profileId, connectionId, idp, target ?? null);
    },
    setIdpCredential: async ({ target, credential }) => ({ stored: true as const, backend: await services.idpAdmin.storeCredential(target, credential) }),
    forgetIdpCredential: async ({ target }) => ({ removed: await services.idpAdmin.forgetCredential(target) }),
    startIdpSignIn: async ({ target, method }) => {
      if (target.idp !== 'azure-ad') throw new UserFacingError('Only Microsoft Entra ID signs in with Microsoft; Okta and Auth0 take a stored credential.');
      const taskId = tasks.start('idp-sign-in', method === 'browser' ? 'Opening Microsoft\'s sign-in page in your browser…' : 'Asking Microsoft for a sign-in code…', async (context) => ({
        kind: 'idp-sign-in',
        idp: target.idp,
        ...(await services.idpAdmin.signIn(target, method, context)),
      }));
      return { taskId };
    },
    startIdpPlan: async (request) => {
      await requireProfile(request.profileId);
      const taskId = tasks.start('idp-plan', 'Signing in to the identity provider…', async (context) => ({ kind: 'idp-plan', ...(await services.idpAdmin.plan(request, context)) }));
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
      const taskId = tasks.start('idp-undo', 'Signing in to the identity provider…', async (context) => ({ kind: 'idp-undo', ...(await services.idpAdmin.undo(profileId, connectionId, target, context)) }));
      return { taskId };
    },

    // --- a capture someone sent --------------------------------------------------------------
    analyzeCapture: async ({ digest, fileName, mode, ids, idp, idpCertificatePem, idpIssuer }) => {
      const report = await analyzeCapture(
        digest,
        {
          ...(mode ? { mode, ids: ids ?? {} } : {}),
          ...(idp ? { idp } : {}),
          ...(idpCertificatePem?.trim() ? { idpCertPem: idpCertificatePem } : {}),
          ...(idpIssuer?.trim() ? { idpIssuer: idpIssuer.trim() } : {}),
        },
        // The wizard shows the users' values for the diagnosis; its export redacts them (renderer).
        { redact: false, ...(fileName ? { fileName } : {}), analyze: services.analysis.analyzeResponse },
      );
      return { report: report as unknown as CaptureReportDto };
    },

    // --- long work ---------------------------------------------------------------------------
    getTaskStatus: async ({ taskId }) => tasks.status(taskId),
    cancelTask: async ({ taskId }) => tasks.cancel(taskId),
  };
}
