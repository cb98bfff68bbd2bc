import type { SecretKind } from '../../../shared/api';

export const SECRET_KINDS_LIST: readonly SecretKind[] = ['twilio-auth-token', 'twilio-api-key-secret', 'idp-api-token'];
