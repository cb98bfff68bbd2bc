// Filled in at build time from package.json (esbuild/vite `define`); the fallbacks serve tests.
declare const __APP_VERSION__: string | undefined;

export const APP_NAME = 'Flex SSO Wizard';
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
