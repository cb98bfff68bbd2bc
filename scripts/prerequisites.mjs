// What the tests need from the operating system, in ONE list (CI has no other: .ci/run only runs
// `npm ci` and `npm test`). Before anything runs, `npm test` (and each quality script) checks the
// list; on Debian or Ubuntu it installs what is missing itself when it can (as root, or with sudo
// that needs no password), saying what it installs; otherwise it stops with the one command to run.
//
// Run alone: `node scripts/prerequisites.mjs` checks and installs; `--check` only reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const build of readdirSync(cache)
      .filter((name) => name.startsWith('chromium'))
      .sort()
      .reverse()) {
      const candidate = join(cache, build, 'chrome-linux', 'chrome');
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * The Debian/Ubuntu packages the tests need. `linux`: needed on Linux only (elsewhere the OS has a
 * keychain of its own). `present`: how to tell it is there without asking dpkg (so the check works
 * on other systems, and the way the tests find the tool is the way it is checked).
 */
export const SYSTEM_PACKAGES = [
  {
    apt: 'chromium',
    why: 'the wizard\u2019s end-to-end tests, the login-test capture and PDF checklists',
    present: () => chromiumPath() !== null,
    otherwise: 'install Chromium or Chrome, or set CHROMIUM_PATH',
  },
  {
    apt: 'fonts-dejavu-core',
    why: 'readable text in Chromium\u2019s screenshots and PDFs',
    linux: true,
    present: () => existsSync('/usr/share/fonts/truetype/dejavu'),
  },
  {
    apt: 'xmlsec1',
    why: 'an independent check of XML signatures',
    present: () => onPath('xmlsec1'),
    otherwise: 'install xmlsec1 (Homebrew: brew install libxmlsec1)',
  },
  { apt: 'openssl', why: 'test certificates and keys', present: () => onPath('openssl'), otherwise: 'install openssl' },
  {
    apt: 'libsecret-1-dev',
    why: 'keytar (the OS keychain) builds against it',
    linux: true,
    present: () => existsSync('/usr/include/libsecret-1/libsecret/secret.h'),
  },
  { apt: 'build-essential', why: 'a C++ compiler to build keytar', linux: true, present: () => onPath('make') && onPath('g++') },
  { apt: 'python3', why: 'node-gyp, which builds keytar', linux: true, present: () => onPath('python3') },
  { apt: 'dbus', why: 'a private D-Bus session for the keychain tests', linux: true, present: () => onPath('dbus-run-session') },
  { apt: 'gnome-keyring', why: 'a real Secret Service for the keychain tests', linux: true, present: () => onPath('gnome-keyring-daemon') },
  {
    apt: 'libsecret-tools',
    why: 'secret-tool, which reads the Secret Service independently of keytar in the keychain tests',
    linux: true,
    present: () => onPath('secret-tool'),
  },
  {
    apt: 'simplesamlphp',
    why: 'a real, independent IdP for the login tests (Debian\u2019s SimpleSAMLphp 1.19)',
    linux: true,
    present: () => existsSync('/usr/share/simplesamlphp/www'),
  },
  { apt: 'php-cli', why: 'PHP\u2019s built-in server, which serves SimpleSAMLphp in the tests', linux: true, present: () => onPath('php') },
  { apt: 'php-xml', why: 'the XML (DOM) support SimpleSAMLphp signs with', linux: true, present: () => phpModules().includes('dom') },
  { apt: 'php-mbstring', why: 'the multibyte strings SimpleSAMLphp needs', linux: true, present: () => phpModules().includes('mbstring') },
  { apt: 'xvfb', why: 'a private display for the test of the headed login window', linux: true, present: () => onPath('Xvfb') },
];

let loadedPhpModules = null;
/** PHP's modules, lower case (`php -m`, asked once); none when PHP is missing. */
function phpModules() {
  if (loadedPhpModules) return loadedPhpModules;
  const run = onPath('php') ? spawnSync('php', ['-m'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }) : null;
  const modules =
    run?.status === 0
      ? run.stdout
          .toLowerCase()
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
      : [];
  // Asked again after an install, which may have added them.
  if (modules.length > 0) loadedPhpModules = modules;
  return modules;
}

export function missingSystemPackages(platform = process.platform) {
  return SYSTEM_PACKAGES.filter((item) => (platform === 'linux' || !item.linux) && !item.present());
}

/** The one command a person runs to install `names` on Debian or Ubuntu. */
export function aptCommand(names) {
  return `sudo apt-get update && sudo apt-get install -y ${names.join(' ')}`;
}

/**
 * What to do about missing packages: install them (as root, or through sudo without a password),
 * or stop and name the command. Pure, so the decision is tested on its own.
 */
export function installPlan(missing, { platform, hasAptGet, isRoot, passwordlessSudo }) {
  if (missing.length === 0) return { action: 'none' };
  const names = missing.map((item) => item.apt);
  if (platform !== 'linux' || !hasAptGet) return { action: 'stop', command: null, names };
  if (isRoot) return { action: 'install', sudo: false, names };
  if (passwordlessSudo) return { action: 'install', sudo: true, names };
  return { action: 'stop', command: aptCommand(names), names };
}

function passwordlessSudo() {
  return onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

function aptGet(args, sudo) {
  // Waits for the dpkg lock (another install may be running) instead of failing at once.
  const argv = ['apt-get', '-o', 'DPkg::Lock::Timeout=600', ...args];
  const [command, ...rest] = sudo ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', ...argv] : argv;
  return spawnSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

function keytarLoads() {
  try {
    createRequire(join(ROOT, 'package.json'))('keytar');
    return true;
  } catch {
    return false;
  }
}

/**
 * keytar is an optional dependency: on a machine without libsecret, `npm ci` leaves it out instead
 * of failing. Once libsecret is there, build it (or bring it back) as `npm ci` would have.
 */
function repairKeytar(say) {
  const folder = join(ROOT, 'node_modules', 'keytar');
  const args = existsSync(folder) ? ['rebuild', 'keytar'] : ['install', '--no-save', '--no-audit', '--no-fund'];
  say(`building keytar against libsecret: npm ${args.join(' ')}`);
  spawnSync('npm', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  return keytarLoads();
}

/**
 * Checks the system and, unless `install` is false, installs what is missing where it can.
 * Returns true when everything is there; otherwise has said what to do on stderr.
 */
export function ensurePrerequisites({ install = true, who = 'npm test' } = {}) {
  const say = (line) => process.stderr.write(`${who}: ${line}\n`);
  let missing = missingSystemPackages();
  const plan = installPlan(missing, {
    platform: process.platform,
    hasAptGet: onPath('apt-get'),
    isRoot: process.getuid?.() === 0,
    passwordlessSudo: missing.length > 0 && passwordlessSudo(),
  });
  if (plan.action === 'install' && install) {
    say(`installing the system packages the tests need${plan.sudo ? ' (with sudo)' : ''}:`);
    for (const item of missing) say(`  ${item.apt}: ${item.why}`);
    const installed = aptGet(['update', '-qq'], plan.sudo) && aptGet(['install', '-y', '-qq', '--no-install-recommends', ...plan.names], plan.sudo);
    if (!installed) say('apt-get did not finish; see its messages above.');
    missing = missingSystemPackages();
  }
  if (missing.length > 0) {
    say('these are missing on this machine:');
    for (const item of missing) say(`  ${item.apt}: ${item.why}${item.otherwise && process.platform !== 'linux' ? ` (${item.otherwise})` : ''}`);
    const names = missing.map((item) => item.apt);
    if (process.platform === 'linux') say(`Install them with this one command, then run it again:\n  ${aptCommand(names)}`);
    return false;
  }
  if (process.platform === 'linux' && !keytarLoads() && !(install && repairKeytar(say))) {
    say('keytar (the keychain module) does not load. Run this one command, then run it again:\n  npm rebuild keytar');
    return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(ensurePrerequisites({ install: !process.argv.includes('--check'), who: 'prerequisites' }) ? 0 : 1);
}
