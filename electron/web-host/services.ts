import { homedir } from 'node:os';
import { join } from 'node:path';
import { createMainServices, type ApiServices } from '../services/api-services';
import { APP_NAME, APP_VERSION } from '../services/app-identity';
import { requireChromium } from '../services/chromium';
import { createChromiumPdfRenderer } from '../services/exports/chromium-pdf';
import { DownloadShelf, createDownloadSaver } from '../services/exports/download-saver';
import { createPlaywrightHost, type BrowserHost } from '../services/login-test';
import type { IdpAdminEndpoints } from '../services/idp-admin/idp-admin-service';
import type { SecretVault } from '../services/secrets/secret-vault';

/** Where Electron keeps this app's user data, so the web host and the app share profiles. */
export function defaultUserDataFolder(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/** The login browser of the web host: Chromium through playwright-core, headful unless asked. */
export function chromiumLoginBrowser(options: { headless?: boolean; browser?: string } = {}): () => BrowserHost {
  return () => {
    return createPlaywrightHost({ executablePath: requireChromium('The login test', options.browser), headless: options.headless ?? false });
  };
}

export interface WebHostServiceOptions {
  dataFolder: string;
  headlessLogin?: boolean;
  browser?: string;
  /**
   * The built analysis worker; by default the one the build puts beside the web host's bundle
   * (out/web-host/analysis-worker.mjs). Code run from source (tests) passes a bundle of its own.
   */
  analysisWorker?: string | URL;
  /** Replaces the Chromium login browser (the e2e harness records its pages). */
  loginBrowser?: () => BrowserHost;
  secrets?: SecretVault;
  twilioBaseUrl?: string;
  /** Where Microsoft's sign-in and Graph are, and how the browser is opened for the Microsoft sign-in. */
  idpAdmin?: IdpAdminEndpoints;
  log?: (line: string) => void;
}

/** The web host's services, and the files waiting for the browser to download them. */
export type WebHostServices = ApiServices & { downloads: DownloadShelf };

/** The real services behind `npm run dev:web` and the e2e harness. */
export async function createWebHostServices(options: WebHostServiceOptions): Promise<WebHostServices> {
  const downloads = new DownloadShelf();
  const services = await createMainServices({
    host: 'web',
    appName: APP_NAME,
    appVersion: APP_VERSION,
    dataFolder: options.dataFolder,
    saver: createDownloadSaver(downloads),
    renderPdf: createChromiumPdfRenderer(options.browser),
    analysisWorker: options.analysisWorker ?? new URL('./analysis-worker.mjs', import.meta.url),
    loginBrowser:
      options.loginBrowser ?? chromiumLoginBrowser({ headless: options.headlessLogin ?? false, ...(options.browser ? { browser: options.browser } : {}) }),
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.twilioBaseUrl ? { twilioBaseUrl: options.twilioBaseUrl } : {}),
    ...(options.idpAdmin ? { idpAdmin: options.idpAdmin } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return Object.assign(services, { downloads });
}
