// A FAKE Electron runtime, for the security checks only: the Electron binary cannot exist on the
// CI machines, so the built main process and preload are loaded in Node against this stand-in,
// which records everything they ask of Electron (windows, handlers, protocols, IPC) for the
// checks to inspect and to probe. It implements nothing real.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const recorded = {
  windows: [],
  ipcHandlers: new Map(),
  ipcListeners: [],
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  sessions: new Map(),
  externalOpens: [],
  exposedInMainWorld: [],
  webContentsCreatedListeners: [],
  singleInstanceLockRequested: false,
  commandLineSwitches: null,
  applicationMenu: null,
  messageBoxes: [],
  setPaths: [],
  /** The button index the next showMessageBox answers (Electron: the index the user clicked). */
  nextMessageBoxResponse: 0,
};
globalThis.__fakeElectronRecorded = recorded;

const userData = mkdtempSync(join(tmpdir(), 'fake-electron-userdata-'));

function makeSession(partition) {
  const fakeSession = {
    partition,
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    setPermissionRequestHandler(handler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler() {},
    webRequest: { onBeforeRequest() {}, onHeadersReceived() {}, onBeforeSendHeaders() {} },
    protocol: { handle() {}, registerStringProtocol() {} },
    clearStorageData: async () => {},
    clearCache: async () => {},
    clearAuthCache: async () => {},
    setProxy: async () => {},
    setSpellCheckerEnabled() {},
    on() {},
  };
  recorded.sessions.set(partition, fakeSession);
  return fakeSession;
}

class FakeWebContents extends EventEmitter {
  constructor(window) {
    super();
    this.window = window;
    this.windowOpenHandler = null;
    this.loadedUrls = [];
    this.debugger = { attach() {}, detach() {}, sendCommand: async () => ({}), on() {}, isAttached: () => false };
    this.session = window.options.webPreferences?.partition ? makeSession(window.options.webPreferences.partition) : session.defaultSession;
    this.id = Math.floor(Math.random() * 1e6);
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  loadURL(url) {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  loadFile(file) {
    this.loadedUrls.push(`file://${file}`);
    return Promise.resolve();
  }
  printToPDF() {
    return Promise.resolve(Buffer.from('%PDF-fake'));
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return this.loadedUrls.at(-1) ?? '';
  }
  setUserAgent() {}
  openDevTools() {
    this.emit('devtools-opened');
  }
  closeDevTools() {
    this.devToolsClosed = (this.devToolsClosed ?? 0) + 1;
  }
  executeJavaScript() {
    return Promise.resolve();
  }
}

export class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  static getFocusedWindow() {
    return BrowserWindow.all[0] ?? null;
  }
  static fromWebContents(contents) {
    return contents?.window ?? null;
  }
  constructor(options = {}) {
    super();
    this.options = options;
    this.destroyed = false;
    this.webContents = new FakeWebContents(this);
    BrowserWindow.all.push(this);
    recorded.windows.push(this);
    for (const listener of recorded.webContentsCreatedListeners) listener({}, this.webContents);
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  loadFile(file) {
    return this.webContents.loadFile(file);
  }
  show() {}
  hide() {}
  focus() {}
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
  destroy() {
    this.close();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  getNormalBounds() {
    return { width: 1180, height: 820, x: 0, y: 0 };
  }
  getBounds() {
    return this.getNormalBounds();
  }
  setMenuBarVisibility() {}
  setMenu() {}
  removeMenu() {}
}

class FakeApp extends EventEmitter {
  commandLine = {
    switches: new Map(),
    appendSwitch(name, value = '') {
      this.switches.set(name, value);
    },
    hasSwitch(name) {
      return this.switches.has(name);
    },
    getSwitchValue(name) {
      return this.switches.get(name) ?? '';
    },
    appendArgument() {},
  };
  requestSingleInstanceLock() {
    recorded.singleInstanceLockRequested = true;
    return true;
  }
  whenReady() {
    return Promise.resolve();
  }
  isReady() {
    return true;
  }
  getPath() {
    return userData;
  }
  setPath(name, path) {
    recorded.setPaths.push([name, path]);
  }
  getName() {
    return 'Flex SSO Wizard';
  }
  getVersion() {
    return '0.0.0-fake';
  }
  getLocale() {
    return 'en-US';
  }
  setAboutPanelOptions() {}
  quit() {}
  exit() {}
  on(event, listener) {
    if (event === 'web-contents-created') recorded.webContentsCreatedListeners.push(listener);
    return super.on(event, listener);
  }
  /** FAKE_ELECTRON_PACKAGED=1 plays a packaged (production) app. */
  get isPackaged() {
    return process.env.FAKE_ELECTRON_PACKAGED === '1';
  }
}

export const app = new FakeApp();

export const session = {
  defaultSession: makeSession('default'),
  fromPartition: (partition) => recorded.sessions.get(partition) ?? makeSession(partition),
};

export const ipcMain = {
  handle(channel, handler) {
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    recorded.ipcHandlers.delete(channel);
  },
  on(channel, listener) {
    recorded.ipcListeners.push({ channel, listener });
  },
  once(channel, listener) {
    recorded.ipcListeners.push({ channel, listener });
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  fetch: async (url) => {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200, headers: { 'content-type': 'text/html' } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};

export const shell = {
  openExternal: async (url) => {
    recorded.externalOpens.push(url);
  },
  showItemInFolder() {},
};

export const dialog = {
  // Electron: showMessageBox([window,] options) resolves { response, checkboxChecked }.
  showMessageBox: async (windowOrOptions, maybeOptions) => {
    const options = maybeOptions ?? windowOrOptions;
    recorded.messageBoxes.push({ options, withParent: maybeOptions !== undefined });
    return { response: recorded.nextMessageBoxResponse, checkboxChecked: false };
  },
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showErrorBox() {},
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => {
    recorded.applicationMenu = menu;
  },
};

export const clipboard = { writeText() {}, readText: () => '' };
export const nativeTheme = { shouldUseDarkColors: false, on() {} };
export const screen = { getPrimaryDisplay: () => ({ workAreaSize: { width: 1920, height: 1080 } }), getAllDisplays: () => [] };

export const contextBridge = {
  exposeInMainWorld(key, api) {
    recorded.exposedInMainWorld.push({ key, api });
  },
};
export const ipcRenderer = {
  invoke: async (channel, request) => ({ channel, request }),
  send() {},
  on() {},
};

export default { app, BrowserWindow, session, ipcMain, protocol, net, shell, dialog, Menu, clipboard, nativeTheme, screen, contextBridge, ipcRenderer };
