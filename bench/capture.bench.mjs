// Time from the captured SAML POST (the moment Chromium paused it) to the finished diagnosis,
// over several real logins: samlp IdP on 127.0.0.1, Chromium through playwright-core, the CDP
// capture and the full analysis. The TypeScript sources are bundled with esbuild first.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, bundleForNode } from '../scripts/bundle.mjs';

export const metric = 'captureToDiagnosisMs';
export const unit = 'ms';
export const goal = { op: '<=', value: 200 };

const LOGINS = 7;

const ENTRY = `
export { findChromium } from './electron/services/chromium';
export { createPlaywrightHost, startLoginTest } from './electron/services/login-test';
export { spValues } from './shared/domain/modes';
export { createTestSigningKey, startSamlpIdp } from './tests/support/idps';
`;

async function load() {
  const outfile = join(ROOT, 'out', 'bench', 'capture-bench.mjs');
  await bundleForNode({ contents: ENTRY, sourcefile: 'capture-bench-entry.ts' }, outfile);
  return import(pathToFileURL(outfile).href);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export async function run() {
  const m = await load();
  const chromium = m.findChromium().path;
  if (!chromium) throw new Error('no Chromium to run the login test in');
  const connectionId = 'JQ0badc0ffee0badc0ffee0badc0ffee00';
  const sp = m.spValues('flex-enhanced', { connectionId });
  const key = m.createTestSigningKey();
  const idp = await m.startSamlpIdp({ key, acsUrl: sp.acsUrl, audience: sp.entityId, issuer: 'urn:bench:idp' });
  const samples = [];
  try {
    for (let i = 0; i < LOGINS; i += 1) {
      const session = m.startLoginTest(m.createPlaywrightHost({ executablePath: chromium, headless: true }), {
        mode: 'flex-enhanced',
        ids: { connectionId },
        idp: 'okta',
        idpInitUrl: idp.autoLoginUrl,
        idpCertPem: key.certPem,
        idpIssuer: idp.issuer,
        timeoutMs: 30_000,
      });
      const final = await session.done;
      if (final.phase !== 'done' || typeof final.captureToDiagnosisMs !== 'number') throw new Error(`login ${i + 1} ended ${final.phase}: ${final.message}`);
      if (!final.report.ok) throw new Error(`login ${i + 1} was not judged ok: ${final.report.findings.map((f) => f.code).join(', ')}`);
      samples.push(final.captureToDiagnosisMs);
    }
  } finally {
    await idp.close();
    key.dispose();
  }
  if (process.env.BENCH_VERBOSE) process.stderr.write(`captureToDiagnosisMs samples: ${samples.join(', ')}\n`);
  return median(samples);
}
