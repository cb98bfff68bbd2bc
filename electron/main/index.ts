import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { createApiHandlers } from '../services/api-handlers';
import { createMainServices, type ApiServices } from '../services/api-services';
import { appHostResolverRules } from '../services/login-test';
import { createLoginWindowHost } from './login-window';
import { printHtmlToPdf } from './print-to-pdf';
import { createSaveDialogSaver } from './save-dialog';
import { APP_ORIGIN, registerAppSchemeAsPrivileged, serveRendererFiles } from './app-protocol';
import { registerApiHandlers } from './ipc';
import { denyAllPermissions, lockDownWizardWindow, openSignInPage } from './window-security';
import { loadWindowBounds, saveWindowBounds } from './window-state';
import { applicationMenuTemplate, devToolsAllowed, keepDevToolsClosed } from './app-menu';
import { handleClientCertificateRequests } from './client-certificates';
import { e2eSecretVault, e2eSettings, exposeServicesToE2eSpecs } from './e2e-settings';

const log = (line: string): void => console.log(`[flex-sso] ${line}`);

registerAppSchemeAsPrivileged();

// Only the unpackaged app, started by the Electron end-to-end specs: null otherwise.
const e2e = e2eSettings();
if (e2e?.userDataDir) app.setPath('userData', e2e.userDataDir);

// The login test answers Twilio's ACS locally; no Twilio host, in any spelling, may be reached from
// the app (a request the capture missed fails to resolve, and the predictor cannot pre-connect).
// The app's own Twilio API calls run in Node, which this switch does not touch. Starting the app
// with --allow-real-login leaves this out, for an admin who lets a test login through.
if (!process.argv.includes('--allow-real-login')) app.commandLine.appendSwitch('host-resolver-rules', appHostResolverRules());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let wizardWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!wizardWindow) return;
    if (wizardWindow.isMinimized()) wizardWindow.restore();
    wizardWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    keepDevToolsClosed(contents);
  });
  handleClientCertificateRequests();

  const createWizardWindow = (): BrowserWindow => {
    const bounds = loadWindowBounds(app.getPath('userData'));
    const window = new BrowserWindow({
      ...bounds,
      minWidth: 1024,
      minHeight: 700,
      show: false,
      title: 'Flex SSO Wizard',
      webPreferences: {
        preload: join(__dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: devToolsAllowed(),
      },
    });
    lockDownWizardWindow(window);
    window.once('ready-to-show', () => window.show());
    window.on('close', () => saveWindowBounds(app.getPath('userData'), window.getNormalBounds()));
    void window.loadURL(`${APP_ORIGIN}/index.html`);
    return window;
  };

  let services: ApiServices | null = null;
  app.on('before-quit', () => services?.tasks.cancelAll());

  void app.whenReady().then(async () => {
    denyAllPermissions();
    serveRendererFiles(join(__dirname, '../renderer'));
    services = await createMainServices({
      host: 'electron',
      appName: app.getName(),
      appVersion: app.getVersion(),
      dataFolder: app.getPath('userData'),
      saver: createSaveDialogSaver(() => wizardWindow),
      renderPdf: printHtmlToPdf,
      loginBrowser: () => createLoginWindowHost(wizardWindow ? { parent: wizardWindow } : {}),
      // Built beside this file by electron-vite (electron.vite.config.ts, main input "analysis-worker").
      analysisWorker: join(__dirname, 'analysis-worker.js'),
      log,
      openBrowser: openSignInPage,
      ...(e2e ? { secrets: await e2eSecretVault(e2e) } : {}),
      ...(e2e?.twilioBaseUrl ? { twilioBaseUrl: e2e.twilioBaseUrl } : {}),
    });
    exposeServicesToE2eSpecs(e2e, services);
    registerApiHandlers(createApiHandlers(services), log);
    Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate()));
    wizardWindow = createWizardWindow();
    wizardWindow.on('closed', () => (wizardWindow = null));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) wizardWindow = createWizardWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
