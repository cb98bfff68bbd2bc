/** The app itself: who it is, the catalog of modes and IdPs, and the long work (tasks) it runs. */
import type { ApiHandlers } from '../../../shared/api';
import { CATALOG_IDPS, catalogModes } from '../../../shared/catalog';
import type { ApiServices } from '../api-services';

export function appHandlers(services: ApiServices): Pick<ApiHandlers, 'getAppInfo' | 'listCatalog' | 'getTaskStatus' | 'cancelTask'> {
  const { tasks } = services;
  return {
    getAppInfo: async () => ({ name: services.appName, version: services.appVersion, host: services.host, dataFolder: services.dataFolder }),
    listCatalog: async () => ({ modes: catalogModes(), idps: CATALOG_IDPS }),
    getTaskStatus: async ({ taskId }) => tasks.status(taskId),
    cancelTask: async ({ taskId }) => tasks.cancel(taskId),
  };
}
