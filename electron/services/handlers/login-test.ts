/** The login test as a task: its options from the request and profile, its outcome recorded on the profile. */
import type { ApiHandlers, ApiRequest, LastTestResult, TaskResult } from '../../../shared/api';
import { isIdpId } from '../../../shared/idps';
import { errorMessage } from '../../../shared/errors';
import type { ApiServices } from '../api-services';
import { UserFacingError } from '../errors';
import { checkLoginTestOptions, isTerminalPhase, startLoginTest, type LoginTestOptions, type LoginTestState } from '../login-test';
import type { TaskContext, TaskFinish } from '../tasks/task-registry';
import { analysisDto } from './dto';

function lastTestResult(state: LoginTestState, connectionId: string | null): LastTestResult {
  const findings = state.report?.findings ?? [];
  const outcome: LastTestResult['outcome'] =
    state.phase === 'done'
      ? state.report?.verdict === 'ok'
        ? 'passed'
        : state.report?.verdict === 'unverified'
          ? 'unverified'
          : 'failed'
      : state.phase === 'cancelled'
        ? 'cancelled'
        : state.phase === 'timed-out'
          ? 'timed-out'
          : 'error';
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
async function runLoginTest(
  services: ApiServices,
  options: LoginTestOptions,
  context: TaskContext,
  record: { profileId?: string; connectionId: string | null },
): Promise<TaskFinish> {
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
      services.log(`could not record the test result: ${errorMessage(error)}`);
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

export function loginTestHandlers(services: ApiServices): Pick<ApiHandlers, 'startLoginTest'> {
  const { profiles, tasks } = services;
  return {
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
      // Bad options throw LoginTestOptionsError or DomainInputError: the dispatcher tells the user (electron/services/errors.ts).
      checkLoginTestOptions(options);
      const record = { connectionId, ...(request.profileId ? { profileId: request.profileId } : {}) };
      const taskId = tasks.start('login-test', 'Opening the login window…', (context) => runLoginTest(services, options, context, record));
      return { taskId };
    },
  };
}
