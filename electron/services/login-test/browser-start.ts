/**
 * When the test window's browser cannot start, what the admin reads: plain words and what to do
 * instead, never the browser library's own text (which names its internals, e.g.
 * "browserType.launchPersistentContext: Target page, context or browser has been closed").
 */

/** A headed browser was asked for where there is no desktop display to show it on. */
export class NoDisplayError extends Error {
  override readonly name = 'NoDisplayError';
  constructor() {
    super('no desktop display');
  }
}

/** Whether a window can be shown: on Linux (and the BSDs) only with an X or Wayland display. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY?.trim() || env.WAYLAND_DISPLAY?.trim());
}

/** What Chromium says when its display cannot be reached (its stderr, carried in Playwright's error). */
const DISPLAY_MISSING = /Missing X server|\$DISPLAY|cannot open display|Failed to connect to (the )?(X|Wayland)|wayland.*failed/i;

export const NO_DISPLAY_MESSAGE =
  'The test window could not open: it needs a desktop display, and there is none where the wizard runs (over SSH, for example, there is none). ' +
  'Run the wizard on a computer with a desktop. For an identity provider that signs in without any typing, the command line can test without a window: flex-sso test-login … --headless. ' +
  'Or sign in from your own browser, save that sign-in as a capture (a HAR file or a SAML-tracer export) and analyse the capture.';

export const BROWSER_DID_NOT_START_MESSAGE =
  'The test window could not open: its browser (Chromium) did not start. Try again; if it fails again, check that Chromium starts on this computer, ' +
  'or sign in from your own browser, save that sign-in as a capture (a HAR file or a SAML-tracer export) and analyse the capture.';

/** The sentence for a browser that did not start. */
export function browserStartProblem(error: unknown): string {
  if (error instanceof NoDisplayError) return NO_DISPLAY_MESSAGE;
  const text = error instanceof Error ? error.message : String(error);
  return DISPLAY_MISSING.test(text) ? NO_DISPLAY_MESSAGE : BROWSER_DID_NOT_START_MESSAGE;
}
