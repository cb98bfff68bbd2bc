// `npm run bench [-- --format json]`: every benchmark in bench/*.bench.mjs, run side by side on
// this machine. Each module exports { metric, unit, goal: { op: '<=' | '>=', value }, run() }
// where run() resolves to the median of its own repeated measurements; or, for figures measured
// together, { metrics: [{ metric, unit, goal }], run() } where run() resolves to { [metric]: value }
// (a goal of null marks a reference figure, e.g. a baseline shown beside a measured one).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './bundle.mjs';

const USAGE = 'Usage: npm run bench [-- --format text|json] [-- --only METRIC]\n';
let values;
try {
  ({ values } = parseArgs({ options: { format: { type: 'string', default: 'text' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}.\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!['text', 'json'].includes(values.format)) {
  process.stderr.write(`bench: --format must be text or json, not "${values.format}"\n`);
  process.exit(2);
}
const dir = join(ROOT, 'bench');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .sort();
const results = {};
const rows = [];
const meets = (goal, value) => (goal === null ? null : value === null ? false : goal.op === '<=' ? value <= goal.value : value >= goal.value);
for (const file of files) {
  const bench = await import(pathToFileURL(join(dir, file)).href);
  const metrics = bench.metrics ?? [{ metric: bench.metric, unit: bench.unit, goal: bench.goal }];
  if (values.only && !metrics.some((m) => m.metric === values.only)) continue;
  let measured = {};
  let error = null;
  try {
    const value = await bench.run();
    measured = bench.metrics ? value : { [bench.metric]: value };
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  for (const { metric, unit, goal } of metrics) {
    const value = typeof measured[metric] === 'number' ? measured[metric] : null;
    results[metric] = value;
    rows.push({ metric, value, unit, goal: goal === null ? null : `${goal.op} ${goal.value}`, met: meets(goal, value), error });
  }
}
if (values.format === 'json') {
  const goals = Object.fromEntries(rows.map((r) => [r.metric, { goal: r.goal ?? 'reference', met: r.met, ...(r.error ? { error: r.error } : {}) }]));
  process.stdout.write(`${JSON.stringify({ ...results, goals }, null, 2)}\n`);
} else {
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd([24, 12, 8, 10, 6][i] ?? 10)).join(' ');
  process.stdout.write(`${line(['metric', 'value', 'unit', 'goal', 'met'])}\n`);
  for (const r of rows) {
    const shown = r.value === null ? 'failed' : Number.isInteger(r.value) ? r.value : r.value.toFixed(2);
    const met = r.met === null ? '-' : r.met ? 'yes' : 'no';
    process.stdout.write(`${line([r.metric, shown, r.unit, r.goal ?? 'reference', met])}${r.error ? `  (${r.error})` : ''}\n`);
  }
}
