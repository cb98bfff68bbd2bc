import { API_BRIDGE_GLOBAL, API_CALLS, type ApiBridge } from '../../shared/api-calls';
import type { ApiClient } from '../../shared/api';

/** A refusal from the main side, with a message written for the user. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function findBridge(): ApiBridge {
  const bridge = (window as unknown as Record<string, unknown>)[API_BRIDGE_GLOBAL] as ApiBridge | undefined;
  if (!bridge) throw new ApiCallError('The wizard was opened outside its app, so it cannot reach its services.', 'no-bridge');
  return bridge;
}

/** The typed client over whatever host put the bridge on `window` (Electron preload or web harness). */
export function createApiClient(bridge: ApiBridge = findBridge()): ApiClient {
  const client = {} as Record<string, (request: unknown) => Promise<unknown>>;
  for (const name of API_CALLS) {
    client[name] = async (request: unknown) => {
      const result = await bridge[name](request);
      if (!result.ok) throw new ApiCallError(result.error.message, result.error.code);
      return result.value;
    };
  }
  return client as unknown as ApiClient;
}
