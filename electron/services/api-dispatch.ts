import { API_CALLS, type ApiCallName, type ApiWireResult } from '../../shared/api-calls';
import { apiContract, type ApiHandlers } from '../../shared/api';
import { errorMessage, userFacingMessage } from './errors';

function isApiCallName(name: string): name is ApiCallName {
  return (API_CALLS as readonly string[]).includes(name);
}

function describeSchemaIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Validates a call's request against the contract, runs its handler, and validates the response.
 * Every host (Electron IPC, the web harness) routes through here, so the checks are the same.
 * Errors never carry a stack trace across the boundary.
 */
export async function dispatchApiCall(
  handlers: ApiHandlers,
  name: string,
  rawRequest: unknown,
  log: (line: string) => void = () => {},
): Promise<ApiWireResult> {
  if (!isApiCallName(name)) {
    return { ok: false, error: { code: 'unknown-call', message: `There is no call named "${name.slice(0, 60)}".` } };
  }
  const contract = apiContract[name];
  const parsed = contract.request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad-request', message: `The request for ${name} was not valid: ${describeSchemaIssues(parsed.error)}.` },
    };
  }
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = contract.response.safeParse(value);
    if (!checked.success) {
      log(`response of ${name} broke the contract: ${describeSchemaIssues(checked.error)}`);
      return { ok: false, error: { code: 'failed', message: `${name} produced an unexpected answer; this is a bug in the app.` } };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    const message = userFacingMessage(error);
    if (message !== null) return { ok: false, error: { code: 'failed', message } };
    log(`call ${name} failed: ${errorMessage(error)}`);
    return { ok: false, error: { code: 'failed', message: `${name} failed unexpectedly; try again, and report it if it keeps happening.` } };
  }
}
