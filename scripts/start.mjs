// `npm start`: the desktop wizard. Where the Electron binary is missing and cannot be fetched,
// say so in one line and point to the browser version of the same wizard.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './bundle.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const electronPath = findElectronBinary();
if (!electronPath) {
  process.stderr.write(
    'The Electron binary is not installed and could not be downloaded here, so the desktop app cannot start; run `npm run dev:web` to use the same wizard in your browser.\n',
  );
  process.exit(1);
}
if (!existsSync(join(ROOT, 'out/main/index.js'))) {
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(electronPath, [ROOT], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
