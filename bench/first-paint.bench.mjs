// firstPaintRatio: the wizard's first contentful paint in headless Chromium, served by the real web
// host (tests/support/web-harness.ts: electron/web-host/server.ts bound to the real services), over
// the first contentful paint of a bare React + Fluent UI page (FluentProvider, a heading and a
// Button) built the same way (vite 8 + @vitejs/plugin-react, minified, the same CSP) and served by
// the same web host. Both are measured interleaved in one browser, a fresh context per load,
// through performance.getEntriesByName('first-contentful-paint'); the ratio of the medians.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, bundleForNode } from '../scripts/bundle.mjs';

export const metric = 'firstPaintRatio';
export const unit = 'x';
export const goal = { op: '<=', value: 1.3 };

const RUNS = 9;
const require = createRequire(join(ROOT, 'package.json'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function ensureRendererBuilt() {
  if (existsSync(join(ROOT, 'out/renderer/index.html'))) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`electron-vite build failed: ${(built.stderr || built.stdout).trim().split('\n').slice(-3).join(' ')}`);
}

/** The harness, the web host and the Chromium lookup, bundled as the CLI is (inside out/, so packages resolve). */
async function loadHostModules() {
  const outfile = join(ROOT, 'out', 'bench', 'first-paint-host.mjs');
  await bundleForNode(
    {
      contents: [
        "export { startHarness } from './tests/support/web-harness';",
        "export { startWebHost } from './electron/web-host/server';",
        "export { findChromium, CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from './electron/services/chromium';",
      ].join('\n'),
      sourcefile: 'first-paint-host.ts',
    },
    outfile,
    { define: { __APP_VERSION__: JSON.stringify('bench') } },
  );
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/** A bare React + Fluent UI page, built like the renderer (vite 8, plugin-react, minified) into outDir. */
async function buildBarePage(outDir) {
  // The sources live inside the repository's out/ so that react and Fluent UI resolve from node_modules.
  mkdirSync(join(ROOT, 'out', 'bench'), { recursive: true });
  const srcDir = mkdtempSync(join(ROOT, 'out', 'bench', 'bare-page-'));
  try {
    const wizardHtml = readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8');
    const csp = wizardHtml.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/)?.[0] ?? '';
    writeFileSync(
      join(srcDir, 'index.html'),
      `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    ${csp}\n    <meta name="viewport" content="width=device-width, initial-scale=1" />\n    <link rel="icon" href="data:," />\n    <title>Bare page</title>\n    <style>html, body { margin: 0; }</style>\n  </head>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="./main.jsx"></script>\n  </body>\n</html>\n`,
    );
    writeFileSync(
      join(srcDir, 'main.jsx'),
      [
        "import { StrictMode } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import { FluentProvider, webLightTheme, Button, Title1 } from '@fluentui/react-components';",
        'function App() {',
        '  return (',
        '    <FluentProvider theme={webLightTheme}>',
        '      <main><Title1 as="h1">Bare page</Title1><Button appearance="primary">Continue</Button></main>',
        '    </FluentProvider>',
        '  );',
        '}',
        "createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);",
        '',
      ].join('\n'),
    );
    const { build } = await import(pathToFileURL(require.resolve('vite')).href);
    const { default: react } = await import(pathToFileURL(require.resolve('@vitejs/plugin-react')).href);
    await build({
      configFile: false,
      root: srcDir,
      base: './',
      logLevel: 'silent',
      plugins: [react()],
      build: { outDir, emptyOutDir: true, minify: true, sourcemap: false },
    });
  } finally {
    rmSync(srcDir, { recursive: true, force: true });
  }
}

async function firstContentfulPaint(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const fcp = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const existing = performance.getEntriesByName('first-contentful-paint')[0];
          if (existing) return resolve(existing.startTime);
          const observer = new PerformanceObserver(() => {
            const entry = performance.getEntriesByName('first-contentful-paint')[0];
            if (entry) {
              observer.disconnect();
              resolve(entry.startTime);
            }
          });
          observer.observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(null), 15000);
        }),
    );
    if (typeof fcp !== 'number') throw new Error(`${url} never painted any content within 15 s`);
    return fcp;
  } finally {
    await context.close();
  }
}

export async function run({ runs = RUNS } = {}) {
  ensureRendererBuilt();
  const { startHarness, startWebHost, findChromium, CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } = await loadHostModules();
  const chromiumPath = findChromium().path;
  if (!chromiumPath) throw new Error('no Chromium found; install it (apt-get install chromium) or set CHROMIUM_PATH');
  const bareOut = mkdtempSync(join(tmpdir(), 'flex-sso-bench-bare-'));
  let harness = null;
  let bareHost = null;
  let browser = null;
  try {
    await buildBarePage(bareOut);
    harness = await startHarness();
    // The bare page never calls the API, so it gets no handlers; the server and its headers are the same.
    bareHost = await startWebHost({ rendererDir: bareOut, handlers: {} });
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags()] });
    // One warm-up load each (disk cache, JIT), then interleaved measurements.
    await firstContentfulPaint(browser, harness.host.url);
    await firstContentfulPaint(browser, bareHost.url);
    const wizard = [];
    const bare = [];
    for (let i = 0; i < runs; i++) {
      wizard.push(await firstContentfulPaint(browser, harness.host.url));
      bare.push(await firstContentfulPaint(browser, bareHost.url));
    }
    run.last = { wizardMs: median(wizard), bareMs: median(bare), wizard, bare };
    return Math.round((median(wizard) / median(bare)) * 100) / 100;
  } finally {
    await browser?.close().catch(() => {});
    await bareHost?.close().catch(() => {});
    await harness?.stop().catch(() => {});
    rmSync(bareOut, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ratio = await run();
  const { wizardMs, bareMs } = run.last;
  process.stdout.write(
    `${metric}: ${ratio} ${unit} (wizard FCP median ${wizardMs.toFixed(0)} ms, bare React + Fluent UI page ${bareMs.toFixed(0)} ms, ${RUNS} runs each)\n`,
  );
}
