// `npm run -s cli -- <command>`: runs the flex-sso CLI, bundling it first when its sources changed.
import { pathToFileURL } from 'node:url';
import { ensureNodeEntry } from './bundle.mjs';

const bundle = await ensureNodeEntry('cli');
// npm runs a script in the package's folder and says where it was run from in INIT_CWD: the CLI's
// relative paths (FILE, --out, --idp-cert, --har, --journal…) are the user's, so they resolve there.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) {
  try {
    process.chdir(process.env.INIT_CWD);
  } catch {
    // The folder is gone: paths then resolve against the repository, and "no file" names the path looked for.
  }
}
await import(pathToFileURL(bundle).href);
