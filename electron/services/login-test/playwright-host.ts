import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { loginBrowserArgs } from './browser-settings';
import { hasDisplay, NoDisplayError } from './browser-start';
import type { BrowserHost, CdpClient, HostOpenOptions, HostPage, HostSession, HostSessionEvents } from './cdp';
import { createThrowawayProfile, removeProfile } from './profile';
import { errorMessage } from '../../../shared/errors';

export interface PlaywrightHostOptions {
  /** The Chromium or Chrome executable (see findChromium). */
  executablePath: string;
  headless?: boolean;
  /**
   * Where Twilio's host names resolve to when a real login is not allowed. `~NOTFOUND` (the
   * default) makes any request the capture missed fail; the tripwire tests point it at a listener.
   */
  twilioResolverTarget?: string;
  /** Tests only: every host but 127.0.0.1 resolves here (a listener counting the browser's own traffic). */
  everyOtherHostTarget?: string;
  /** Tests only: the profile's Preferences instead of the login browser's. */
  preferences?: object;
  /** Extra Chromium flags (tests only). */
  extraArgs?: string[];
  /** Called once per launch with the profile directory (tests check it is deleted). */
  onProfile?: (dir: string) => void;
  /** Called with every page (the first one, then popups), so tests can type into the IdP's form. */
  onPage?: (page: Page, isPopup: boolean) => void;
}

function cdpOf(session: CDPSession): CdpClient {
  // Playwright's CDPSession is typed per method; the engine works with plain method names.
  const loose = session as unknown as CdpClient;
  return {
    send: (method, params) => loose.send(method, params),
    on: (event, handler) => loose.on(event, handler),
    off: (event, handler) => loose.off(event, handler),
  };
}

/** Chromium's sandbox cannot start as root (CI, containers); everywhere else it stays on. */
export function sandboxWanted(): boolean {
  return !(typeof process.getuid === 'function' && process.getuid() === 0);
}

function isSandboxFailure(error: unknown): boolean {
  return /sandbox/i.test(errorMessage(error));
}

/**
 * Chromium through playwright-core: one launch per login test, in a fresh profile (the login
 * browser's preferences, see browser-settings.ts) that is deleted when the test ends. Used by the
 * CLI, the web host and the tests.
 */
export function createPlaywrightHost(options: PlaywrightHostOptions): BrowserHost {
  const headless = options.headless ?? false;
  return {
    name: 'chromium',
    headless,
    async open(open: HostOpenOptions, events: HostSessionEvents): Promise<HostSession> {
      // A window needs a display: say so at once instead of letting Chromium fail on it.
      if (!headless && !hasDisplay()) throw new NoDisplayError();
      const { chromium } = await import('playwright-core');
      const profile = await createThrowawayProfile(options.preferences);
      options.onProfile?.(profile);
      const args = [
        ...loginBrowserArgs({
          allowRealLogin: open.allowRealLogin,
          ...(options.twilioResolverTarget ? { twilioTarget: options.twilioResolverTarget } : {}),
          ...(options.everyOtherHostTarget ? { everyOtherHostTarget: options.everyOtherHostTarget } : {}),
        }),
        ...(options.extraArgs ?? []),
      ];
      const launch = (chromiumSandbox: boolean): Promise<BrowserContext> =>
        chromium.launchPersistentContext(profile, {
          executablePath: options.executablePath,
          headless,
          // Without it Playwright adds --no-sandbox; kept only where the sandbox cannot run.
          chromiumSandbox,
          args,
          viewport: null,
          acceptDownloads: false,
          serviceWorkers: 'block',
        });
      let context: BrowserContext;
      try {
        const sandbox = sandboxWanted();
        context = await launch(sandbox).catch((error: unknown) => {
          // A system whose kernel refuses Chromium's sandbox (no user namespaces): run without it.
          if (sandbox && isSandboxFailure(error)) return launch(false);
          throw error;
        });
      } catch (error) {
        await removeProfile(profile);
        throw error;
      }

      let closing = false;
      let counter = 0;
      const pages = new Map<Page, HostPage>();
      const track = async (page: Page, isPopup: boolean): Promise<HostPage> => {
        const session = await context.newCDPSession(page);
        const hostPage: HostPage = { id: `page-${++counter}`, cdp: cdpOf(session), isPopup };
        pages.set(page, hostPage);
        options.onPage?.(page, isPopup);
        page.on('close', () => {
          if (!closing) events.onPageClosed(hostPage, 'closed');
        });
        page.on('crash', () => {
          if (!closing) events.onPageClosed(hostPage, 'crashed');
        });
        return hostPage;
      };

      const browser = context.browser();
      const browserCdp = browser ? cdpOf(await browser.newBrowserCDPSession()) : undefined;
      const first = context.pages()[0] ?? (await context.newPage());
      const main = await track(first, false);
      context.on('page', (page) => {
        if (closing || pages.has(page)) return;
        void track(page, true)
          .then((hostPage) => events.onPopup(hostPage))
          .catch(() => undefined);
      });
      context.on('close', () => {
        if (closing) return;
        for (const hostPage of pages.values()) events.onPageClosed(hostPage, 'closed');
      });

      let closed: Promise<void> | null = null;
      return {
        main,
        ...(browserCdp ? { browserCdp } : {}),
        close() {
          closed ??= (async () => {
            closing = true;
            await context.close().catch(() => undefined);
            await removeProfile(profile);
          })();
          return closed;
        },
      };
    },
  };
}
