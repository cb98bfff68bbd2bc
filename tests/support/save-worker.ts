import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './web-harness';

export { marker } from '../../electron/services/profiles/save-worker-marker';

/**
 * Bundles electron/services/profiles/save-worker.ts (the profile store saving in a loop) into a
 * plain Node script and returns its path, for tests that spawn it and kill it mid-save:
 *   spawn(process.execPath, [await bundleSaveWorker(), profilesFolder])
 * See that file for its output protocol (`saving N` / `saved N`) and the `marker(N)` check.
 */
export async function bundleSaveWorker(outDir: string = mkdtempSync(join(tmpdir(), 'flex-sso-save-worker-'))): Promise<string> {
  const outfile = join(outDir, 'save-worker.mjs');
  await build({
    entryPoints: [join(REPO_ROOT, 'electron/services/profiles/save-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    absWorkingDir: REPO_ROOT,
  });
  return outfile;
}
