// `npm run -s cli -- <command>`: runs the flex-sso CLI, bundling it first when its sources changed.
import { pathToFileURL } from 'node:url';
import { ensureNodeEntry } from './bundle.mjs';

const bundle = await ensureNodeEntry('cli');
await import(pathToFileURL(bundle).href);
