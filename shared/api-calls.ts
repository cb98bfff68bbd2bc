/**
 * The names of every call the renderer may make to the main side. Kept free of any import so the
 * sandboxed preload can bundle it without pulling in the schemas; `shared/api.ts` must declare a
 * schema for each name (the compiler checks it).
 *
 * Stable: names are only ever added, never renamed or removed.
 */
export const API_CALLS = [
  // app
  'getAppInfo',
  'listCatalog',
  // customer profiles
  'listProfiles',
  'dismissProfileProblems',
  'getProfile',
  'createProfile',
  'updateProfile',
  'duplicateProfile',
  'deleteProfile',
  'exportProfile',
  'importProfile',
  // secrets (write-only from the renderer's side)
  'getKeychainStatus',
  'setSecretStorageMode',
  'getSecretStatus',
  'setSecret',
  'deleteSecret',
  'testSecret',
  // IdP metadata
  'importMetadataText',
  'startMetadataDownload',
  // exports
  'saveExport',
  'startPdfExport',
  // Twilio (optional credentials)
  'checkTwilioCredentials',
  'readFlexConfiguration',
  'fetchTwilioWorker',
  // the login test
  'startLoginTest',
  // a browser capture (HAR, SAML-tracer) someone sent
  'analyzeCapture',
  // "Set it up for me": the IdP's admin API
  'getIdpAdminStatus',
  'setIdpCredential',
  'forgetIdpCredential',
  'startIdpSignIn',
  'startIdpPlan',
  'startIdpApply',
  'startIdpUndo',
  // long work
  'getTaskStatus',
  'cancelTask',
] as const;

export type ApiCallName = (typeof API_CALLS)[number];

/** The IPC channel (Electron) or URL path segment (web host) that carries a call. */
export function apiChannel(name: ApiCallName): string {
  return `flex-sso:${name}`;
}

/** What crosses the boundary for every call, whichever host carries it. */
export type ApiWireResult = { ok: true; value: unknown } | { ok: false; error: { code: ApiErrorCode; message: string } };

export type ApiErrorCode = 'bad-request' | 'unknown-call' | 'untrusted-sender' | 'failed';

/** The object the preload (Electron) or the bridge script (web host) puts on `window`. */
export type ApiBridge = Record<ApiCallName, (request: unknown) => Promise<ApiWireResult>>;

export const API_BRIDGE_GLOBAL = 'flexSso';
