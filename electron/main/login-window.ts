/**
 * The Electron host for the login test: a separate window in which the admin logs in at the IdP,
 * with the same CDP capture the CLI and the tests use (electron/services/login-test), reached
 * through `webContents.debugger`.
 *
 * The window is a stranger's web page as far as the app is concerned: its own in-memory session
 * partition (one per test, cleared afterwards), no preload, no Node, sandboxed, context-isolated,
 * every permission denied, downloads refused, navigation limited to http(s). Popups the IdP opens
 * become child windows in the same partition and are captured too: they are created here
 * (setWindowOpenHandler's createWindow), so the capture is attached before they load anything.
 *
 * Electron cannot run on the machine this was written on: this file type-checks and builds, and
 * the engine it drives is exercised through the Playwright host in tests/integration.
 */
import { BrowserWindow, session as electronSession, type BrowserWindowConstructorOptions, type Session, type WebContents, type WebPreferences } from 'electron';
import { randomUUID } from 'node:crypto';
import type { BrowserHost, CdpClient, HostOpenOptions, HostPage, HostSession, HostSessionEvents } from '../services/login-test';
import { loginWindowRequestFilter, shouldCancelLoginWindowRequest } from '../services/login-test';

export interface LoginWindowHostOptions {
  /** The wizard window; the login window is its child. */
  parent?: BrowserWindow;
  width?: number;
  height?: number;
}

/** The web preferences of every login window and popup: nothing of the app reaches the page. */
function lockedPreferences(partitionSession: Session): WebPreferences {
  return {
    session: partitionSession,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
    safeDialogs: true,
    navigateOnDragDrop: false,
    autoplayPolicy: 'user-gesture-required',
  };
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** A CdpClient over `webContents.debugger`. */
function debuggerClient(contents: WebContents): CdpClient {
  const target = contents.debugger;
  if (!target.isAttached()) target.attach('1.3');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const handlers = new Map<string, Set<(params: any) => void>>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  target.on('message', (_event, method: string, params: any) => {
    for (const handler of handlers.get(method) ?? []) handler(params);
  });
  return {
    send: (method, params) => target.sendCommand(method, params ?? {}),
    on: (event, handler) => {
      const set = handlers.get(event) ?? new Set();
      set.add(handler);
      handlers.set(event, set);
    },
    off: (event, handler) => void handlers.get(event)?.delete(handler),
  };
}

/** Electron's login window as a BrowserHost for startLoginTest. */
export function createLoginWindowHost(options: LoginWindowHostOptions = {}): BrowserHost {
  return {
    name: 'electron',
    async open(open: HostOpenOptions, events: HostSessionEvents): Promise<HostSession> {
      // No "persist:" prefix: the partition lives in memory only; a new one for every test.
      const partition = `flex-sso-login-test-${randomUUID()}`;
      const ses = electronSession.fromPartition(partition, { cache: false });
      ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      ses.setDevicePermissionHandler(() => false);
      ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
      ses.on('will-download', (event) => event.preventDefault());

      // Fail closed: a request to Twilio (any spelling) from a window whose capture is not yet in
      // force is cancelled. Requests from captured windows are left to the capture (Fetch) to answer.
      const captured = new Set<number>();
      if (!open.allowRealLogin) {
        ses.webRequest.onBeforeRequest(loginWindowRequestFilter(), (details, callback) => {
          callback({ cancel: shouldCancelLoginWindowRequest(details.url, details.webContentsId, captured) });
        });
      }

      let closing = false;
      let counter = 0;
      const windows = new Set<BrowserWindow>();

      const harden = (window: BrowserWindow, isPopup: boolean): HostPage => {
        windows.add(window);
        const contents = window.webContents;
        const page: HostPage = { id: `window-${++counter}`, cdp: debuggerClient(contents), isPopup };
        contents.on('will-navigate', (event, url) => {
          if (!isWebUrl(url)) event.preventDefault();
        });
        contents.on('will-redirect', (event, url) => {
          if (!isWebUrl(url)) event.preventDefault();
        });
        contents.on('will-attach-webview', (event) => event.preventDefault());
        contents.on('render-process-gone', () => {
          if (!closing) events.onPageClosed(page, 'crashed');
        });
        window.on('closed', () => {
          windows.delete(window);
          if (!closing) events.onPageClosed(page, 'closed');
        });
        contents.setWindowOpenHandler(({ url }) => {
          if (closing || (url !== 'about:blank' && !isWebUrl(url))) return { action: 'deny' };
          return {
            action: 'allow',
            createWindow: (childOptions: BrowserWindowConstructorOptions) => {
              const child = new BrowserWindow({
                ...childOptions,
                parent: window,
                webPreferences: { ...childOptions.webPreferences, ...lockedPreferences(ses), preload: undefined },
              });
              const childPage = harden(child, true);
              // The popup loads its URL only after this returns: the capture is sent first.
              void events
                .onPopup(childPage)
                .then(() => captured.add(child.webContents.id))
                .catch(() => undefined);
              return child.webContents;
            },
          };
        });
        return page;
      };

      const window = new BrowserWindow({
        width: options.width ?? 900,
        height: options.height ?? 760,
        title: 'Login test — Flex SSO Wizard',
        ...(options.parent ? { parent: options.parent } : {}),
        autoHideMenuBar: true,
        webPreferences: lockedPreferences(ses),
      });
      // Commands sent before a target's first navigation may wait for it: start from about:blank.
      await window.loadURL('about:blank');
      const main = harden(window, false);
      captured.add(window.webContents.id);

      let closed: Promise<void> | null = null;
      return {
        main,
        close() {
          closed ??= (async () => {
            closing = true;
            for (const w of [...windows]) {
              try {
                if (w.webContents.debugger.isAttached()) w.webContents.debugger.detach();
              } catch {
                // already gone
              }
              if (!w.isDestroyed()) w.destroy();
            }
            ses.webRequest.onBeforeRequest(null);
            await ses.clearStorageData().catch(() => undefined);
            await ses.clearCache().catch(() => undefined);
            await ses.clearAuthCache().catch(() => undefined);
            await ses.clearHostResolverCache().catch(() => undefined);
          })();
          return closed;
        },
      };
    },
  };
}
