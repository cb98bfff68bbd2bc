import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Chromium's predictor resolves and pre-connects to a form's target host when the form is
 * submitted, even if every request to that host is then intercepted. Value 2 turns prediction off.
 */
export const NO_PREDICTION_PREFERENCES = { net: { network_prediction_options: 2 } } as const;

/** A fresh Chromium profile with the predictor off; delete it with removeProfile afterwards. */
export async function createThrowawayProfile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flex-sso-login-'));
  await mkdir(join(dir, 'Default'), { recursive: true });
  await writeFile(join(dir, 'Default', 'Preferences'), JSON.stringify(NO_PREDICTION_PREFERENCES));
  return dir;
}

export async function removeProfile(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/**
 * `--host-resolver-rules` mapping every SP host to `target`: `~NOTFOUND` in production (a request
 * the capture somehow missed fails to resolve), a local listener in the tripwire test.
 */
export function hostResolverRules(hosts: readonly string[], target: string): string {
  return hosts.map((host) => `MAP ${host} ${target}`).join(', ');
}
