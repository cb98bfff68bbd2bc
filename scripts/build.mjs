// `npm run build`: main, preload and renderer with electron-vite, then the CLI and the web host.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, bundleNodeEntry } from './bundle.mjs';

const vite = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
if (vite.status !== 0) process.exit(vite.status ?? 1);
await bundleNodeEntry('cli');
await bundleNodeEntry('webHost');
await bundleNodeEntry('analysisWorker');
