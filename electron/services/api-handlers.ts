import type { ApiHandlers } from '../../shared/api';
import { API_CALLS } from '../../shared/api-calls';
import { CATALOG_IDPS, CATALOG_MODES } from '../../shared/catalog';
import { UserFacingError } from './api-dispatch';

export interface ApiServices {
  host: 'electron' | 'web';
  appName: string;
  appVersion: string;
  dataFolder?: string;
}

/** Binds each call of the contract to the main-side services. Both hosts use this one table. */
export function createApiHandlers(services: ApiServices): ApiHandlers {
  const pending = Object.fromEntries(
    API_CALLS.map((name) => [name, async () => { throw new UserFacingError(`${name} is not available yet.`); }]),
  ) as unknown as ApiHandlers;
  return {
    ...pending,
    getAppInfo: async () => ({ name: services.appName, version: services.appVersion, host: services.host, dataFolder: services.dataFolder ?? '' }),
    listCatalog: async () => ({ modes: CATALOG_MODES, idps: CATALOG_IDPS }),
  };
}
