import { join } from 'node:path';
import { REPO_ROOT } from './cli';

let bundled: Promise<string> | null = null;

/**
 * The analysis worker (electron/services/saml/analysis-worker.ts) bundled for Node, as the web
 * host's build bundles it, for services created from source in tests: pass it as
 * `analysisWorker`. Bundled once per test process, into a file of its own (parallel test
 * processes never write the same file), inside the repository so its packages resolve.
 */
export function analysisWorkerScript(): Promise<string> {
  bundled ??= import(join(REPO_ROOT, 'scripts', 'bundle.mjs')).then((bundle: { bundleForNode: (entry: string, outfile: string) => Promise<string> }) =>
    bundle.bundleForNode('electron/services/saml/analysis-worker.ts', join(REPO_ROOT, 'out', 'test', `analysis-worker-${process.pid}.mjs`)),
  );
  return bundled;
}
