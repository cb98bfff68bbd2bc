// `npm run bench [-- --format json]`: every benchmark in bench/*.bench.mjs, run side by side on
// this machine. Each module exports { metric, unit, goal: { op: '<=' | '>=', value }, run() }
// where run() resolves to the median of its own repeated measurements.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './bundle.mjs';

const { values } = parseArgs({ options: { format: { type: 'string', default: 'text' }, only: { type: 'string' } } });
if (!['text', 'json'].includes(values.format)) {
  process.stderr.write(`bench: --format must be text or json, not "${values.format}"\n`);
  process.exit(2);
}
const dir = join(ROOT, 'bench');
const files = readdirSync(dir).filter((name) => name.endsWith('.bench.mjs')).sort();
const results = {};
const rows = [];
for (const file of files) {
  const bench = await import(pathToFileURL(join(dir, file)).href);
  if (values.only && bench.metric !== values.only) continue;
  let value = null;
  let error = null;
  try {
    value = await bench.run();
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  const met = value === null ? false : bench.goal.op === '<=' ? value <= bench.goal.value : value >= bench.goal.value;
  results[bench.metric] = value;
  rows.push({ metric: bench.metric, value, unit: bench.unit, goal: `${bench.goal.op} ${bench.goal.value}`, met, error });
}
if (values.format === 'json') {
  process.stdout.write(`${JSON.stringify({ ...results, goals: Object.fromEntries(rows.map((r) => [r.metric, { goal: r.goal, met: r.met, ...(r.error ? { error: r.error } : {}) }])) }, null, 2)}\n`);
} else {
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd([24, 12, 8, 10, 6][i] ?? 10)).join(' ');
  process.stdout.write(`${line(['metric', 'value', 'unit', 'goal', 'met'])}\n`);
  for (const r of rows) {
    const shown = r.value === null ? 'failed' : Number.isInteger(r.value) ? r.value : r.value.toFixed(2);
    process.stdout.write(`${line([r.metric, shown, r.unit, r.goal, r.met ? 'yes' : 'no'])}${r.error ? `  (${r.error})` : ''}\n`);
  }
}
