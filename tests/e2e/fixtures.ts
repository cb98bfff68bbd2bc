import { test as base, expect, _electron, type Page } from '@playwright/test';
import { REPO_ROOT, startHarness, type RunningHarness } from '../support/web-harness';
import { installedElectronBinary, NO_ELECTRON_REASON } from '../support/electron-binary';

interface WizardFixtures {
  /** The wizard's window: the built renderer in Chromium via the harness, or the Electron app. */
  wizard: Page;
  /** Console errors the page logged; specs assert there are none. */
  consoleErrors: string[];
  harness: RunningHarness | null;
}

export const test = base.extend<WizardFixtures>({
  harness: async ({}, use, testInfo) => {
    if (testInfo.project.name !== 'web') return use(null);
    const harness = await startHarness();
    await use(harness);
    await harness.stop();
  },
  consoleErrors: async ({}, use) => use([]),
  wizard: async ({ page, harness, consoleErrors }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const binary = installedElectronBinary();
      test.skip(binary === null, NO_ELECTRON_REASON);
      const app = await _electron.launch({ executablePath: binary!, args: [REPO_ROOT] });
      const window = await app.firstWindow();
      window.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
      await use(window);
      await app.close();
      return;
    }
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(harness!.host.url);
    await use(page);
  },
});

export { expect };
