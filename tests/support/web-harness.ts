import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiHandlers } from '../../electron/services/api-handlers';
import { startWebHost, type WebHost } from '../../electron/web-host/server';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningHarness {
  host: WebHost;
  userDataDir: string;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * The test harness: the built renderer served by the real web host, bound to the real main-side
 * services with a fresh user-data folder. Not a mock: the same handlers Electron's IPC uses.
 */
export async function startHarness(): Promise<RunningHarness> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'flex-sso-harness-'));
  const logs: string[] = [];
  const host = await startWebHost({
    rendererDir: join(REPO_ROOT, 'out', 'renderer'),
    handlers: createApiHandlers({ host: 'web', appName: 'Flex SSO Wizard', appVersion: 'test' }),
    log: (line) => logs.push(line),
  });
  return {
    host,
    userDataDir,
    logs,
    stop: async () => {
      await host.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
