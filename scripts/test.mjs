// `npm test`: every test layer, in order: type check, lint, build, unit and integration tests
// (vitest), the wizard in Chromium (Playwright), then the quality suites. On Linux the whole run
// happens inside its own D-Bus session with an unlocked gnome-keyring, so the keychain tests meet
// a real Secret Service. Missing system packages are installed first where that is possible (root,
// or sudo without a password); otherwise it stops at once with the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bundle.mjs';
import { ensurePrerequisites } from './prerequisites.mjs';
import { inTestSession, runInTestSession } from './test-session.mjs';

if (process.env.FLEX_SSO_TEST_SESSION !== '1') {
  if (!ensurePrerequisites({ who: 'npm test' })) process.exit(1);
  // On Linux: re-run inside a private D-Bus session with a fresh, unlocked keyring.
  if (!inTestSession()) process.exit(runInTestSession([process.execPath, join(ROOT, 'scripts/test.mjs'), ...process.argv.slice(2)]));
}

const node = process.execPath;
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const steps = [
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings', '0'] },
  { name: 'build', args: [join(ROOT, 'scripts/build.mjs')] },
  vitestStep('vitest', null),
  { name: 'playwright', args: [bin('@playwright/test', 'cli.js'), 'test'], counts: 'playwright' },
  vitestStep('test:security', 'vitest.security.config.ts'),
  vitestStep('test:crash', 'vitest.crash.config.ts'),
  ...['test:canary', 'fuzz'].filter((script) => pkg.scripts?.[script]).map((script) => ({ name: script, npmScript: script })),
];

function vitestStep(name, config) {
  const results = `.vitest-results-${name.replace(/\W/g, '-')}.json`;
  return {
    name,
    args: [
      bin('vitest', 'vitest.mjs'),
      'run',
      ...(config ? ['--config', config] : []),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}`,
    ],
    counts: 'vitest',
    results,
  };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
const skipReasons = new Set();

function countVitest(results) {
  const file = join(ROOT, results);
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright() {
  const file = join(ROOT, '.playwright-results.json');
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.stats?.expected ?? 0;
  totals.failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0);
  totals.skipped += report.stats?.skipped ?? 0;
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        for (const a of t.annotations ?? []) if (a.type === 'skip' && a.description) skipReasons.add(`${t.projectName}: ${a.description}`);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
}

for (const file of [...steps.map((step) => step.results).filter(Boolean), '.playwright-results.json']) rmSync(join(ROOT, file), { force: true });
for (const step of steps) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${step.name}\n`);
  const run = step.npmScript
    ? spawnSync('npm', ['run', '-s', step.npmScript], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync(node, step.args, { cwd: ROOT, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.counts === 'vitest') countVitest(step.results);
  if (step.counts === 'playwright') countPlaywright();
  if (!step.counts) {
    if (run.status === 0) totals.passed += 1;
    else totals.failed += 1;
  }
  if (run.status !== 0) failedSteps.push(step.name);
  process.stdout.write(`${run.status === 0 ? '✔' : '✘'} ${step.name} (${seconds}s)\n`);
}

process.stdout.write('\n');
for (const reason of skipReasons) process.stdout.write(`skipped: ${reason}\n`);
if (failedSteps.length) process.stdout.write(`failed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedSteps.length ? 1 : 0);
