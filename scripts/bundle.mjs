// Bundles the Node entry points (CLI, web host) with esbuild, and rebuilds them only when a source
// file is newer than the bundle, so `npm run cli` and `npm run dev:web` work straight after install.
import { build } from 'esbuild';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

export const NODE_ENTRIES = {
  // The CLI is split into chunks so that a dynamic import() really defers loading (cold start).
  cli: { entry: 'electron/cli/index.ts', out: 'out/cli/flex-sso.mjs', splitting: true },
  webHost: { entry: 'electron/web-host/main.ts', out: 'out/web-host/main.mjs' },
  // The web host's analysis thread (electron/services/saml/analysis-pool.ts), beside its bundle.
  analysisWorker: { entry: 'electron/services/saml/analysis-worker.ts', out: 'out/web-host/analysis-worker.mjs' },
};

const SOURCE_DIRS = ['shared', 'electron/cli', 'electron/services', 'electron/web-host'];

function newestSourceTime() {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|json)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  return newest;
}

export async function bundleNodeEntry(name) {
  const { entry, out, splitting } = NODE_ENTRIES[name];
  const outName = out
    .split('/')
    .pop()
    .replace(/\.mjs$/, '');
  await build({
    entryPoints: splitting ? { [outName]: join(ROOT, entry) } : [join(ROOT, entry)],
    ...(splitting
      ? { outdir: join(ROOT, dirname(out)), splitting: true, chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' } }
      : { outfile: join(ROOT, out) }),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: "import { createRequire as __flexSsoCreateRequire } from 'node:module'; const require = __flexSsoCreateRequire(import.meta.url);" },
  });
  return join(ROOT, out);
}

export async function ensureNodeEntry(name) {
  const out = join(ROOT, NODE_ENTRIES[name].out);
  if (!existsSync(out) || statSync(out).mtimeMs < newestSourceTime()) await bundleNodeEntry(name);
  return out;
}

/**
 * Bundles one TypeScript entry for Node (ESM, node20, package imports left external) into `outfile`,
 * for the benches, the fuzzers and the tests that load the sources the way the CLI does. `entry` is a
 * path relative to the repository, or `{ contents, sourcefile }` for an entry written inline (resolved
 * from the repository root). The bundle gets a CommonJS `require` anchored at the repository's
 * package.json, so it must sit inside the repository (out/ is build output) for its packages to
 * resolve. `options` go to esbuild as they are (e.g. `define`). Returns `outfile`.
 */
export async function bundleForNode(entry, outfile, options = {}) {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [join(ROOT, entry)] }
      : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts', sourcefile: entry.sourcefile } }),
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
    nodePaths: [join(ROOT, 'node_modules')],
    banner: {
      js: `import { createRequire as __flexSsoCreateRequire } from 'node:module'; const require = __flexSsoCreateRequire(${JSON.stringify(join(ROOT, 'package.json'))});`,
    },
    ...options,
  });
  return outfile;
}
