// What `npm test` needs from the operating system, checked before anything runs, with the
// command that installs whatever is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ROOT } from './bundle.mjs';

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const build of readdirSync(cache).filter((name) => name.startsWith('chromium')).sort().reverse()) {
      const candidate = join(cache, build, 'chrome-linux', 'chrome');
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/** PHP's modules SimpleSAMLphp needs (php-xml gives dom, php-mbstring gives mbstring). */
function phpModules() {
  try {
    return execFileSync('php', ['-m'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).toLowerCase().split('\n').map((line) => line.trim());
  } catch {
    return [];
  }
}

function keytarLoads() {
  try {
    createRequire(join(ROOT, 'package.json'))('keytar');
    return true;
  } catch {
    return false;
  }
}

/** Returns the list of missing prerequisites, each with what to install. */
export function missingPrerequisites() {
  const missing = [];
  if (!chromiumPath()) missing.push({ what: 'Chromium', install: 'apt-get install chromium (or set CHROMIUM_PATH)', apt: 'chromium' });
  if (!onPath('xmlsec1')) missing.push({ what: 'xmlsec1 (independent XML signature checks)', install: 'apt-get install xmlsec1', apt: 'xmlsec1' });
  if (process.platform === 'linux') {
    if (!keytarLoads()) missing.push({ what: 'keytar built against libsecret', install: 'apt-get install libsecret-1-dev, then npm rebuild keytar', apt: 'libsecret-1-dev' });
    if (!onPath('dbus-run-session')) missing.push({ what: 'D-Bus (dbus-run-session)', install: 'apt-get install dbus', apt: 'dbus' });
    if (!onPath('secret-tool')) missing.push({ what: 'secret-tool (reads the Secret Service independently of keytar in tests)', install: 'apt-get install libsecret-tools', apt: 'libsecret-tools' });
    if (!onPath('gnome-keyring-daemon')) missing.push({ what: 'a Secret Service (gnome-keyring)', install: 'apt-get install gnome-keyring', apt: 'gnome-keyring' });
    // SimpleSAMLphp: a real, independent IdP for the login tests (served by PHP's built-in server).
    if (!existsSync('/usr/share/simplesamlphp/www')) missing.push({ what: 'SimpleSAMLphp (a real test IdP)', install: 'apt-get install simplesamlphp', apt: 'simplesamlphp' });
    const modules = onPath('php') ? phpModules() : [];
    if (!onPath('php')) missing.push({ what: 'PHP (serves SimpleSAMLphp in the tests)', install: 'apt-get install php-cli', apt: 'php-cli' });
    else {
      if (!modules.includes('dom') || !modules.includes('xml')) missing.push({ what: 'PHP XML support (SimpleSAMLphp)', install: 'apt-get install php-xml', apt: 'php-xml' });
      if (!modules.includes('mbstring')) missing.push({ what: 'PHP mbstring (SimpleSAMLphp)', install: 'apt-get install php-mbstring', apt: 'php-mbstring' });
    }
    if (!onPath('Xvfb')) missing.push({ what: 'Xvfb (a private display for the headed login-window test)', install: 'apt-get install xvfb', apt: 'xvfb' });
  }
  return missing;
}
