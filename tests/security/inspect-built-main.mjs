// Loads the BUILT main process (out/main/index.js) and preload (out/preload/index.cjs) against the
// fake Electron runtime, probes what they registered, and writes one JSON report to
// $SECURITY_REPORT_FILE (the main process logs on stdout, so the report cannot go there).
// Run: node --import ./tests/security/register-fake-electron.mjs tests/security/inspect-built-main.mjs
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { recorded } from './fake-electron-runtime.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const report = { windows: [], ipc: {}, permission: {}, navigation: [], windowOpen: [], protocol: {}, preload: {}, errors: [] };

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

try {
  await import(pathToFileURL(join(ROOT, 'out/main/index.js')).href);
  await settle();
} catch (error) {
  report.errors.push(`main failed to load: ${error?.stack ?? error}`);
}

report.singleInstanceLock = recorded.singleInstanceLockRequested;
const { app: fakeApp } = await import('./fake-electron-runtime.mjs');
report.commandLineSwitches = Object.fromEntries(fakeApp.commandLine.switches);
report.applicationMenu = Boolean(recorded.applicationMenu);
const describeMenu = (items = []) =>
  items.map((item) => ({ role: item.role ?? null, label: item.label ?? null, submenu: Array.isArray(item.submenu) ? describeMenu(item.submenu) : null }));
report.applicationMenuTemplate = describeMenu(recorded.applicationMenu?.template);
report.packaged = fakeApp.isPackaged;
// Started with the end-to-end specs' settings (see the checklist test): honoured only unpackaged.
report.e2e = { servicesExposed: Boolean(globalThis.__flexSsoE2e?.services?.profiles), setPaths: recorded.setPaths };
report.privilegedSchemes = recorded.privilegedSchemes;
report.webContentsCreatedHandler = recorded.webContentsCreatedListeners.length > 0;

for (const window of recorded.windows) {
  const contents = window.webContents;
  const entry = {
    webPreferences: window.options.webPreferences ?? {},
    loadedUrls: contents.loadedUrls,
    hasWindowOpenHandler: Boolean(contents.windowOpenHandler),
  };
  // Something opens DevTools anyway: are they closed again?
  contents.openDevTools();
  entry.devToolsClosedWhenOpened = (contents.devToolsClosed ?? 0) > 0;
  // window.open attempts
  if (contents.windowOpenHandler) {
    for (const url of [
      'https://evil.example/',
      'http://www.twilio.com/',
      'https://www.twilio.com/docs',
      'https://acme-admin.okta.com/admin/app/x/instance/0oa1/',
      'https://console.pingone.com/',
      'https://console.pingone.com.evil.example/',
      'https://okta.com.evil.example/',
      'http://acme-admin.okta.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      const before = recorded.externalOpens.length;
      const answer = contents.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
      report.windowOpen.push({ url, action: answer?.action, openedExternally: recorded.externalOpens.length > before });
    }
  }
  // navigation attempts
  for (const url of ['https://evil.example/', 'app://wizard/index.html#step', 'file:///etc/passwd', 'https://www.twilio.com/docs']) {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true), url };
    const before = recorded.externalOpens.length;
    for (const listener of contents.listeners('will-navigate')) listener(event, url);
    report.navigation.push({ url, prevented, openedExternally: recorded.externalOpens.length > before, listeners: contents.listeners('will-navigate').length });
  }
  let webviewPrevented = false;
  for (const listener of contents.listeners('will-attach-webview')) listener({ preventDefault: () => (webviewPrevented = true) }, {}, {});
  entry.webviewBlocked = webviewPrevented;
  report.windows.push(entry);
}

// TLS client-certificate requests: the wizard's page, a login-test page (the admin answers the
// dialog: no certificate, then the second one), and a request that offers no certificate.
{
  const { BrowserWindow } = await import('./fake-electron-runtime.mjs');
  const certificates = [
    { subjectName: 'Ada Lovelace', issuerName: 'Contoso Device CA', fingerprint: 'sha256/aaa' },
    { subjectName: 'ada@contoso.com', issuerName: 'Contoso Smart Card CA', fingerprint: 'sha256/bbb' },
  ];
  const listeners = fakeApp.listeners('select-client-certificate');
  const request = async (contents, list, response) => {
    recorded.nextMessageBoxResponse = response;
    const before = recorded.messageBoxes.length;
    let prevented = false;
    let answered = null;
    for (const listener of listeners)
      listener({ preventDefault: () => (prevented = true) }, contents, 'https://sts.contoso.com:443/adfs/ls/', list, (...args) => (answered = args));
    for (let i = 0; i < 20 && answered === null; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const box = recorded.messageBoxes[before]?.options;
    return {
      prevented,
      answered: answered?.map((c) => c?.fingerprint ?? c) ?? null,
      asked: recorded.messageBoxes.length > before,
      buttons: box?.buttons ?? null,
      cancelId: box?.cancelId ?? null,
      message: box?.message ?? null,
    };
  };
  const wizardContents = recorded.windows.find((w) => w.webContents.loadedUrls.some((u) => u.startsWith('app://')))?.webContents;
  const loginWindow = new BrowserWindow({ webPreferences: { sandbox: true } });
  await loginWindow.loadURL('https://sts.contoso.com/adfs/ls/?SAMLRequest=x');
  report.clientCertificate = {
    listeners: listeners.length,
    wizard: wizardContents ? await request(wizardContents, certificates, 1) : null,
    loginDeclined: await request(loginWindow.webContents, certificates, 0),
    loginChoseSecond: await request(loginWindow.webContents, certificates, 2),
    loginNoneOffered: await request(loginWindow.webContents, [], 1),
  };
  loginWindow.destroy();
  recorded.windows.pop();
}

// Permission handlers of every session
for (const [partition, fakeSession] of recorded.sessions) {
  const results = {};
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midi']) {
    if (!fakeSession.permissionRequestHandler) {
      results[permission] = 'no-handler';
      continue;
    }
    let granted = 'no-answer';
    fakeSession.permissionRequestHandler({}, permission, (answer) => (granted = answer), { requestingUrl: 'https://evil.example/' });
    results[permission] = granted;
  }
  report.permission[partition] = {
    request: results,
    check: fakeSession.permissionCheckHandler ? fakeSession.permissionCheckHandler({}, 'media', 'https://evil.example/', {}) : 'no-handler',
  };
}

// IPC: every handler, from an untrusted sender, a sub-frame, and the app's own page
const frame = (url, parent = null) => ({ url, parent, top: parent ?? undefined });
for (const [channel, handler] of recorded.ipcHandlers) {
  const untrusted = await handler({ senderFrame: frame('https://evil.example/'), sender: {} }, {});
  const subframe = await handler({ senderFrame: frame('app://wizard/index.html', frame('app://wizard/index.html')), sender: {} }, {});
  const noFrame = await handler({ senderFrame: null, sender: {} }, {});
  const trustedGarbage = await handler(
    { senderFrame: frame('app://wizard/index.html'), sender: {} },
    { unexpected: { deeply: ['nested'] }, __proto__: { polluted: true } },
  );
  report.ipc[channel] = { untrusted, subframe, noFrame, trustedGarbage };
}
report.ipcListeners = recorded.ipcListeners.map((l) => l.channel);

// The app protocol: the CSP on what it serves
const appHandler = recorded.protocolHandlers.get('app');
if (appHandler) {
  const answer = await appHandler(new Request('app://wizard/index.html'));
  report.protocol.status = answer.status;
  report.protocol.csp = answer.headers.get('content-security-policy');
  const traversal = await appHandler(new Request('app://wizard/..%2f..%2fpackage.json'));
  report.protocol.traversalStatus = traversal.status;
  const otherHost = await appHandler(new Request('app://elsewhere/index.html'));
  report.protocol.otherHostStatus = otherHost.status;
}

// The preload: what it exposes
try {
  const require = createRequire(import.meta.url);
  require(join(ROOT, 'out/preload/index.cjs'));
  report.preload.exposed = recorded.exposedInMainWorld.map(({ key, api }) => ({
    key,
    members: Object.keys(api),
    allFunctions: Object.values(api).every((value) => typeof value === 'function'),
    frozen: Object.isFrozen(api),
  }));
} catch (error) {
  report.errors.push(`preload failed to load: ${error?.stack ?? error}`);
}

const { writeFileSync } = await import('node:fs');
writeFileSync(process.env.SECURITY_REPORT_FILE ?? join(ROOT, 'test-results', 'security-report.json'), JSON.stringify(report, null, 2));
process.exit(0);
