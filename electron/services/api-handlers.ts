import type { ApiHandlers } from '../../shared/api';
import { CATALOG_IDPS, CATALOG_MODES } from '../../shared/catalog';

export interface ApiServices {
  host: 'electron' | 'web';
  appName: string;
  appVersion: string;
}

/** Binds each call of the contract to the main-side services. Both hosts use this one table. */
export function createApiHandlers(services: ApiServices): ApiHandlers {
  return {
    getAppInfo: async () => ({ name: services.appName, version: services.appVersion, host: services.host }),
    listCatalog: async () => ({ modes: CATALOG_MODES, idps: CATALOG_IDPS }),
  };
}
