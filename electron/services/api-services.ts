import { join } from 'node:path';
import type { BrowserHost } from './login-test/cdp';
import type { FileSaver, PdfRenderer } from './exports/file-saver';
import { IdpAdminService, type IdpAdminEndpoints } from './idp-admin/idp-admin-service';
import type { OpenBrowser } from './idp-admin/entra-signin';
import { createWorkerAnalysis, type AnalysisRunner } from './saml/analysis-pool';
import { ProfileStore } from './profiles/profile-store';
import { SecretVault } from './secrets/secret-vault';
import { TaskRegistry } from './tasks/task-registry';
import { TwilioService } from './twilio/twilio-service';

/** Everything the API handlers work with. Each host (Electron, web host, tests) builds one. */
export interface ApiServices {
  host: 'electron' | 'web';
  appName: string;
  appVersion: string;
  /** The user-data folder: profiles in `<dataFolder>/profiles`, web exports in `<dataFolder>/exports`. */
  dataFolder: string;
  profiles: ProfileStore;
  secrets: SecretVault;
  tasks: TaskRegistry;
  twilio: TwilioService;
  /** "Set it up for me": IdP credentials, the Microsoft sign-in, plan/apply/undo and their journals. */
  idpAdmin: IdpAdminService;
  /** Saves exports: Electron's save dialog, or the web host's exports folder. */
  saver: FileSaver;
  renderPdf: PdfRenderer;
  /** Opens the browser a login test runs in: Electron's login window, or Chromium via playwright-core. */
  loginBrowser: () => BrowserHost;
  /** SAML response analysis and metadata reading, on a worker thread. */
  analysis: AnalysisRunner;
  log: (line: string) => void;
}

export interface MainServiceOptions {
  host: 'electron' | 'web';
  appName: string;
  appVersion: string;
  dataFolder: string;
  saver: FileSaver;
  renderPdf: PdfRenderer;
  loginBrowser: () => BrowserHost;
  /**
   * The built analysis-worker script (electron/services/saml/analysis-worker.ts): each host knows
   * where its build put it. Analysis and metadata parsing run there, off the main thread.
   */
  analysisWorker: string | URL;
  /** Defaults to the OS keychain (keytar) under the app's service name. */
  secrets?: SecretVault;
  /** Tests only: where Twilio's API is (a fake server); default Twilio itself. */
  twilioBaseUrl?: string;
  /** Where Microsoft's sign-in and Graph are (a national cloud; fakes in tests); default Microsoft's own. */
  idpAdmin?: IdpAdminEndpoints;
  /** Opens the system browser (Microsoft sign-in): Electron's shell.openExternal; default the OS opener. */
  openBrowser?: OpenBrowser;
  log?: (line: string) => void;
}

export async function createMainServices(options: MainServiceOptions): Promise<ApiServices> {
  const log = options.log ?? (() => {});
  const secrets = options.secrets ?? (await SecretVault.open());
  const openBrowser =
    options.openBrowser ?? options.idpAdmin?.openBrowser ?? (async (url: string) => (await import('./system-browser')).openSystemBrowser(url));
  const analysis = createWorkerAnalysis(options.analysisWorker);
  return {
    host: options.host,
    appName: options.appName,
    appVersion: options.appVersion,
    dataFolder: options.dataFolder,
    profiles: new ProfileStore({ folder: join(options.dataFolder, 'profiles') }),
    secrets,
    tasks: new TaskRegistry({ log }),
    twilio: new TwilioService(options.twilioBaseUrl ? { baseUrl: options.twilioBaseUrl } : {}),
    idpAdmin: new IdpAdminService({
      dataFolder: options.dataFolder,
      vault: secrets,
      openBrowser,
      readMetadata: (xml) => analysis.importMetadata(xml),
      ...(options.idpAdmin ? { endpoints: options.idpAdmin } : {}),
    }),
    saver: options.saver,
    renderPdf: options.renderPdf,
    loginBrowser: options.loginBrowser,
    analysis,
    log,
  };
}
