/**
 * Electron's security checklist, checked on the BUILT app (out/main, out/preload, out/renderer):
 * the main process is loaded against a fake Electron runtime (the real one cannot run here) and
 * probed: every window's webPreferences, navigation and window-open limits, permission handlers,
 * IPC sender and schema checks, the CSP of what the app protocol serves, the preload's surface,
 * and the fuses in electron-builder.yml.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_CALLS, apiChannel } from '../../shared/api-calls';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface WireResult {
  ok: boolean;
  error?: { code: string; message: string };
}
interface SecurityReport {
  windows: Array<{
    webPreferences: Record<string, unknown>;
    loadedUrls: string[];
    hasWindowOpenHandler: boolean;
    webviewBlocked: boolean;
    devToolsClosedWhenOpened: boolean;
  }>;
  ipc: Record<string, { untrusted: WireResult; subframe: WireResult; noFrame: WireResult; trustedGarbage: WireResult }>;
  ipcListeners: string[];
  permission: Record<string, { request: Record<string, unknown>; check: unknown }>;
  navigation: Array<{ url: string; prevented: boolean; openedExternally: boolean; listeners: number }>;
  windowOpen: Array<{ url: string; action: string; openedExternally: boolean }>;
  protocol: { status?: number; csp?: string | null; traversalStatus?: number; otherHostStatus?: number };
  preload: { exposed?: Array<{ key: string; members: string[]; allFunctions: boolean; frozen: boolean }> };
  singleInstanceLock: boolean;
  commandLineSwitches: Record<string, string>;
  applicationMenu: boolean;
  applicationMenuTemplate: MenuItem[];
  packaged: boolean;
  e2e: { servicesExposed: boolean; setPaths: Array<[string, string]> };
  webContentsCreatedHandler: boolean;
  clientCertificate: {
    listeners: number;
    wizard: CertificateAnswer | null;
    loginDeclined: CertificateAnswer;
    loginChoseSecond: CertificateAnswer;
    loginNoneOffered: CertificateAnswer;
  };
  errors: string[];
}
interface MenuItem {
  role: string | null;
  label: string | null;
  submenu: MenuItem[] | null;
}
interface CertificateAnswer {
  prevented: boolean;
  answered: string[] | null;
  asked: boolean;
  buttons: string[] | null;
  cancelId: number | null;
  message: string | null;
}

/** Both inspections start the app with the Electron end-to-end specs' settings. */
const E2E_USER_DATA = join(tmpdir(), 'flex-sso-e2e-settings-probe');

let report: SecurityReport;
/** The same built app, as a packaged (production) build: app.isPackaged is true. */
let packagedReport: SecurityReport;

function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectStrictCsp(csp: string): void {
  const directives = cspDirectives(csp);
  expect(directives.get('default-src')).toEqual(["'none'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-eval|\*|http:|https:/);
  for (const [name, values] of directives) if (name !== 'style-src') expect(values).not.toContain("'unsafe-inline'");
}

beforeAll(() => {
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run npm run build first`);
  }
  report = inspectBuiltApp({ packaged: false });
  packagedReport = inspectBuiltApp({ packaged: true });
});

function inspectBuiltApp({ packaged }: { packaged: boolean }): SecurityReport {
  const reportFile = join(mkdtempSync(join(tmpdir(), 'security-')), 'report.json');
  const run = spawnSync(process.execPath, ['--import', './tests/security/register-fake-electron.mjs', 'tests/security/inspect-built-main.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      SECURITY_REPORT_FILE: reportFile,
      FAKE_ELECTRON_PACKAGED: packaged ? '1' : '0',
      FLEX_SSO_E2E: '1',
      FLEX_SSO_E2E_USER_DATA: E2E_USER_DATA,
      FLEX_SSO_E2E_SECRETS: 'no-keychain',
    },
    timeout: 60_000,
  });
  if (!existsSync(reportFile)) throw new Error(`the inspection did not finish: ${run.stderr.slice(-2000)}`);
  return JSON.parse(readFileSync(reportFile, 'utf8')) as SecurityReport;
}

function menuRoles(items: MenuItem[]): string[] {
  return items.flatMap((item) => [item.role ?? '', ...menuRoles(item.submenu ?? [])]).filter(Boolean);
}

describe('the built main process', () => {
  it('loads without errors', () => {
    expect(report.errors).toEqual([]);
  });

  it('makes every Twilio host unresolvable for the whole app, in every spelling Chromium asks for, so a missed capture cannot reach Twilio', () => {
    const rules = report.commandLineSwitches['host-resolver-rules'] ?? '';
    const blocked = [...rules.matchAll(/MAP (\S+) ~NOTFOUND/g)].map((match) => match[1]!);
    // Chromium's glob: `*` matches any run of characters, dots included. It lower-cases and
    // IDNA-maps a host before resolving it, but keeps trailing dots.
    const matches = (pattern: string, host: string): boolean =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(host);
    for (const host of ['login.flex.us1.twilio.com', 'iam.twilio.com', 'login.flex.us1.twilio.com.', 'iam.twilio.com..', 'twilio.com', 'flex.twilio.com']) {
      expect(
        blocked.some((pattern) => matches(pattern, host)),
        `${host} in ${rules}`,
      ).toBe(true);
    }
  });

  it('holds the single-instance lock, sets an application menu and a global window-open guard', () => {
    expect(report.singleInstanceLock).toBe(true);
    expect(report.applicationMenu).toBe(true);
    expect(report.webContentsCreatedHandler).toBe(true);
  });

  it('creates every window isolated, sandboxed, without Node, with web security on', () => {
    expect(report.windows.length).toBeGreaterThan(0);
    for (const window of report.windows) {
      const prefs = window.webPreferences;
      expect(prefs.contextIsolation).not.toBe(false);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).not.toBe(true);
      expect(prefs.nodeIntegrationInWorker).not.toBe(true);
      expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
      expect(prefs.webSecurity).not.toBe(false);
      expect(prefs.allowRunningInsecureContent).not.toBe(true);
      expect(prefs.webviewTag).not.toBe(true);
      expect(prefs.experimentalFeatures).not.toBe(true);
      expect(prefs.enableBlinkFeatures).toBeUndefined();
      if (prefs.preload !== undefined) expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
      for (const url of window.loadedUrls) expect(url).toMatch(/^app:\/\/wizard\//);
      expect(window.hasWindowOpenHandler).toBe(true);
      expect(window.webviewBlocked).toBe(true);
    }
  });

  it("never opens a new window; only allow-listed https links (each step's help links, an Okta org's own console) go to the system browser", () => {
    expect(report.windowOpen.length).toBeGreaterThan(0);
    const allowed = ['https://www.twilio.com/docs', 'https://acme-admin.okta.com/admin/app/x/instance/0oa1/', 'https://console.pingone.com/'];
    for (const attempt of report.windowOpen) {
      expect(attempt.action).toBe('deny');
      expect(attempt.openedExternally, attempt.url).toBe(allowed.includes(attempt.url));
    }
  });

  it('stays on its own pages: navigation elsewhere is prevented', () => {
    for (const attempt of report.navigation) {
      expect(attempt.listeners).toBeGreaterThan(0);
      expect(attempt.prevented).toBe(!attempt.url.startsWith('app://wizard/'));
      expect(attempt.openedExternally).toBe(attempt.url === 'https://www.twilio.com/docs');
    }
  });

  it('denies every permission request and check in every session', () => {
    expect(Object.keys(report.permission)).toContain('default');
    for (const [, handlers] of Object.entries(report.permission)) {
      for (const answer of Object.values(handlers.request)) expect(answer).toBe(false);
      expect(handlers.check).toBe(false);
    }
  });

  it('registers exactly one IPC handler per contract call, and no fire-and-forget listeners', () => {
    expect(Object.keys(report.ipc).sort()).toEqual(API_CALLS.map(apiChannel).sort());
    expect(report.ipcListeners).toEqual([]);
  });

  it('drops calls from other pages, sub-frames and unknown senders, and validates input from the app', () => {
    for (const [channel, answers] of Object.entries(report.ipc)) {
      for (const sender of ['untrusted', 'subframe', 'noFrame'] as const) {
        expect(answers[sender], `${channel} from ${sender}`).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
      }
      expect(answers.trustedGarbage.ok, `${channel} with garbage input`).toBe(false);
      expect(answers.trustedGarbage.error?.code).toBe('bad-request');
    }
  });

  it('serves the renderer with a strict Content-Security-Policy, and nothing outside it', () => {
    expect(report.protocol.status).toBe(200);
    expectStrictCsp(report.protocol.csp ?? '');
    expect(report.protocol.traversalStatus).toBe(404);
    expect(report.protocol.otherHostStatus).toBe(404);
  });
});

describe('DevTools: reachable while developing, never in a packaged build', () => {
  it('packaged: no View-menu item or shortcut for DevTools or reload, DevTools off in every window, and closed again if opened', () => {
    expect(packagedReport.errors).toEqual([]);
    expect(packagedReport.packaged).toBe(true);
    const roles = menuRoles(packagedReport.applicationMenuTemplate).map((role) => role.toLowerCase());
    expect(roles).toEqual(expect.arrayContaining(['zoomin', 'zoomout', 'resetzoom', 'togglefullscreen']));
    // viewMenu is Electron's full View menu, which holds Toggle Developer Tools (Ctrl+Shift+I) and Reload.
    for (const forbidden of ['viewmenu', 'toggledevtools', 'reload', 'forcereload']) expect(roles).not.toContain(forbidden);
    expect(packagedReport.windows.length).toBeGreaterThan(0);
    for (const window of packagedReport.windows) {
      expect(window.webPreferences.devTools).toBe(false);
      expect(window.devToolsClosedWhenOpened).toBe(true);
    }
  });

  it('while developing: Electron\u2019s View menu, with DevTools', () => {
    expect(report.packaged).toBe(false);
    expect(menuRoles(report.applicationMenuTemplate)).toContain('viewMenu');
    for (const window of report.windows) {
      expect(window.webPreferences.devTools).toBe(true);
      expect(window.devToolsClosedWhenOpened).toBe(false);
    }
  });
});

describe('the end-to-end specs\u2019 settings (FLEX_SSO_E2E…)', () => {
  it('are ignored by a packaged app: no other user-data folder, no services handed to anyone', () => {
    expect(packagedReport.e2e).toEqual({ servicesExposed: false, setPaths: [] });
  });
  it('are honoured by the unpackaged app the specs start', () => {
    expect(report.e2e).toEqual({ servicesExposed: true, setPaths: [['userData', E2E_USER_DATA]] });
  });
});

describe('TLS client certificates (Electron\u2019s default sends the first one to any site)', () => {
  it('handles every request itself', () => {
    expect(report.clientCertificate.listeners).toBe(1);
    for (const answer of [
      report.clientCertificate.wizard!,
      report.clientCertificate.loginDeclined,
      report.clientCertificate.loginChoseSecond,
      report.clientCertificate.loginNoneOffered,
    ]) {
      expect(answer.prevented).toBe(true);
    }
  });

  it('the wizard\u2019s own page never sends one, and nobody is asked', () => {
    expect(report.clientCertificate.wizard).toMatchObject({ asked: false, answered: [] });
  });

  it('a login-test page sends one only if the admin picks it; "Do not send" is the default and Escape', () => {
    const declined = report.clientCertificate.loginDeclined;
    expect(declined).toMatchObject({ asked: true, answered: [], cancelId: 0 });
    expect(declined.message).toBe('sts.contoso.com asks for a certificate from this computer to sign you in.');
    expect(declined.buttons).toEqual([
      'Do not send a certificate',
      'Send \u201cAda Lovelace\u201d (issued by Contoso Device CA)',
      'Send \u201cada@contoso.com\u201d (issued by Contoso Smart Card CA)',
    ]);
    expect(report.clientCertificate.loginChoseSecond).toMatchObject({ asked: true, answered: ['sha256/bbb'] });
  });

  it('a request with no certificate to offer is answered with none, without a dialog', () => {
    expect(report.clientCertificate.loginNoneOffered).toMatchObject({ asked: false, answered: [] });
  });
});

describe('the built preload', () => {
  it('exposes one frozen object with exactly the contract calls, all functions, nothing generic', () => {
    expect(report.preload.exposed).toHaveLength(1);
    const [exposed] = report.preload.exposed!;
    expect(exposed!.key).toBe('flexSso');
    expect([...exposed!.members].sort()).toEqual([...API_CALLS].sort());
    expect(exposed!.allFunctions).toBe(true);
    expect(exposed!.frozen).toBe(true);
  });

  it('passes no channel name, ipcRenderer or event emitter to the page', () => {
    const source = readFileSync(join(ROOT, 'out/preload/index.cjs'), 'utf8');
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(source).not.toMatch(/ipcRenderer\.(on|once|send|sendSync|postMessage)\(/);
    expect(source).not.toMatch(/require\((?!["']electron["'])/);
  });
});

describe('the built renderer', () => {
  it('declares a strict CSP in its page too', () => {
    const html = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expectStrictCsp(csp!);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('packaging', () => {
  it('sets the Electron fuses that close Node entry points and pin the app to its ASAR', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const fuse = (name: string): string | undefined => new RegExp(`^\\s+${name}:\\s*(\\w+)`, 'm').exec(yml)?.[1];
    expect(fuse('runAsNode')).toBe('false');
    expect(fuse('enableNodeOptionsEnvironmentVariable')).toBe('false');
    expect(fuse('enableNodeCliInspectArguments')).toBe('false');
    expect(fuse('enableEmbeddedAsarIntegrityValidation')).toBe('true');
    expect(fuse('onlyLoadAppFromAsar')).toBe('true');
    expect(fuse('enableCookieEncryption')).toBe('true');
    expect(fuse('grantFileProtocolExtraPrivileges')).toBe('false');
  });
});

describe('the login-test window (source: it opens only during a test login)', () => {
  const source = readFileSync(join(ROOT, 'electron/main/login-window.ts'), 'utf8');
  const preferences = /function lockedPreferences[\s\S]*?return \{([\s\S]*?)\};/.exec(source)?.[1] ?? '';

  it('locks every login window and popup down: sandboxed, isolated, no Node, no preload', () => {
    expect(preferences).toMatch(/sandbox: true/);
    expect(preferences).toMatch(/contextIsolation: true/);
    expect(preferences).toMatch(/nodeIntegration: false/);
    expect(preferences).toMatch(/nodeIntegrationInSubFrames: false/);
    expect(preferences).toMatch(/webviewTag: false/);
    expect(preferences).not.toMatch(/preload/);
    expect(source).toMatch(/preload: undefined/);
  });

  it('uses a fresh in-memory partition per test and denies every permission there', () => {
    expect(source).toMatch(/const partition = `(?!persist:)[^`]*\$\{randomUUID\(\)\}`/);
    expect(source).toMatch(/fromPartition\(partition/);
    expect(source).toMatch(/setPermissionRequestHandler\(\([^)]*\) => callback\(false\)\)/);
    expect(source).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(source).toMatch(/clearStorageData/);
  });
});
