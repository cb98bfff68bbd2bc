import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. ":7". */
  display: string;
  close(): Promise<void>;
}

/** Where Xvfb is, or null after printing why the tests that need a display are skipped. */
export function xvfbForTests(what: string): string | null {
  const found =
    (process.env.PATH ?? '')
      .split(delimiter)
      .map((dir) => join(dir, 'Xvfb'))
      .find((path) => existsSync(path)) ?? null;
  if (!found) console.warn(`skipped: ${what}: no Xvfb to give the browser a window (Debian/Ubuntu: apt-get install xvfb)`);
  return found;
}

/** A private X display for headed Chromium; Xvfb picks a free display number and reports it. */
export async function startXvfb(executable: string): Promise<VirtualDisplay> {
  const child: ChildProcess = spawn(executable, ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${errors.trim()}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${errors.trim()}`));
    });
  });
  return {
    display,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
