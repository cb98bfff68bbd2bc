// `npm run test:canary`: the secret canary (tests/canary). Makes a unique Twilio Auth Token, a
// unique IdP password, IdP admin API token and Auth0 client secret, runs the canary spec with them (handed over in a private file, not the
// environment), then scans what only the runner can see: its own stdout/stderr, test-results/canary,
// and the OS temp entries the run left behind. Needs a Secret Service (npm test provides one; by
// hand: dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npm run test:canary'
// with XDG_RUNTIME_DIR and XDG_DATA_HOME pointed at a temporary folder).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './bundle.mjs';

const scanModule = join(ROOT, 'out', 'canary', 'scan.mjs');
await build({
  entryPoints: [join(ROOT, 'tests/canary/scan.ts')],
  outfile: scanModule,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'error',
});
const { needlesFor, scanText, scanTree } = await import(pathToFileURL(scanModule).href);

const ownDir = mkdtempSync(join(tmpdir(), 'flex-sso-canary-'));
const values = {
  secret: `canary-secret-${randomBytes(12).toString('hex')}`,
  password: `canary-pw-${randomBytes(12).toString('hex')}`,
  idpToken: `canary-idp-token-${randomBytes(12).toString('hex')}`,
  clientSecret: `canary-client-secret-${randomBytes(12).toString('hex')}`,
  tmpBefore: readdirSync(tmpdir()),
  ownDir,
};
const valuesFile = join(ownDir, 'values.json');
writeFileSync(valuesFile, JSON.stringify(values), { mode: 0o600 });

const run = await new Promise((resolve) => {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', 'playwright.canary.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, FLEX_SSO_CANARY_FILE: valuesFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk) => {
    text += chunk;
    process.stderr.write(chunk);
  });
  child.on('close', (status) => resolve({ status, text }));
});
rmSync(ownDir, { recursive: true, force: true });

const needles = [
  ...needlesFor('the Auth Token', values.secret),
  ...needlesFor('the IdP password', values.password),
  ...needlesFor('the IdP API token', values.idpToken),
  ...needlesFor('the Auth0 client secret', values.clientSecret),
];
const hits = [...scanText(run.text, "the canary run's stdout/stderr", needles), ...scanTree(join(ROOT, 'test-results', 'canary'), needles).hits];
const before = new Set(values.tmpBefore);
const leftovers = readdirSync(tmpdir()).filter((name) => !before.has(name));
for (const name of leftovers) hits.push(...scanTree(join(tmpdir(), name), needles, { maxBytes: 50_000_000 }).hits);

process.stdout.write(
  `\ncanary: scanned the run's output (${run.text.length} chars), test-results/canary and ${leftovers.length} temp entries left after the run\n`,
);
for (const hit of hits) process.stdout.write(`✘ ${hit.value} (${hit.encoding}) found in ${hit.where}\n`);
if (run.status !== 0) process.stdout.write(`✘ the canary spec failed (exit ${run.status}); see above\n`);
process.exit(run.status !== 0 || hits.length ? 1 : 0);
