import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { readdirSync } from 'node:fs';
import { ChromiumMissingError } from './errors';

/** Flags that keep Chromium from phoning home or failing on machines without a GPU or sandbox. */
export const CHROMIUM_QUIET_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--metrics-recording-only',
];

/** Running as root (CI, containers) Chromium refuses to start with its sandbox. */
export function chromiumSandboxFlags(): string[] {
  return typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
}

function playwrightInstalledChromium(): string | null {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return null;
  const builds = readdirSync(cache)
    .filter((name) => name.startsWith('chromium'))
    .sort()
    .reverse();
  for (const build of builds) {
    for (const relative of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-win/chrome.exe']) {
      const candidate = join(cache, build, relative);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export interface ChromiumLookup {
  path: string | null;
  /** Where it looked, for the message when nothing was found. */
  tried: string[];
}

/** CHROMIUM_PATH, then the system Chromium, then a Playwright-installed one (as the README says). */
export function findChromium(explicit?: string): ChromiumLookup {
  const tried: string[] = [];
  const candidates = [
    explicit,
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    tried.push(isAbsolute(candidate) ? candidate : resolve(candidate)); // a relative path says where it was looked for
    if (existsSync(candidate)) return { path: candidate, tried };
    if (candidate === explicit) return { path: null, tried };
  }
  const fromPlaywright = playwrightInstalledChromium();
  tried.push('a Playwright-installed Chromium');
  return { path: fromPlaywright, tried };
}

export const CHROMIUM_INSTALL_HINT = 'install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable';

/**
 * The Chromium to run for `purpose` ("PDF", "The login test"), or ChromiumMissingError saying where
 * it looked and how to install one: the one way a missing Chromium is reported (the dispatcher,
 * the task registry and the CLI each show its message).
 */
export function requireChromium(purpose: string, explicit?: string): string {
  const lookup = findChromium(explicit);
  if (lookup.path) return lookup.path;
  throw new ChromiumMissingError(`${purpose} needs Chromium and none was found (looked at ${lookup.tried.join(', ')}); ${CHROMIUM_INSTALL_HINT}`);
}
