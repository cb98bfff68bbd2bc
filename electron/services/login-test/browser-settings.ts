/**
 * How the login browser (Chromium through playwright-core: the CLI, the web host, the tests) is
 * started so that it contacts nothing but the identity provider's pages: no Twilio host in any
 * spelling, no Google account lookups, updates, safe-browsing or other background traffic of the
 * browser's own. Measured on Chromium 156 with every other host mapped to a counting listener
 * (tests/integration/login-test-leaks.test.ts; README "Using the desktop app safely"):
 * - Chromium started with the usual quiet flags (CHROMIUM_QUIET_FLAGS, plus Playwright's own)
 *   still asks accounts.google.com/ListAccounts at start-up (and retries), and update.googleapis.com
 *   for an on-demand component (the on-device model manifest). --disable-component-update, the
 *   signin.allowed preference and the model-download setting in Local State do not stop either.
 * - The account lookups go to the "GAIA" URL, which --gaia-url moves; it points at a name that
 *   cannot resolve. Accounts.google.com itself stays reachable: it is Google Workspace's sign-in page.
 * - Hosts only the browser itself uses (updates, time, models) resolve nowhere.
 * Each of these is checked by the tripwire test; a Chromium that adds new background traffic fails it.
 */
import { twilioResolverRules } from '../../../shared/domain/twilio-hosts';
import { CHROMIUM_QUIET_FLAGS } from '../chromium';

/** Where the browser's own Google-account requests go instead of accounts.google.com: nowhere. */
export const UNREACHABLE_GAIA_URL = 'https://google-accounts.flex-sso.invalid';

/**
 * Hosts that only Chromium's own background services use (never a sign-in page), resolved
 * nowhere. accounts.google.com, www.google.com and gstatic are NOT here: Google Workspace's
 * sign-in pages use them.
 */
export const BROWSER_SERVICE_HOSTS = [
  new URL(UNREACHABLE_GAIA_URL).hostname,
  'update.googleapis.com',
  'clients2.google.com',
  'clients2.googleusercontent.com',
  'redirector.gvt1.com',
  'edgedl.me.gvt1.com',
  'optimizationguide-pa.googleapis.com',
  'safebrowsing.googleapis.com',
  'safebrowsingohttpgateway.googleapis.com',
  'content-autofill.googleapis.com',
  'passwordsleakcheck-pa.googleapis.com',
] as const;

/** The fresh profile's Preferences: prediction, sign-in, safe browsing and the helpers that phone home, off. */
export const LOGIN_BROWSER_PREFERENCES = {
  // The predictor pre-connects to a form's target (Twilio) when the form is submitted.
  net: { network_prediction_options: 2 },
  signin: { allowed: false, allowed_on_next_startup: false },
  safebrowsing: { enabled: false, enhanced: false },
  search: { suggest_enabled: false },
  translate: { enabled: false },
  alternate_error_pages: { enabled: false },
  credentials_enable_service: false,
  profile: { password_manager_enabled: false, password_manager_leak_detection: false },
  autofill: { profile_enabled: false, credit_card_enabled: false },
  browser: { enable_spellchecking: false },
  spellcheck: { dictionaries: [], use_spelling_service: false },
  url_keyed_anonymized_data_collection: { enabled: false },
} as const;

/** Flags beyond CHROMIUM_QUIET_FLAGS. */
const LOGIN_BROWSER_FLAGS = [
  // Chromium shows an "unsupported command-line flag" bar for --host-resolver-rules and
  // --no-sandbox (its bad-flags list) unless the browser is marked as under test.
  '--test-type',
  `--gaia-url=${UNREACHABLE_GAIA_URL}`,
  '--no-pings',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
] as const;

export interface LoginBrowserNetwork {
  /** The admin let this login reach Twilio: Twilio hosts resolve normally. */
  allowRealLogin: boolean;
  /** Where Twilio hosts resolve instead: `~NOTFOUND` (the default), or a tests' listener. */
  twilioTarget?: string;
  /** Tests only: where every other host but 127.0.0.1 resolves (a counting listener). */
  everyOtherHostTarget?: string;
}

/** The --host-resolver-rules value: Twilio first (first match wins), then the browser's own services. */
export function loginBrowserResolverRules(network: LoginBrowserNetwork): string {
  const rules = [
    ...(network.allowRealLogin ? [] : twilioResolverRules(network.twilioTarget ?? '~NOTFOUND')),
    ...BROWSER_SERVICE_HOSTS.map((host) => `MAP ${host} ~NOTFOUND`),
    ...(network.everyOtherHostTarget ? [`MAP * ${network.everyOtherHostTarget}`, 'EXCLUDE 127.0.0.1'] : []),
  ];
  return rules.join(', ');
}

export function loginBrowserArgs(network: LoginBrowserNetwork): string[] {
  return [...CHROMIUM_QUIET_FLAGS, ...LOGIN_BROWSER_FLAGS, `--host-resolver-rules=${loginBrowserResolverRules(network)}`];
}
