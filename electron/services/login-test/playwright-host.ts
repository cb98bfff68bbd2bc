import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from '../chromium';
import type { BrowserHost, CdpClient, HostOpenOptions, HostPage, HostSession, HostSessionEvents } from './cdp';
import { createThrowawayProfile, hostResolverRules, removeProfile } from './profile';

export interface PlaywrightHostOptions {
  /** The Chromium or Chrome executable (see findChromium). */
  executablePath: string;
  headless?: boolean;
  /**
   * Where SP host names resolve to when the network to the SP is not allowed. `~NOTFOUND` (the
   * default) makes any request the capture missed fail; the tripwire test points it at a listener.
   */
  spResolverTarget?: string;
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

/**
 * Chromium through playwright-core: one launch per login test, in a fresh profile (predictor
 * off) that is deleted when the test ends. Used by the CLI and by the tests.
 */
export function createPlaywrightHost(options: PlaywrightHostOptions): BrowserHost {
  return {
    name: 'chromium',
    async open(open: HostOpenOptions, events: HostSessionEvents): Promise<HostSession> {
      const { chromium } = await import('playwright-core');
      const profile = await createThrowawayProfile();
      options.onProfile?.(profile);
      const args = [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags(), ...(options.extraArgs ?? [])];
      if (!open.allowSpNetwork && open.spHosts.length > 0) {
        args.push(`--host-resolver-rules=${hostResolverRules(open.spHosts, options.spResolverTarget ?? '~NOTFOUND')}`);
      }
      let context: BrowserContext;
      try {
        context = await chromium.launchPersistentContext(profile, {
          executablePath: options.executablePath,
          headless: options.headless ?? false,
          args,
          viewport: null,
          acceptDownloads: false,
          serviceWorkers: 'block',
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
