/**
 * Two commands on a fresh machine: `npm test` installs the missing system packages itself when it
 * can (root, or sudo without a password), saying what it installs, and otherwise stops with the
 * one command to run; the quality scripts run in a private D-Bus session with an unlocked keyring.
 *
 * A machine without a package is played by a PATH without its command (xmlsec1 here), and the
 * installer by a FAKE apt-get that records its arguments: really installing in a test would change
 * the machine under the other tests. Everything else is the real script, run as root and as the
 * unprivileged user "nobody".
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- a plain ES module script without types
import { aptCommand, installPlan, SYSTEM_PACKAGES } from '../../scripts/prerequisites.mjs';

interface Item {
  apt: string;
}
const item = (apt: string): Item => ({ apt });

describe('what npm test does about missing system packages', () => {
  const linux = { platform: 'linux', hasAptGet: true, isRoot: false, passwordlessSudo: false };
  it('nothing when nothing is missing', () => {
    expect(installPlan([], linux)).toEqual({ action: 'none' });
  });
  it('installs as root, or with sudo that needs no password', () => {
    expect(installPlan([item('xmlsec1')], { ...linux, isRoot: true })).toEqual({ action: 'install', sudo: false, names: ['xmlsec1'] });
    expect(installPlan([item('xmlsec1'), item('dbus')], { ...linux, passwordlessSudo: true })).toEqual({
      action: 'install',
      sudo: true,
      names: ['xmlsec1', 'dbus'],
    });
  });
  it('otherwise stops with the one command that installs them all', () => {
    expect(installPlan([item('xmlsec1'), item('dbus')], linux)).toEqual({
      action: 'stop',
      command: 'sudo apt-get update && sudo apt-get install -y xmlsec1 dbus',
      names: ['xmlsec1', 'dbus'],
    });
    expect(installPlan([item('chromium')], { ...linux, platform: 'darwin', hasAptGet: false })).toMatchObject({ action: 'stop', command: null });
  });
  it('keeps one list, each entry saying why it is needed', () => {
    const names = (SYSTEM_PACKAGES as Array<{ apt: string; why: string }>).map((entry) => entry.apt);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of SYSTEM_PACKAGES as Array<{ apt: string; why: string }>) expect(entry.why.length).toBeGreaterThan(10);
    expect(names).toEqual(expect.arrayContaining(['chromium', 'xmlsec1', 'libsecret-1-dev', 'gnome-keyring', 'dbus', 'libsecret-tools']));
    // .ci/run keeps no list of its own: the README's two commands.
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(ci).toEqual(['set -euo pipefail', 'cd "$(dirname "$0")/.."', 'npm ci --no-audit --no-fund', 'npm test']);
  });
});

const asRoot = process.getuid?.() === 0;
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((path) => existsSync(path));
/** A Node.js the user "nobody" can run (one under /root, as nvm installs it, is out of their reach). */
const SYSTEM_NODE = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) && (statSync(path).mode & 0o001) !== 0);
const machineReason =
  process.platform !== 'linux'
    ? 'Linux only'
    : !asRoot
      ? 'runs as root (CI does), to play root and "nobody"'
      : !RUNUSER
        ? 'runuser is missing'
        : !SYSTEM_NODE
          ? 'no Node.js that "nobody" may run'
          : null;
if (machineReason) console.log(`skipped: the fresh-machine runs: ${machineReason}`);

let bin: string;
let aptLog: string;

function run(
  argv: string[],
  options: { user?: string; env?: Record<string, string> } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [command, ...args] = options.user ? [RUNUSER!, '-u', options.user, '--', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { cwd: REPO_ROOT, env: options.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(machineReason !== null)('on a machine without xmlsec1', () => {
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'flex-sso-fresh-path-'));
    chmodSync(bin, 0o755);
    aptLog = join(bin, 'apt-get.log');
    // Every command the check looks for, but xmlsec1 (and no sudo, as on a fresh machine).
    for (const command of ['make', 'g++', 'python3', 'openssl', 'dbus-run-session', 'gnome-keyring-daemon', 'secret-tool', 'php', 'Xvfb', 'sh', 'env']) {
      // System folders first: a tool under /root (pyenv, nvm) is out of reach for "nobody".
      const found = ['/usr/bin', '/bin', '/usr/sbin', ...(process.env.PATH ?? '').split(delimiter)]
        .map((dir) => join(dir, command))
        .find((path) => existsSync(path));
      if (found) symlinkSync(found, join(bin, command));
    }
    // The FAKE apt-get: records what it was asked and succeeds without installing anything.
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$@" >> ${aptLog}\nexit 0\n`, { mode: 0o755 });
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  const env = () => ({ PATH: bin, HOME: tmpdir() });

  it('as a user who cannot install: stops at once, naming the one command, and installs nothing', async () => {
    const result = await run([SYSTEM_NODE!, 'scripts/prerequisites.mjs'], { user: 'nobody', env: env() });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('prerequisites: these are missing on this machine:\nprerequisites:   xmlsec1: an independent check of XML signatures\n');
    expect(result.stderr).toContain(`Install them with this one command, then run it again:\n  ${aptCommand(['xmlsec1'])}\n`);
    expect(result.stderr).not.toMatch(/installing/);
    expect(existsSync(aptLog)).toBe(false);
  });

  it('as root: says what it installs and why, and runs apt-get for exactly what is missing', async () => {
    const result = await run([process.execPath, 'scripts/prerequisites.mjs'], { env: env() });
    expect(result.stderr).toContain(
      'prerequisites: installing the system packages the tests need:\nprerequisites:   xmlsec1: an independent check of XML signatures\n',
    );
    expect(readFileSync(aptLog, 'utf8').split('\n').filter(Boolean)).toEqual([
      '-o DPkg::Lock::Timeout=600 update -qq',
      '-o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends xmlsec1',
    ]);
    // The fake installed nothing, so the check after it still finds xmlsec1 missing, and says so.
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(aptCommand(['xmlsec1']));
  });
});

describe.skipIf(process.platform !== 'linux')('the quality scripts', () => {
  it('all go through the test session, as npm test does', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['test:unit', 'test:e2e', 'test:security', 'test:crash', 'test:canary', 'fuzz', 'bench']) {
      expect(scripts[name], name).toMatch(/^node scripts\/test-session\.mjs /);
    }
  });

  it('run alone, a script gets its own D-Bus session with an unlocked keyring that stores and reads a secret', async () => {
    const probe = [
      "import { execFileSync } from 'node:child_process';",
      "execFileSync('secret-tool', ['store', '--label=probe', 'flex-sso-probe', 'x'], { input: 'probe-secret' });",
      "const read = execFileSync('secret-tool', ['lookup', 'flex-sso-probe', 'x']).toString();",
      'console.log(JSON.stringify({ bus: process.env.DBUS_SESSION_BUS_ADDRESS, session: process.env.FLEX_SSO_TEST_SESSION, read }));',
    ].join('\n');
    const outside = { ...process.env } as Record<string, string>;
    delete outside.FLEX_SSO_TEST_SESSION;
    delete outside.DBUS_SESSION_BUS_ADDRESS;
    const result = await run([process.execPath, 'scripts/test-session.mjs', 'node', '--input-type=module', '-e', probe], { env: outside });
    expect(result.status, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { bus?: string; session?: string; read: string };
    expect(seen.session).toBe('1');
    expect(seen.bus).toMatch(/^unix:/);
    expect(seen.bus).not.toBe(process.env.DBUS_SESSION_BUS_ADDRESS);
    expect(seen.read).toBe('probe-secret');
  });
});
