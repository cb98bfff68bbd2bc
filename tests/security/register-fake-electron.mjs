import { register } from 'node:module';
import Module from 'node:module';
import * as fake from './fake-electron-runtime.mjs';

register('./fake-electron-loader.mjs', import.meta.url);

// CommonJS (the sandboxed preload is a CJS bundle): answer require('electron') too.
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'electron') return fake;
  return originalLoad.call(this, request, parent, isMain);
};
