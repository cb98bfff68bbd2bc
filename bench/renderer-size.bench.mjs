// rendererGzipKb: gzip size (KiB) of the JavaScript the wizard loads before it can paint: the entry
// chunk(s) referenced by out/renderer/index.html (module scripts and modulepreload links) plus
// every chunk they import statically, transitively. Lazy chunks (dynamic import()) are not counted.
// Builds the renderer with electron-vite first when out/renderer is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../scripts/bundle.mjs';

export const metric = 'rendererGzipKb';
export const unit = 'KiB';
export const goal = { op: '<=', value: 160 };

const RENDERER_DIR = join(ROOT, 'out', 'renderer');

function ensureBuilt() {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed: ${(build.stderr || build.stdout).trim().split('\n').slice(-3).join(' ')}`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('electron-vite build produced no out/renderer/index.html');
}

/** Local JavaScript the HTML loads up front: <script type="module" src> and <link rel="modulepreload" href>. */
export function initialScripts(html) {
  const found = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) =>
      tag
        .match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))
        ?.slice(1)
        .find((v) => v !== undefined);
    if (/^<script/i.test(tag)) {
      const src = attr('src');
      if (src && (attr('type') ?? '').toLowerCase() === 'module') found.push(src);
    } else if ((attr('rel') ?? '').toLowerCase() === 'modulepreload') {
      const href = attr('href');
      if (href) found.push(href);
    }
  }
  return found.filter((url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//'));
}

/** Relative specifiers a chunk imports statically (import … from, import "…", export … from); not import(). */
export function staticImports(code) {
  const specifiers = new Set();
  const pattern = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const match of code.matchAll(pattern)) specifiers.add(match[1]);
  return [...specifiers];
}

export function measureInitialJs(rendererDir = RENDERER_DIR) {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const queue = initialScripts(html).map((url) => resolve(rendererDir, url.replace(/^\//, './').split(/[?#]/)[0]));
  if (queue.length === 0) throw new Error(`${relative(ROOT, join(rendererDir, 'index.html'))} references no module script`);
  const seen = new Set();
  let gzipBytes = 0;
  let rawBytes = 0;
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file)) throw new Error(`index.html loads ${relative(rendererDir, file)}, which is not in the build`);
    const content = readFileSync(file);
    rawBytes += content.length;
    gzipBytes += gzipSync(content).length;
    for (const specifier of staticImports(content.toString('utf8'))) queue.push(resolve(dirname(file), specifier.split(/[?#]/)[0]));
  }
  return { files: [...seen].map((file) => relative(rendererDir, file)), rawBytes, gzipBytes };
}

export async function run() {
  ensureBuilt();
  const sizes = [];
  for (let i = 0; i < 3; i++) sizes.push(measureInitialJs().gzipBytes);
  sizes.sort((a, b) => a - b);
  return Math.round((sizes[1] / 1024) * 10) / 10;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureBuilt();
  const measured = measureInitialJs();
  process.stdout.write(
    `${metric}: ${(measured.gzipBytes / 1024).toFixed(1)} ${unit} gzip (${(measured.rawBytes / 1024).toFixed(1)} KiB raw) in ${measured.files.join(', ')}\n`,
  );
}
