// `npm run fuzz [-- options]`: every fuzz target, each in its own process, then the counts.
//   analysis  the analysis engineer's mutation fuzz of the corpus documents (scripts/fuzz.mjs), when present
//   cli       generated garbage for every flex-sso command's options (tests/fuzz/cli-fuzz.ts)
//   api       generated garbage for every shared/api.ts call through the real dispatch (tests/fuzz/api-fuzz.ts)
// Options: --seed N|random (default: a fixed seed, so CI is repeatable; printed), --only analysis|cli|api, --case N (replay one case
// of one target), --cli-runs N, --api-runs N, --analysis-seconds N. The same as environment
// variables: FUZZ_SEED, FUZZ_CLI_RUNS, FUZZ_API_RUNS, FUZZ_ANALYSIS_SECONDS.
// Exits 1 on any failure, printing the reproducing input; 2 on bad usage.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, bundleForNode, ensureNodeEntry } from './bundle.mjs';

function usage(message) {
  process.stderr.write(
    `fuzz: ${message}\nusage: npm run fuzz -- [--seed N|random] [--only analysis|cli|api] [--case N] [--cli-runs N] [--api-runs N] [--analysis-seconds N]\n`,
  );
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      seed: { type: 'string' },
      only: { type: 'string' },
      case: { type: 'string' },
      'cli-runs': { type: 'string' },
      'api-runs': { type: 'string' },
      'analysis-seconds': { type: 'string' },
    },
  }));
} catch (error) {
  usage(error.message);
}

const whole = (name, raw, fallback) => {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) usage(`${name} must be a whole number, not "${raw}"`);
  return n;
};
// A fixed seed by default, so `npm test` gives the same verdict on every run; `--seed random` explores.
const seedOption = values.seed ?? process.env.FUZZ_SEED;
const seed = seedOption === 'random' ? Math.floor(Math.random() * 2 ** 31) : whole('--seed', seedOption, 20251126);
const cliRuns = whole('--cli-runs', values['cli-runs'] ?? process.env.FUZZ_CLI_RUNS, 160);
const apiRuns = whole('--api-runs', values['api-runs'] ?? process.env.FUZZ_API_RUNS, 1000);
const analysisSeconds = whole('--analysis-seconds', values['analysis-seconds'] ?? process.env.FUZZ_ANALYSIS_SECONDS, 15);
// Case numbers: 0, 1, … are random cases; the CLI's -1, -2, … are each command's plain valid run.
const onlyCase =
  values.case === undefined
    ? undefined
    : Number.isInteger(Number(values.case)) && values.case.trim() !== ''
      ? Number(values.case)
      : usage(`--case must be a whole number, not "${values.case}"`);
const targets = ['analysis', 'cli', 'api'];
if (values.only && !targets.includes(values.only)) usage(`--only must be one of ${targets.join(', ')}`);
if (onlyCase !== undefined && !['cli', 'api'].includes(values.only ?? '')) usage('--case needs --only cli or --only api');
const selected = values.only ? [values.only] : targets;
const artifactsDir = join(ROOT, 'test-results', 'fuzz');
const started = Date.now();

/** Runs a child process with a hard limit; resolves its status and output (echoed as it comes). */
function runChild(args, { timeoutMs, env = {}, echo = true }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (echo) process.stderr.write(chunk);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}

async function bundleTargets() {
  await ensureNodeEntry('cli');
  const outfile = join(ROOT, 'out', 'fuzz', 'run-target.mjs');
  await bundleForNode('tests/fuzz/run-target.ts', outfile, { define: { __APP_VERSION__: JSON.stringify('fuzz') } });
  // The web host's services look for their analysis thread beside the bundle that holds them.
  await bundleForNode('electron/services/saml/analysis-worker.ts', join(ROOT, 'out', 'fuzz', 'analysis-worker.mjs'));
  return outfile;
}

async function runTarget(runner, target, options, timeoutMs) {
  const scratch = mkdtempSync(join(tmpdir(), 'flex-sso-fuzz-report-'));
  const reportFile = join(scratch, 'report.json');
  try {
    process.stdout.write(`\n▶ fuzz ${target} (seed ${seed})\n`);
    const run = await runChild([runner, target, JSON.stringify(options), reportFile], { timeoutMs });
    if (run.timedOut)
      return {
        target,
        seed,
        runs: 0,
        seconds: timeoutMs / 1000,
        breakdown: {},
        failures: [
          {
            case: -1,
            problem: `the ${target} fuzz as a whole did not finish within ${timeoutMs / 1000} s (a hang)`,
            input: `npm run fuzz -- --only ${target} --seed ${seed}`,
            detail: run.stderr.slice(-600),
          },
        ],
      };
    if (run.status !== 0 || !existsSync(reportFile))
      return {
        target,
        seed,
        runs: 0,
        seconds: 0,
        breakdown: {},
        failures: [
          {
            case: -1,
            problem: `the ${target} fuzz could not run (exit ${run.status ?? run.signal})`,
            input: `npm run fuzz -- --only ${target} --seed ${seed}`,
            detail: run.stderr.slice(-1200),
          },
        ],
      };
    return JSON.parse(readFileSync(reportFile, 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The analysis mutation fuzz belongs to the analysis engineer: run scripts/fuzz.mjs as they wrote it. */
async function runAnalysisFuzz() {
  const script = join(ROOT, 'scripts', 'fuzz.mjs');
  process.stdout.write(`\n▶ fuzz analysis (seed ${seed})\n`);
  if (!existsSync(script)) {
    process.stdout.write('  scripts/fuzz.mjs is not there yet: the analysis mutation fuzz was skipped.\n');
    return { target: 'analysis', seed, runs: 0, seconds: 0, breakdown: {}, failures: [], skipped: 'scripts/fuzz.mjs does not exist' };
  }
  const t0 = Date.now();
  // Its usage: node scripts/fuzz.mjs [--seconds 60] [--seed N]; it prints "runs N  ok N  rejected N
  // crashes N  invalid N  slow N  slowest N ms" and one "PROBLEM {json}" line per problem.
  const run = await runChild([script, '--seconds', String(analysisSeconds), '--seed', String(seed)], { timeoutMs: (analysisSeconds + 120) * 1000 });
  const countsLine = run.stdout.split('\n').find((line) => /^runs \d+/.test(line)) ?? '';
  const counts = Object.fromEntries([...countsLine.matchAll(/([a-z]+) (\d+)/g)].map((m) => [m[1], Number(m[2])]));
  const runs = counts.runs ?? 0;
  const breakdown = Object.fromEntries(Object.entries(counts).filter(([key]) => key !== 'runs'));
  const failures = [];
  const replay = `node scripts/fuzz.mjs --seconds ${analysisSeconds} --seed ${seed}`;
  if (run.timedOut) failures.push({ case: -1, problem: `scripts/fuzz.mjs did not finish within ${analysisSeconds + 120} s`, input: replay, detail: '' });
  else {
    for (const line of run.stdout
      .split('\n')
      .filter((l) => l.startsWith('PROBLEM '))
      .slice(0, 20)) {
      let problem;
      try {
        problem = JSON.parse(line.slice('PROBLEM '.length));
      } catch {
        problem = { problem: line.slice(8) };
      }
      failures.push({
        case: -1,
        problem: `analysis of a mutant of ${problem.seed ?? 'a seed document'}: ${problem.problem ?? 'see the input'}`,
        input: `${replay}  (mutation steps: ${JSON.stringify(problem.steps ?? null).slice(0, 1200)})`,
        detail: '',
      });
    }
    if (run.status !== 0 && !failures.length)
      failures.push({
        case: -1,
        problem: `scripts/fuzz.mjs exited ${run.status ?? run.signal}`,
        input: replay,
        detail: (run.stderr || run.stdout).slice(-800),
      });
    if (!countsLine && !failures.length)
      failures.push({
        case: -1,
        problem: 'scripts/fuzz.mjs printed no "runs N …" line; its output format changed',
        input: replay,
        detail: run.stdout.slice(-400),
      });
  }
  return { target: 'analysis', seed, runs, seconds: (Date.now() - t0) / 1000, breakdown, failures };
}

const runner = await bundleTargets();
const chromiumPath =
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p)) ?? null;
const reports = [];
for (const target of selected) {
  if (target === 'analysis') reports.push(await runAnalysisFuzz());
  if (target === 'cli') {
    reports.push(
      await runTarget(
        runner,
        'cli',
        {
          cliPath: join(ROOT, 'out', 'cli', 'flex-sso.mjs'),
          runs: cliRuns,
          seed,
          onlyCase,
          concurrency: 2,
          corpusDir: join(ROOT, '..', 'shared', 'corpus'),
          chromiumPath,
          artifactsDir,
        },
        Math.max(300_000, cliRuns * 4_000),
      ),
    );
  }
  if (target === 'api') reports.push(await runTarget(runner, 'api', { runs: apiRuns, seed, onlyCase }, Math.max(300_000, apiRuns * 400)));
}

process.stdout.write(`\nFuzz summary (seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s):\n`);
let failed = 0;
for (const report of reports) {
  failed += report.failures.length;
  const extra = Object.entries(report.breakdown ?? {})
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
  process.stdout.write(
    `  ${report.target.padEnd(9)} ${String(report.runs).padStart(6)} runs  ${String(report.failures.length).padStart(3)} failures  ${report.seconds.toFixed(1)} s${report.skipped ? `  (skipped: ${report.skipped})` : ''}\n`,
  );
  if (extra) process.stdout.write(`            ${extra}\n`);
}
for (const report of reports) {
  for (const failure of report.failures) {
    process.stdout.write(`\n✘ [${report.target}${failure.replayable ? ` case ${failure.case}` : ''}] ${failure.problem}\n  input:  ${failure.input}\n`);
    if (failure.detail) process.stdout.write(`  detail: ${failure.detail}\n`);
    if (failure.replayable) process.stdout.write(`  replay: npm run fuzz -- --only ${report.target} --seed ${report.seed} --case=${failure.case}\n`);
  }
}
process.stdout.write(`\nfuzz: ${reports.reduce((n, r) => n + r.runs, 0)} runs, ${failed} failures\n`);
process.exit(failed ? 1 : 0);
