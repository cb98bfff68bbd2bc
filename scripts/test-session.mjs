// Runs a command as `npm test` runs its steps: the system prerequisites checked (and installed where
// it can, see prerequisites.mjs), and on Linux inside a private D-Bus session with a fresh, unlocked
// gnome-keyring, so whatever touches the keychain meets a real Secret Service and never the user's.
//
//   node scripts/test-session.mjs <command> [args…]      e.g. vitest run --config vitest.crash.config.ts
//
// The quality scripts in package.json go through it; inside a session already (FLEX_SSO_TEST_SESSION=1,
// as npm test's steps are) it runs the command as it is.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePrerequisites } from './prerequisites.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// As under `npm run`: the project's own tools (vitest, playwright) are found by name.
const PATH = [join(ROOT, 'node_modules', '.bin'), process.env.PATH ?? ''].join(delimiter);

export function inTestSession() {
  return process.platform !== 'linux' || process.env.FLEX_SSO_TEST_SESSION === '1';
}

/**
 * Runs argv ([command, ...args]) inside a new D-Bus session with an unlocked keyring (Linux), or
 * directly where already inside one; returns its exit status.
 */
export function runInTestSession(argv) {
  if (inTestSession()) {
    return spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PATH }, shell: process.platform === 'win32' }).status ?? 1;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'flex-sso-test-session-'));
  try {
    const unlockThenRun = 'echo -n flex-sso-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', unlockThenRun, 'sh', ...argv], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, PATH, FLEX_SSO_TEST_SESSION: '1', XDG_RUNTIME_DIR: scratch, XDG_DATA_HOME: join(scratch, 'data') },
    });
    return run.status ?? 1;
  } finally {
    // The keyring daemon may still be writing its last files as the session ends.
    try {
      rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch {
      process.stderr.write(`note: could not remove the test session's folder ${scratch}\n`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    process.stderr.write('Usage: node scripts/test-session.mjs <command> [args…]\n');
    process.exit(2);
  }
  const script = process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : command;
  if (process.env.FLEX_SSO_TEST_SESSION !== '1' && !ensurePrerequisites({ who: script })) process.exit(1);
  // `node` is this very Node, wherever the PATH would have found another.
  process.exit(runInTestSession([command === 'node' ? process.execPath : command, ...args]));
}
