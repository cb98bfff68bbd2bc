// The fuzz loop shared by the bounded vitest run and scripts/fuzz.mjs.
import { checkReport, mutate, rng } from './mutate.mjs';

/**
 * seeds: [{ name, text, options, original }] where `original` holds the verified facts of an
 * unmutated signed response (or null). Runs until `seconds` have passed; never throws.
 */
export async function runFuzz({ analyze, seeds, seconds, seed = 1, slowMs = 2000 }) {
  const r = rng(seed);
  const counts = { runs: 0, ok: 0, rejected: 0, crashes: 0, invalid: 0, slow: 0, byFirstCode: {} };
  const problems = [];
  let maxMs = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    const base = seeds[Math.floor(r() * seeds.length)];
    const { text, steps } = mutate(base.text, r);
    const started = performance.now();
    let report;
    try {
      report = await analyze(text, base.options);
    } catch (error) {
      counts.crashes++;
      problems.push({ seed: base.name, steps, problem: `threw: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    } finally {
      counts.runs++;
    }
    const ms = performance.now() - started;
    maxMs = Math.max(maxMs, ms);
    if (ms > slowMs) {
      counts.slow++;
      problems.push({ seed: base.name, steps, problem: `took ${Math.round(ms)} ms` });
    }
    const problem = checkReport(report, base.original);
    if (problem) {
      counts.invalid++;
      problems.push({ seed: base.name, steps, problem });
      continue;
    }
    if (report.ok) counts.ok++;
    else counts.rejected++;
    const first = report.findings.find((f) => f.severity === 'error')?.code ?? 'none';
    counts.byFirstCode[first] = (counts.byFirstCode[first] ?? 0) + 1;
  }
  return { counts, problems: problems.slice(0, 20), maxMs: Math.round(maxMs) };
}
