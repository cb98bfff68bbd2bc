// `node scripts/fuzz.mjs [--seconds 60] [--seed N]`: the longer mutation fuzz of the SAML analysis
// over the real-world corpus (../shared/corpus) and samlp-signed responses. Prints counts; exits 1
// when any mutant crashed, hung, broke the report shape, or changed what is shown as verified.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, bundleForNode } from './bundle.mjs';
import { runFuzz } from '../tests/support/idps/fuzz-run.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string' } } });
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds <= 0) {
  process.stderr.write('fuzz: --seconds must be a positive number\n');
  process.exit(2);
}
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);

const outfile = join(ROOT, 'out', 'fuzz', 'analysis.mjs');
await bundleForNode('electron/services/analysis.ts', outfile);
const { analyzeSamlResponse } = await import(pathToFileURL(outfile).href);

// The real-world corpus lives beside the repository (../shared); a clone without it fuzzes the
// samlp seeds only, and says so.
const corpus = join(ROOT, '..', 'shared', 'corpus', 'responses');
if (!existsSync(corpus)) process.stdout.write(`fuzz: ../shared/corpus is not beside this clone (${corpus}): fuzzing the samlp seeds only\n`);
const seeds = (existsSync(corpus) ? readdirSync(corpus) : []).map((file) => ({
  name: file,
  text: readFileSync(join(corpus, file), 'utf8'),
  options: {},
  original: null,
}));

// Signed responses from samlp, with a key made here (fuzz-only, deleted afterwards).
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-fuzz-'));
try {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-subj',
      '/CN=fuzz-only test IdP',
      '-days',
      '30',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const key = readFileSync(join(dir, 'key.pem'), 'utf8');
  const samlp = createRequire(join(ROOT, 'package.json'))('samlp');
  const acsUrl = 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef';
  const options = { mode: 'flex-enhanced', ids: { connectionId: 'JQ0123456789abcdef0123456789abcdef' }, idpCertPem: cert, idpIssuer: 'urn:fuzz:samlp' };
  for (const signResponse of [true, false]) {
    const xml = await new Promise((resolve, reject) =>
      samlp.getSamlResponse(
        {
          issuer: 'urn:fuzz:samlp',
          cert,
          key,
          audience: 'urn:flex:JQ0123456789abcdef0123456789abcdef',
          recipient: acsUrl,
          destination: acsUrl,
          signResponse,
          signatureAlgorithm: 'rsa-sha256',
          digestAlgorithm: 'sha256',
          includeAttributeNameFormat: true,
          profileMapper: () => ({
            getClaims: () => ({ email: 'fuzz@example.com', full_name: 'Fuzz Tester', roles: ['agent', 'admin'], 'skill.int': '3' }),
            getNameIdentifier: () => ({ nameIdentifier: 'fuzz@example.com' }),
          }),
        },
        {},
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    const report = await analyzeSamlResponse(xml, options);
    if (report.signature.valid !== true) throw new Error('the generated response does not verify');
    seeds.push({ name: `samlp signResponse=${signResponse}`, text: xml, options, original: report.facts });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(`fuzz: ${seeds.length} seed documents, ${seconds} s, seed ${seed}\n`);
const result = await runFuzz({ analyze: analyzeSamlResponse, seeds, seconds, seed });
const { counts } = result;
process.stdout.write(
  `runs ${counts.runs}  ok ${counts.ok}  rejected ${counts.rejected}  crashes ${counts.crashes}  invalid ${counts.invalid}  slow ${counts.slow}  slowest ${result.maxMs} ms\n`,
);
process.stdout.write(
  `first error code: ${Object.entries(counts.byFirstCode)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}\n`,
);
for (const problem of result.problems) process.stdout.write(`PROBLEM ${JSON.stringify(problem)}\n`);
process.exitCode = counts.crashes + counts.invalid + counts.slow > 0 ? 1 : 0;
