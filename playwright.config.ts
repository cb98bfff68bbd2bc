import { defineConfig } from '@playwright/test';
import { findChromium, CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags } from './electron/services/chromium';

const chromium = findChromium();

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: '.playwright-results.json' }]]
    : [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    viewport: { width: 1024, height: 700 },
    trace: 'off',
    screenshot: 'off',
    launchOptions: {
      executablePath: chromium.path ?? undefined,
      args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags()],
    },
  },
  projects: [
    { name: 'web', use: { browserName: 'chromium' } },
    { name: 'electron', use: {} },
  ],
});
