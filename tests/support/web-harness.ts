/**
 * The e2e harness: the built renderer served by the real web host, bound to the REAL main-side
 * services (profile store, secret vault, tasks, Twilio client, exports, login test) in a fresh
 * user-data folder. Not a mock: the same handler table Electron's IPC uses.
 *
 * For the renderer engineer (Playwright specs in tests/e2e):
 *
 *   const harness = await startHarness({ twilioBaseUrl: fake.baseUrl });   // options all optional
 *   await page.goto(harness.host.url);   // each read of host.url is a new one-time launch link that
 *                                        // signs this browser context in (HttpOnly session cookie)
 *   harness.host.origin                  // http://127.0.0.1:<port>, for requests that need no session
 *   harness.userDataDir            // profiles in <userDataDir>/profiles
 *   harness.exportsDir             // null: exports are the browser's downloads (page.waitForEvent('download'))
 *   harness.services               // the live services (e.g. harness.services.profiles.list())
 *
 * Secrets: by default the real keychain (Secret Service under `npm test`) under a service name
 * unique to this harness, cleaned on stop; `secrets: 'no-keychain'` gives a vault with no keychain,
 * to walk the "session only" flow.
 *
 * The login test: the harness's login browser launches headless Chromium through the product's own
 * Playwright host (the same capture code) and RECORDS every page it opens, so a spec can play the
 * user at the IdP's login form:
 *
 *   await page.getByRole('button', { name: 'Start the test login' }).click();
 *   const idp = await harness.loginPages.next();          // the IdP's page in the test browser
 *   await idp.waitForLoadState();
 *   await idp.fill('input[name=username]', 'bob@example.com'); …; await idp.click('button[type=submit]');
 *   // the wizard then polls getTaskStatus and shows the diagnosis
 *
 * `harness.loginPages.all` lists every page seen (popups included); `next()` waits for one not yet
 * returned (30 s by default). Pass `headfulLogin: true` to watch the login browser.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createApiHandlers } from '../../electron/services/api-handlers';
import type { IdpAdminEndpoints } from '../../electron/services/idp-admin/idp-admin-service';
import { findChromium } from '../../electron/services/chromium';
import { createPlaywrightHost, type BrowserHost } from '../../electron/services/login-test';
import { SecretVault } from '../../electron/services/secrets/secret-vault';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { createWebHostServices, type WebHostServices } from '../../electron/web-host/services';
import { analysisWorkerScript } from './analysis-worker';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LoginPages {
  /** Every page the login browser opened, in order (main page and popups). */
  readonly all: Page[];
  /** Resolves with the next page not yet returned by next(); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Page>;
}

export interface RecordingLoginBrowser {
  factory: () => BrowserHost;
  pages: LoginPages;
  /** Closes any CDP connection still open. */
  close(): Promise<void>;
}

async function devToolsPort(profileDir: string): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const port = Number(readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the login browser did not publish its DevTools port');
}

/**
 * The product's Playwright login host (headless Chromium), plus a second CDP connection from this
 * process that records the pages, so a spec can type into the IdP's form.
 */
export function recordingLoginBrowser(options: { headless?: boolean } = {}): RecordingLoginBrowser {
  const all: Page[] = [];
  let handedOut = 0;
  const waiters: Array<() => void> = [];
  const connections = new Set<Browser>();
  const record = (page: Page): void => {
    if (all.includes(page)) return;
    all.push(page);
    for (const wake of waiters.splice(0)) wake();
  };
  const pages: LoginPages = {
    all,
    async next(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (handedOut >= all.length) {
        if (Date.now() > deadline) throw new Error(`the login browser opened no new page within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return all[handedOut++]!;
    },
  };
  const factory = (): BrowserHost => {
    const executablePath = findChromium().path;
    if (!executablePath) throw new Error('the harness needs Chromium (CHROMIUM_PATH or /usr/bin/chromium)');
    let profileDir = '';
    const inner = createPlaywrightHost({
      executablePath,
      headless: options.headless ?? true,
      extraArgs: ['--remote-debugging-port=0'],
      onProfile: (dir) => (profileDir = dir),
    });
    return {
      name: `${inner.name} (recorded by the e2e harness)`,
      async open(openOptions, events) {
        const session = await inner.open(openOptions, events);
        const { chromium } = await import('playwright-core');
        const browser = await chromium.connectOverCDP(`http://127.0.0.1:${await devToolsPort(profileDir)}`);
        connections.add(browser);
        for (const context of browser.contexts()) {
          for (const page of context.pages()) record(page);
          context.on('page', record);
        }
        return {
          main: session.main,
          async close() {
            await session.close();
            connections.delete(browser);
            await browser.close().catch(() => undefined);
          },
        };
      },
    };
  };
  return {
    factory,
    pages,
    close: async () => {
      for (const browser of connections) await browser.close().catch(() => undefined);
      connections.clear();
    },
  };
}

export interface HarnessOptions {
  /** 'keychain' (default): the real keychain under a unique service name; 'no-keychain': none available. */
  secrets?: 'keychain' | 'no-keychain';
  /** Point the Twilio client at a fake Twilio server (tests/support/fake-twilio). */
  twilioBaseUrl?: string;
  /**
   * "Set it up for me": Microsoft's sign-in host and Graph (FAKE servers), and what opens the
   * "system browser" for the Microsoft sign-in (the spec plays the admin's browser). Passed to the
   * services' construction, as a national cloud's addresses would be; nothing in the product changes.
   */
  idpAdmin?: IdpAdminEndpoints;
  /** Show the login browser instead of running it headless. */
  headfulLogin?: boolean;
}

export interface RunningHarness {
  host: WebHost;
  userDataDir: string;
  /** Always null here: the web host hands exports to the browser's own download. */
  exportsDir: null;
  services: WebHostServices;
  loginPages: LoginPages;
  logs: string[];
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<RunningHarness> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'flex-sso-harness-'));
  const logs: string[] = [];
  const log = (line: string): void => void logs.push(line);
  const secrets =
    options.secrets === 'no-keychain'
      ? new SecretVault(null, undefined, 'no keychain on this test machine')
      : await SecretVault.open(`Flex SSO Wizard e2e ${randomUUID().slice(0, 8)}`);
  const login = recordingLoginBrowser({ headless: !options.headfulLogin });
  const services = await createWebHostServices({
    dataFolder: userDataDir,
    analysisWorker: await analysisWorkerScript(),
    loginBrowser: login.factory,
    secrets,
    ...(options.twilioBaseUrl ? { twilioBaseUrl: options.twilioBaseUrl } : {}),
    ...(options.idpAdmin ? { idpAdmin: options.idpAdmin } : {}),
    log,
  });
  const host = await startWebHost({
    rendererDir: join(REPO_ROOT, 'out', 'renderer'),
    handlers: createApiHandlers(services),
    downloads: services.downloads,
    log,
  });
  return {
    host,
    userDataDir,
    exportsDir: null,
    services,
    loginPages: login.pages,
    logs,
    stop: async () => {
      services.tasks.cancelAll();
      await host.close();
      await login.close();
      const { profiles } = await services.profiles.list().catch(() => ({ profiles: [] }));
      for (const profile of profiles) await secrets.deleteAllFor(profile.id).catch(() => 0);
      for (const account of await secrets.accountsNamed('idp-admin:').catch(() => [])) await secrets.deleteNamed(account).catch(() => false);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
