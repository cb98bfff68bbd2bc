/**
 * The rules and flags the login browsers are started with. Electron cannot run here, so what the
 * Electron app builds (its app-wide host block, its login window's request filter) is checked as
 * data; login-test-leaks.test.ts runs the same resolver rules in real Chromium.
 */
import { describe, expect, it } from 'vitest';
import {
  appHostResolverRules,
  BROWSER_SERVICE_HOSTS,
  loginBrowserArgs,
  loginBrowserResolverRules,
  loginWindowRequestFilter,
  shouldCancelLoginWindowRequest,
  UNREACHABLE_GAIA_URL,
} from '../../electron/services/login-test';
import { TWILIO_HOST_PATTERNS } from '../../shared/domain/twilio-hosts';

const SPELLINGS = [
  'https://login.flex.us1.twilio.com/login/callback?connection=JQ1',
  'https://login.flex.us1.twilio.com./login/callback?connection=JQ1',
  'https://LOGIN.FLEX.US1.TWILIO.COM/login/callback',
  'https://login.flex.us1.twilio.com:8443/login/callback',
  'http://iam.twilio.com/v1/Accounts/AC1/saml2',
  'https://iam.twilio.com../v2/saml2/authenticate/JB1',
  'https://iam.ｔｗｉｌｉｏ.com/v2/saml2/authenticate/JB1',
];

/** Chromium's flags that put up the "unsupported command-line flag" bar (chrome/browser/ui/startup/bad_flags_prompt.cc). */
const CHROMIUM_BAD_FLAGS = [
  '--host-resolver-rules',
  '--no-sandbox',
  '--gaia-url',
  '--disable-web-security',
  '--ignore-certificate-errors',
  '--log-net-log',
  '--disable-blink-features',
  '--enable-blink-features',
];

describe('the Electron app around its login window', () => {
  it('blocks every Twilio host app-wide, in every spelling pattern', () => {
    expect(appHostResolverRules()).toBe(TWILIO_HOST_PATTERNS.map((p) => `MAP ${p} ~NOTFOUND`).join(', '));
    expect(appHostResolverRules()).toContain('MAP *.twilio.com.* ~NOTFOUND');
  });

  it('filters every http(s) request of the login window and cancels Twilio ones from a window not yet captured', () => {
    expect(loginWindowRequestFilter()).toEqual({ urls: ['*://*/*'] });
    const captured = new Set([7]);
    for (const url of SPELLINGS) {
      expect(shouldCancelLoginWindowRequest(url, 8, captured), url).toBe(true);
      expect(shouldCancelLoginWindowRequest(url, undefined, captured), url).toBe(true);
      expect(shouldCancelLoginWindowRequest(url, 7, captured), url).toBe(false);
    }
    expect(shouldCancelLoginWindowRequest('https://login.microsoftonline.com/tenant/saml2', 8, captured)).toBe(false);
  });
});

describe('the Chromium login browser (CLI, web host, tests)', () => {
  it("sends Twilio nowhere first, then the browser's own services, then (tests only) everything else to a listener", () => {
    const rules = loginBrowserResolverRules({ allowRealLogin: false, everyOtherHostTarget: '127.0.0.1:9' }).split(', ');
    expect(rules.slice(0, 4)).toEqual(TWILIO_HOST_PATTERNS.map((p) => `MAP ${p} ~NOTFOUND`));
    expect(rules).toContain('MAP update.googleapis.com ~NOTFOUND');
    expect(rules).toContain(`MAP ${new URL(UNREACHABLE_GAIA_URL).hostname} ~NOTFOUND`);
    expect(rules.slice(-2)).toEqual(['MAP * 127.0.0.1:9', 'EXCLUDE 127.0.0.1']);
    expect(loginBrowserResolverRules({ allowRealLogin: false, twilioTarget: '127.0.0.1:5' })).toMatch(/^MAP twilio\.com 127\.0\.0\.1:5, /);
    expect(loginBrowserResolverRules({ allowRealLogin: true })).not.toMatch(/twilio/);
    expect(loginBrowserResolverRules({ allowRealLogin: false })).not.toMatch(/MAP \* /);
  });

  it('never blocks a host a sign-in page needs (Google Workspace signs in at accounts.google.com)', () => {
    for (const host of ['accounts.google.com', 'www.google.com', 'ssl.gstatic.com', 'www.gstatic.com', 'login.microsoftonline.com', 'aadcdn.msftauth.net']) {
      expect(BROWSER_SERVICE_HOSTS as readonly string[]).not.toContain(host);
    }
    expect(new URL(UNREACHABLE_GAIA_URL).hostname).toMatch(/\.invalid$/);
  });

  it('marks the browser as under test whenever it passes a flag Chromium warns about, and never turns the sandbox off itself', () => {
    const args = loginBrowserArgs({ allowRealLogin: false });
    const bad = args.filter((arg) => CHROMIUM_BAD_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
    expect(bad.length).toBeGreaterThan(0);
    expect(args).toContain('--test-type');
    expect(args).not.toContain('--no-sandbox');
    expect(args).toContain(`--gaia-url=${UNREACHABLE_GAIA_URL}`);
    expect(args.filter((arg) => arg.startsWith('--host-resolver-rules='))).toHaveLength(1);
    // Our own --disable-features would replace Playwright's (Chromium keeps the last one).
    expect(args.some((arg) => arg.startsWith('--disable-features') || arg.startsWith('--enable-features'))).toBe(false);
  });
});
