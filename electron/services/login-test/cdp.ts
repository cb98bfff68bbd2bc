/**
 * The small slice of the Chrome DevTools Protocol the login test needs, and the browser host
 * interface both hosts implement (playwright-core's Chromium for the CLI and the tests, Electron's
 * `webContents.debugger` for the app). The capture engine only ever talks to these interfaces.
 */

/** One CDP connection to one page (a tab, a window or a popup). */
export interface CdpClient {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(method: string, params?: Record<string, unknown>): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, handler: (params: any) => void): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, handler: (params: any) => void): void;
}

/** A page in the test window: the first one, or a popup the IdP opened. */
export interface HostPage {
  /** Stable within one host session. */
  readonly id: string;
  readonly cdp: CdpClient;
  readonly isPopup: boolean;
}

export interface HostOpenOptions {
  /**
   * True only when the admin chose to let the login continue to Twilio for real. Otherwise no
   * Twilio host (shared/domain/twilio-hosts) may be reachable from the browser at all.
   */
  allowRealLogin: boolean;
}

export interface HostSessionEvents {
  /**
   * A popup appeared. Without a browserCdp the session attaches the capture to it; the host must
   * call this before the popup loads anything (Electron: from setWindowOpenHandler's createWindow).
   */
  onPopup(page: HostPage): Promise<void>;
  /** A page went away (closed by the user, crashed, or the whole browser quit). */
  onPageClosed(page: HostPage, reason: 'closed' | 'crashed'): void;
}

export interface HostSession {
  /** The first page, on about:blank, not yet navigated. */
  readonly main: HostPage;
  /**
   * Chromium's browser target, when the host can reach it. Fetch enabled there intercepts every
   * page and popup of the browser from its very first request, so no popup can slip a request
   * out before its own session is attached. Without it (Electron's webContents.debugger is per
   * page), the capture attaches to each page, and the host must hand popups over before they
   * load anything.
   */
  readonly browserCdp?: CdpClient;
  /** Closes every page and throws away the profile or partition. Safe to call twice. */
  close(): Promise<void>;
}

export interface BrowserHost {
  readonly name: string;
  /** No window to sign in with: a test that waits for typing can only time out. */
  readonly headless?: boolean;
  open(options: HostOpenOptions, events: HostSessionEvents): Promise<HostSession>;
}
