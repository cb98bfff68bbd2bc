// Module hooks that answer `import 'electron'` / `require('electron')` with the FAKE runtime.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: new URL('./fake-electron-runtime.mjs', import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
