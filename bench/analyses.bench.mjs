// analysesPerSecond: signed-response analyses (signature verified against the given IdP
// certificate with node-saml, then every check and the Worker preview) per second in one process.
// The response is produced by samlp (response and assertion signed, SHA-256) with a key made
// here by openssl; the analysis code is bundled with esbuild, as the CLI is.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, bundleForNode } from '../scripts/bundle.mjs';

export const metric = 'analysesPerSecond';
export const unit = '/s';
export const goal = { op: '>=', value: 500 };

async function loadAnalysis() {
  // Inside the repository (out/ is build output) so the bundle's package imports resolve.
  const outfile = join(ROOT, 'out', 'bench', 'analysis.mjs');
  await bundleForNode('electron/services/analysis.ts', outfile);
  return import(pathToFileURL(outfile).href);
}

function signedResponses(dir, count) {
  const keyFile = join(dir, 'bench-only-key.pem');
  const certFile = join(dir, 'bench-only-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-subj', '/CN=bench-only test IdP', '-days', '30', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  const require = createRequire(join(ROOT, 'package.json'));
  const samlp = require('samlp');
  const acsUrl = 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef';
  const one = (index) => new Promise((resolve, reject) => {
    samlp.getSamlResponse(
      {
        issuer: 'urn:bench:samlp-idp',
        cert,
        key,
        audience: 'urn:flex:JQ0123456789abcdef0123456789abcdef',
        recipient: acsUrl,
        destination: acsUrl,
        signResponse: true,
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        lifetimeInSeconds: 3600,
        includeAttributeNameFormat: true,
        profileMapper: () => ({
          getClaims: () => ({ email: `agent${index}@example.com`, full_name: `Agent ${index}`, roles: ['agent', 'supervisor'], 'channel.voice.capacity': '2' }),
          getNameIdentifier: () => ({ nameIdentifier: `agent${index}@example.com`, nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' }),
        }),
      },
      {},
      (error, xml) => (error ? reject(error) : resolve(Buffer.from(xml).toString('base64'))),
    );
  });
  return Promise.all(Array.from({ length: count }, (_, i) => one(i))).then((inputs) => ({ inputs, cert }));
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-bench-'));
  try {
    const { analyzeSamlResponse } = await loadAnalysis();
    // Distinct responses, cycled: more than the verdict cache holds, so every analysis verifies
    // its signatures from scratch (the cold path, not the re-analysis of one response).
    const { inputs, cert } = await signedResponses(dir, 48);
    const options = { mode: 'flex-enhanced', ids: { connectionId: 'JQ0123456789abcdef0123456789abcdef' }, idpCertPem: cert, idpIssuer: 'urn:bench:samlp-idp', idp: 'okta' };
    const check = await analyzeSamlResponse(inputs[0], options);
    if (!check.ok || check.signature.valid !== true || check.signature.certificate !== 'given') {
      throw new Error(`the bench response did not verify: ${JSON.stringify(check.findings)}`);
    }
    let next = 0;
    const input = () => inputs[next++ % inputs.length];
    for (let i = 0; i < 100; i++) await analyzeSamlResponse(input(), options); // warm-up
    const rates = [];
    for (let round = 0; round < 5; round++) {
      let count = 0;
      const started = performance.now();
      while (performance.now() - started < 1000) {
        await analyzeSamlResponse(input(), options);
        count++;
      }
      rates.push(count / ((performance.now() - started) / 1000));
    }
    rates.sort((a, b) => a - b);
    return Math.round(rates[2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((value) => process.stdout.write(`${metric}: ${value} ${unit}\n`));
}
