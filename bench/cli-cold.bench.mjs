// Cold start of the CLI's text path: `flex-sso checklist … --format md` against `node -e 0`,
// measured interleaved in the same run so machine load affects both alike. Reported as a ratio.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureNodeEntry, ROOT } from '../scripts/bundle.mjs';

export const metric = 'cliColdRatio';
export const unit = 'x';
export const goal = { op: '<=', value: 3 };

const RUNS = 9;
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${String(result.stderr).trim()}`);
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run() {
  const cli = await ensureNodeEntry('cli');
  const cliArgs = [cli, 'checklist', '--mode', 'flex-enhanced', '--idp', 'okta', '--connection', CONNECTION, '--format', 'md'];
  const baselineArgs = ['-e', '0'];
  // Warm the file cache once for each, then measure alternately.
  time(cliArgs);
  time(baselineArgs);
  const cliTimes = [];
  const baseTimes = [];
  for (let i = 0; i < RUNS; i++) {
    cliTimes.push(time(cliArgs));
    baseTimes.push(time(baselineArgs));
  }
  return median(cliTimes) / median(baseTimes);
}

export const cliPath = join(ROOT, 'out/cli/flex-sso.mjs');
