import { spawn } from 'node:child_process';

/**
 * Opens an http(s) address in the user's default browser, as the operating system does it
 * (xdg-open, open, or the URL protocol handler on Windows; no shell parses the address). Used by the
 * CLI and the web host; the Electron app uses shell.openExternal instead.
 */
export function openSystemBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return Promise.reject(new Error('only http(s) addresses are opened'));
  const [command, args] =
    platform === 'darwin'
      ? ['open', [parsed.href]]
      : platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', parsed.href]]
        : ['xdg-open', [parsed.href]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
