/**
 * Runs one fuzz target in its own process (so a hang or a polluted prototype cannot affect the
 * others) and writes its report as JSON: `node out/fuzz/run-target.mjs <cli|api> <options-json> <report-file>`.
 * Bundled and started by scripts/fuzz-all.mjs.
 */
import { writeFileSync } from 'node:fs';
import { fuzzApi } from './api-fuzz';
import { fuzzCli, type CliFuzzOptions } from './cli-fuzz';
import type { TargetReport } from './report';

async function main(): Promise<void> {
  const [target, optionsJson, reportFile] = process.argv.slice(2);
  if (!target || !optionsJson || !reportFile) throw new Error('usage: run-target <cli|api> <options-json> <report-file>');
  const options = JSON.parse(optionsJson) as Record<string, unknown>;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  let report: TargetReport;
  if (target === 'cli') report = await fuzzCli({ ...(options as unknown as CliFuzzOptions), log });
  else if (target === 'api')
    report = await fuzzApi({
      runs: Number(options.runs),
      seed: Number(options.seed),
      ...(options.onlyCase !== undefined ? { onlyCase: Number(options.onlyCase) } : {}),
      log,
    });
  else throw new Error(`no fuzz target "${target}"`);
  writeFileSync(reportFile, JSON.stringify(report));
}

main().then(
  // Tasks a fuzzed call started (downloads, browsers) must not keep the process alive.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`fuzz target failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
