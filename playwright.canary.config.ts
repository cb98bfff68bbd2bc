import { defineConfig } from '@playwright/test';
import { findChromium, CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from './electron/services/chromium';

/** `npm run test:canary` (scripts/canary.mjs): the secret canary, apart from the e2e specs so it runs once. */
export default defineConfig({
  testDir: 'tests/canary',
  outputDir: 'test-results/canary',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1024, height: 700 },
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    launchOptions: {
      executablePath: findChromium().path ?? undefined,
      args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags()],
    },
  },
  projects: [{ name: 'web', use: { browserName: 'chromium' } }],
});
