import { bundleNodeEntry } from './bundle.mjs';
await bundleNodeEntry('webHost');
