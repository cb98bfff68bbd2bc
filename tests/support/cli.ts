import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI_BUNDLE = join(REPO_ROOT, 'out', 'cli', 'flex-sso.mjs');

/** Bundles the CLI when it has not been built (or its sources changed), as `npm run cli` does. */
export function ensureCliBuilt(): void {
  const run = spawnSync(process.execPath, ['-e', "import('./scripts/bundle.mjs').then((m) => m.ensureNodeEntry('cli'))"], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(CLI_BUNDLE)) throw new Error(`could not build the CLI: ${run.stderr}`);
}

/** Runs the built CLI the way a user's shell would. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
}
