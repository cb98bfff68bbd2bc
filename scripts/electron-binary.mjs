// Finds the Electron binary without letting the `electron` package print a stack trace: asking
// for its path may try a download, which fails where there is no network.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from './bundle.mjs';

export function findElectronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status !== 0) return null;
  const path = probe.stdout.trim().split('\n').pop() ?? '';
  return path && existsSync(path) ? path : null;
}
