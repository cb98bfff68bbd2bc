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
export {
  captureRequestPatterns,
  isSignInChainHop,
  looksLikeSamlPost,
  pausedRequestBody,
  type CaptureEvent,
  type CaptureRules,
  type CaptureSink,
  type Interception,
  type RequestPattern,
} from './capture';
export { buildAuthnRequest, type AuthnRequestInput, type BuiltAuthnRequest } from './authn-request';
export { createPlaywrightHost, type PlaywrightHostOptions } from './playwright-host';
export { createThrowawayProfile, removeProfile } from './profile';
export { loginBrowserArgs, loginBrowserResolverRules, BROWSER_SERVICE_HOSTS, LOGIN_BROWSER_PREFERENCES, UNREACHABLE_GAIA_URL } from './browser-settings';
export { describePage, timeoutMessage, type PageDescription } from './page-description';
export { loginWindowRequestFilter, appHostResolverRules, shouldCancelLoginWindowRequest } from './electron-rules';
export { CAPTURED_TITLE } from './local-pages';
