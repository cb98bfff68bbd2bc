// harAnalysisMs / harPeakRssMb: `flex-sso analyze --har` end to end (a fresh process: start, stream
// the file, read 2,000 entries, verify and judge 20 signed responses, print the JSON) on a ~50 MB
// HAR with 20 SP-initiated SAML exchanges among scripts, images, API calls and pages; and beside
// it, as the reference, a fresh process that only reads the file and runs JSON.parse on it.
// Peak memory is the process's own high-water resident set size (VmHWM; maxRSS where /proc is absent); the CPU
// time of the same process is shown beside the wall time, since a loaded machine stretches the latter.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, bundleForNode, ensureNodeEntry } from '../scripts/bundle.mjs';

export const metrics = [
  { metric: 'harAnalysisMs', unit: 'ms', goal: { op: '<=', value: 3000 } },
  { metric: 'harPeakRssMb', unit: 'MB', goal: { op: '<=', value: 300 } },
  { metric: 'harAnalysisCpuMs', unit: 'ms', goal: null },
  { metric: 'harJsonParseMs', unit: 'ms', goal: null },
  { metric: 'harJsonParsePeakRssMb', unit: 'MB', goal: null },
  { metric: 'harFileMb', unit: 'MB', goal: null },
];

const ENTRIES = 2000;
const EXCHANGES = 20;
const RUNS = 3;
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';

const ENTRY = `
export { createTestSigningKey } from './tests/support/idps/keys';
export { authnRequestXml, base64, deflatedBase64, harEntry, signedResponse } from './tests/support/captures/build';
export { spValues } from './shared/domain/modes';
`;

async function load() {
  const outfile = join(ROOT, 'out', 'bench', 'har-bench.mjs');
  await bundleForNode({ contents: ENTRY, sourcefile: 'har-bench-entry.ts' }, outfile);
  return import(pathToFileURL(outfile).href);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Writes the HAR entry by entry (the bench's own memory stays small too). */
async function writeHar(m, path, key) {
  const sp = m.spValues('flex-enhanced', { connectionId: CONNECTION });
  const idp = 'https://idp.bench.example';
  const pool = Buffer.alloc(96 * 1024);
  for (let i = 0; i < pool.length; i++) pool[i] = (i * 2654435761) >>> 24;
  const text = pool.toString('base64');
  const filler = (i, at) => {
    const kind = i % 10;
    const size = 15_000 + ((i * 7919) % 14_000);
    const slice = text.slice(i % 4096, (i % 4096) + size);
    const headers = [
      ['Cookie', `session=${slice.slice(0, 40)}`],
      ['User-Agent', 'Mozilla/5.0 bench'],
      ['Accept-Language', 'en'],
    ];
    if (kind < 4)
      return {
        ...m.harEntry({
          at,
          url: `https://app.bench.example/static/chunk-${i}.js`,
          body: `/*${slice}*/`,
          bodyMime: 'text/javascript',
          requestHeaders: headers,
          document: false,
        }),
        _resourceType: 'script',
      };
    if (kind < 7)
      return {
        ...m.harEntry({
          at,
          url: `https://cdn.bench.example/img/${i}.png`,
          body: slice,
          bodyMime: 'image/png',
          bodyBase64: true,
          requestHeaders: headers,
          document: false,
        }),
        _resourceType: 'image',
      };
    if (kind < 9)
      return {
        ...m.harEntry({
          at,
          url: `https://api.bench.example/v1/items?page=${i}`,
          body: JSON.stringify({ items: [slice] }),
          bodyMime: 'application/json',
          requestHeaders: headers,
          document: false,
        }),
        _resourceType: 'xhr',
      };
    return {
      ...m.harEntry({
        at,
        url: `https://app.bench.example/page/${i}`,
        body: `<!doctype html><title>Page ${i}</title><p>${slice}</p>`,
        requestHeaders: headers,
      }),
      _resourceType: 'document',
    };
  };
  const start = Date.now();
  const out = createWriteStream(path);
  const write = (chunk) => (out.write(chunk) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[\n');
  const every = Math.floor(ENTRIES / EXCHANGES);
  let written = 0;
  for (let i = 0; written < ENTRIES; i++) {
    // Recorded as it is written: the signed responses' IssueInstant agrees with the capture's clock.
    const at = new Date(Math.max(start + written * 10, Date.now()));
    let entries;
    if (i % every === 5 && written + 4 <= ENTRIES) {
      const id = `_bench${String(i).padStart(6, '0')}aaaaaaaaaaaaaaaaaaaaaaaa`;
      const request = m.authnRequestXml({ id, issuer: sp.entityId, acsUrl: sp.acsUrl, destination: `${idp}/sso`, issueInstant: at.toISOString() });
      const response = await m.signedResponse({
        key,
        issuer: 'urn:bench:idp',
        acsUrl: sp.acsUrl,
        audience: sp.entityId,
        inResponseTo: id,
        email: `agent${i}@example.com`,
        fullName: `Agent ${i}`,
        roles: ['agent'],
      });
      const later = (ms) => new Date(at.getTime() + ms / 10);
      entries = [
        {
          ...m.harEntry({
            at,
            url: `${idp}/sso?SAMLRequest=${encodeURIComponent(m.deflatedBase64(request))}&RelayState=bench`,
            body: '<!doctype html><form method="post" action="/login"><input name="username"><input name="password" type="password"></form>',
          }),
          _resourceType: 'document',
        },
        {
          ...m.harEntry({
            at: later(4000),
            url: `${idp}/login`,
            form: [
              ['username', 'agent'],
              ['password', 'bench-password'],
            ],
            body: `<!doctype html><form method="post" action="${sp.acsUrl}"><input type="hidden" name="SAMLResponse" value="${m.base64(response)}"><input type="hidden" name="RelayState" value="bench"></form>`,
          }),
          _resourceType: 'document',
        },
        {
          ...m.harEntry({
            at: later(4300),
            url: sp.acsUrl,
            form: [
              ['SAMLResponse', m.base64(response)],
              ['RelayState', 'bench'],
            ],
            status: 302,
            redirectTo: 'https://flex.twilio.com/bench',
          }),
          _resourceType: 'document',
        },
        filler(written + 3, later(4500)),
      ];
    } else {
      entries = [filler(written, at)];
    }
    for (const entry of entries) {
      await write(`${written === 0 ? '' : ',\n'}${JSON.stringify(entry)}`);
      written++;
    }
  }
  await write('\n]}}\n');
  await new Promise((resolve) => out.end(resolve));
}

// On Linux a child's maxRSS starts at its parent's resident size when it was forked (getrusage keeps
// it across execve), so after the other benchmarks grew this process it measured us, not the child:
// VmHWM, the high-water mark of the child's own memory since exec, is read instead where /proc has it.
const RSS_PRELOAD = `process.on('exit', () => { try { const fs = require('fs'); const u = process.resourceUsage(); let kb = u.maxRSS; try { const m = /VmHWM:\\s*(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8')); if (m) kb = Number(m[1]); } catch {} fs.writeSync(2, '\\nmaxRssKb=' + kb + ' cpuUs=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); } catch {} });\n`;

function timed(args, dir) {
  const preload = join(dir, 'rss.cjs');
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = /maxRssKb=(\d+) cpuUs=(\d+)/.exec(run.stderr ?? '');
  if (!rss) throw new Error(`${args.slice(0, 3).join(' ')} ended ${run.status}: ${String(run.stderr).slice(0, 300)}`);
  return { ms, rssMb: Number(rss[1]) / 1024, cpuMs: Number(rss[2]) / 1000, run };
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-har-bench-'));
  try {
    const [m, cli] = await Promise.all([load(), ensureNodeEntry('cli')]);
    writeFileSync(join(dir, 'rss.cjs'), RSS_PRELOAD);
    const key = m.createTestSigningKey('bench-only test IdP');
    const certFile = join(dir, 'idp-cert.pem');
    writeFileSync(certFile, key.certPem);
    const har = join(dir, 'bench.har');
    await writeHar(m, har, key);
    key.dispose();
    const cliArgs = [
      cli,
      'analyze',
      '--har',
      har,
      '--mode',
      'flex-enhanced',
      '--connection',
      CONNECTION,
      '--idp-cert',
      certFile,
      '--idp-issuer',
      'urn:bench:idp',
      '--format',
      'json',
    ];
    const parseArgs = ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(har)}, 'utf8'))`];
    const first = timed(cliArgs, dir).run;
    const report = JSON.parse(first.stdout);
    const judged = report.exchanges.filter((e) => e.verdict === 'ok').length;
    if (process.env.BENCH_VERBOSE) process.stderr.write(JSON.stringify(report.exchanges[0], null, 1).slice(0, 4000));
    if (report.exchanges.length !== EXCHANGES || judged !== EXCHANGES) {
      throw new Error(`the bench HAR gave ${report.exchanges.length} exchanges, ${judged} judged ok (expected ${EXCHANGES}): ${first.stderr.slice(0, 300)}`);
    }
    const analysis = [];
    const parse = [];
    for (let i = 0; i < RUNS; i++) {
      analysis.push(timed(cliArgs, dir));
      parse.push(timed(parseArgs, dir));
    }
    return {
      harAnalysisMs: Math.round(median(analysis.map((r) => r.ms))),
      harPeakRssMb: Math.round(median(analysis.map((r) => r.rssMb))),
      // CPU time of the same process: what the wall time would be on an idle machine.
      harAnalysisCpuMs: Math.round(median(analysis.map((r) => r.cpuMs))),
      harJsonParseMs: Math.round(median(parse.map((r) => r.ms))),
      harJsonParsePeakRssMb: Math.round(median(parse.map((r) => r.rssMb))),
      harFileMb: Math.round(statSync(har).size / 1e5) / 10,
    };
  } finally {
    if (process.env.BENCH_KEEP_HAR) writeFileSync(process.env.BENCH_KEEP_HAR, '');
    if (process.env.BENCH_KEEP_HAR) spawnSync('cp', [join(dir, 'bench.har'), process.env.BENCH_KEEP_HAR]);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((values) => process.stdout.write(`${JSON.stringify(values, null, 2)}\n`));
}
