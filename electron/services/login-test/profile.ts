import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOGIN_BROWSER_PREFERENCES } from './browser-settings';

/** A fresh Chromium profile holding the login browser's preferences; delete it with removeProfile afterwards. */
export async function createThrowawayProfile(preferences: object = LOGIN_BROWSER_PREFERENCES): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flex-sso-login-'));
  await mkdir(join(dir, 'Default'), { recursive: true });
  await writeFile(join(dir, 'Default', 'Preferences'), JSON.stringify(preferences));
  return dir;
}

export async function removeProfile(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
