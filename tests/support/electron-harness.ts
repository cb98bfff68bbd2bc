/**
 * The desktop app itself for the e2e specs (Playwright project `electron`): the built app started
 * with Playwright's `_electron.launch`, in a fresh user-data folder, with the settings of
 * electron/main/e2e-settings.ts (ignored by packaged builds). It offers the specs what the web
 * harness offers (tests/support/web-harness.ts), from inside the app:
 *
 *   harness.services.profiles / .secrets   the app's own main-side services, each call run in the
 *                                          main process through electronApp.evaluate
 *   harness.loginPages                     the login-test windows (and popups) the app opens
 *   harness.userDataDir / .exportsDir      the app's user data; where the save dialog "saves"
 *
 * Only the operating system's save dialog is replaced (a native dialog cannot be driven): it
 * answers with a file in exportsDir named as the app suggested, the way electron-playwright-helpers'
 * stubDialog does; the app's own saving code then runs as it does for a user.
 */
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { ApiServices } from '../../electron/services/api-services';
import type { IdpAdminEndpoints } from '../../electron/services/idp-admin/idp-admin-service';
import type { WebHost } from '../../electron/web-host/server';
import type { LoginPages } from './web-harness';
import { REPO_ROOT } from './web-harness';

/** What a spec may ask of the app's services, in either host. */
export type E2eServices = Pick<ApiServices, 'profiles' | 'secrets'>;

/** What the e2e specs get in both projects: the web harness, or the desktop app. */
export interface E2eHarness {
  userDataDir: string;
  /** Where the (stubbed) save dialog saves, in the desktop app; null in the web host, whose exports are the browser's downloads. */
  exportsDir: string | null;
  services: E2eServices;
  loginPages: LoginPages;
  logs: string[];
  /** The browser host (web project only). */
  host: WebHost | null;
}

export interface HostOptions {
  /** 'keychain' (default): the real keychain under a service name unique to the run; 'no-keychain': none. */
  secrets?: 'keychain' | 'no-keychain';
  /** A fake Twilio server (tests/support/fake-twilio). */
  twilioBaseUrl?: string;
  /** Web project only: Microsoft's sign-in and Graph as FAKE servers, and the admin's browser (see web-harness). */
  idpAdmin?: IdpAdminEndpoints;
}

export interface RunningElectronApp {
  app: ElectronApplication;
  /** The wizard's window. */
  window: Page;
  harness: E2eHarness;
  stop(): Promise<void>;
}

/** Each `services.<service>.<method>(…)` runs in the app's main process; arguments and answers cross as Playwright serialises them. */
function remoteServices(app: ElectronApplication): E2eServices {
  const service = (serviceName: keyof E2eServices) =>
    new Proxy(
      {},
      {
        get: (_target, method) =>
          typeof method !== 'string' || method === 'then'
            ? undefined
            : (...args: unknown[]) =>
                app.evaluate(
                  async (_electron, [name, call, callArgs]) => {
                    const services = (globalThis as unknown as { __flexSsoE2e?: { services: Record<string, Record<string, (...a: unknown[]) => unknown>> } })
                      .__flexSsoE2e?.services;
                    if (!services) throw new Error('the app was not started with FLEX_SSO_E2E=1 (or it is packaged)');
                    return services[name]![call]!(...callArgs);
                  },
                  [serviceName, method, args] as [string, string, unknown[]],
                ),
      },
    );
  return { profiles: service('profiles'), secrets: service('secrets') } as unknown as E2eServices;
}

/** Every window the app opens after the wizard's (login-test windows and their popups; not the hidden PDF window). */
function recordLoginPages(app: ElectronApplication, wizard: Page): LoginPages {
  const all: Page[] = [];
  let handedOut = 0;
  const record = (page: Page): void => {
    if (page !== wizard && !all.includes(page)) all.push(page);
  };
  for (const page of app.windows()) record(page);
  app.on('window', record);
  return {
    all,
    async next(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (handedOut < all.length) {
          const page = all[handedOut++]!;
          if (!page.url().startsWith('file:')) return page;
        }
        if (Date.now() > deadline) throw new Error(`the app opened no new window within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

export async function launchElectronApp(binary: string, options: HostOptions = {}): Promise<RunningElectronApp> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'flex-sso-electron-e2e-'));
  const exportsDir = join(userDataDir, 'exports');
  mkdirSync(exportsDir);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    FLEX_SSO_E2E: '1',
    FLEX_SSO_E2E_USER_DATA: userDataDir,
    FLEX_SSO_E2E_SECRETS: options.secrets === 'no-keychain' ? 'no-keychain' : `keychain:Flex SSO Wizard e2e ${randomUUID().slice(0, 8)}`,
    ...(options.twilioBaseUrl ? { FLEX_SSO_E2E_TWILIO_BASE_URL: options.twilioBaseUrl } : {}),
  };
  const app = await _electron.launch({ executablePath: binary, args: [REPO_ROOT], env, cwd: REPO_ROOT });
  const logs: string[] = [];
  app.process().stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');

  await app.evaluate(
    ({ dialog }, [folder, separator]) => {
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        const dialogOptions = (args.length > 1 ? args[1] : args[0]) as { defaultPath?: string };
        const name = (dialogOptions.defaultPath ?? 'export').split(/[\\/]/).pop()!;
        return { canceled: false, filePath: `${folder}${separator}${name}` };
      }) as typeof dialog.showSaveDialog;
    },
    [exportsDir, sep] as [string, string],
  );

  const services = remoteServices(app);
  const harness: E2eHarness = { userDataDir, exportsDir, services, loginPages: recordLoginPages(app, window), logs, host: null };
  return {
    app,
    window,
    harness,
    stop: async () => {
      const { profiles } = await services.profiles.list().catch(() => ({ profiles: [] }));
      for (const profile of profiles) await services.secrets.deleteAllFor(profile.id).catch(() => 0);
      await app.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
