// `npm run dev:web -- [--port P]`: the real wizard in any browser, bound to the real main-side
// services in a Node host. Builds the renderer first when no build exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT, ensureNodeEntry } from './bundle.mjs';

if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
  process.stderr.write('Building the wizard first…\n');
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) {
    process.stderr.write('dev:web: the build failed; see the messages above.\n');
    process.exit(1);
  }
}
const host = await ensureNodeEntry('webHost');
await ensureNodeEntry('analysisWorker');
process.chdir(ROOT);
await import(pathToFileURL(host).href);
