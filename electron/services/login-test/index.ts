/**
 * The login test: a real IdP login in a browser, its SAML response captured before it reaches
 * Twilio, then diagnosed. Hosts: createPlaywrightHost (CLI, tests) and the Electron login window
 * (electron/main/login-window.ts), both over the same CDP capture.
 */
export type { BrowserHost, CdpClient, HostOpenOptions, HostPage, HostSession, HostSessionEvents } from './cdp';
export {
  startLoginTest,
  checkLoginTestOptions,
  isTerminalPhase,
  LoginTestOptionsError,
  type Analyze,
  type LoginTestDependencies,
  type LoginTestEndReason,
  type LoginTestOptions,
  type LoginTestPhase,
  type LoginTestSession,
  type LoginTestState,
} from './session';
export { interceptSpRequests, watchNavigations, mainFrameIdOf, spRequestPatterns, isSpUrl, pausedRequestBody, type CaptureEvent, type CaptureRules, type CaptureSink, type Interception } from './capture';
export { buildAuthnRequest, type AuthnRequestInput, type BuiltAuthnRequest } from './authn-request';
export { createPlaywrightHost, type PlaywrightHostOptions } from './playwright-host';
export { createThrowawayProfile, removeProfile, hostResolverRules, NO_PREDICTION_PREFERENCES } from './profile';
export { CAPTURED_TITLE } from './local-pages';
