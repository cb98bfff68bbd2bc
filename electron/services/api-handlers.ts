/**
 * Binds each call of the contract to the main-side services, one module per area
 * (electron/services/handlers/). Both hosts use this one table; a call without a handler does not
 * compile (the table is typed ApiHandlers).
 */
import type { ApiHandlers } from '../../shared/api';
import type { ApiServices } from './api-services';
import { appHandlers } from './handlers/app';
import { captureHandlers } from './handlers/capture';
import { exportHandlers } from './handlers/exports';
import { idpAdminHandlers } from './handlers/idp-admin';
import { loginTestHandlers } from './handlers/login-test';
import { metadataHandlers } from './handlers/metadata';
import { profileHandlers } from './handlers/profiles';
import { secretHandlers } from './handlers/secrets';
import { twilioHandlers } from './handlers/twilio';

export type { ApiServices } from './api-services';

export function createApiHandlers(services: ApiServices): ApiHandlers {
  return {
    ...appHandlers(services),
    ...profileHandlers(services),
    ...secretHandlers(services),
    ...metadataHandlers(services),
    ...exportHandlers(services),
    ...twilioHandlers(services),
    ...loginTestHandlers(services),
    ...idpAdminHandlers(services),
    ...captureHandlers(services),
  };
}
