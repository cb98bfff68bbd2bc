import { test as base, expect, type Page } from '@playwright/test';
import { startHarness } from '../support/web-harness';
import { installedElectronBinary, NO_ELECTRON_REASON } from '../support/electron-binary';
import { launchElectronApp, type E2eHarness, type HostOptions, type RunningElectronApp } from '../support/electron-harness';

export type { E2eHarness, HostOptions };

interface WizardFixtures {
  /** How the host is started: secrets and Twilio. Override with test.extend({ hostOptions: … }). */
  hostOptions: HostOptions;
  /** The desktop app (project `electron`); null in the web project. */
  electronApp: RunningElectronApp | null;
  /** The main side, in either host: the web harness, or the desktop app's own services. */
  harness: E2eHarness | null;
  /** The wizard's window: the built renderer in Chromium via the web harness, or the Electron app's window. */
  wizard: Page;
  /** Console errors the page logged; specs assert there are none. */
  consoleErrors: string[];
  /** What the wizard's copy buttons put on the clipboard (the page's clipboard, or Electron's). */
  clipboardText: () => Promise<string>;
}

export const test = base.extend<WizardFixtures>({
  hostOptions: async ({}, use) => use({}),
  electronApp: async ({ hostOptions }, use, testInfo) => {
    if (testInfo.project.name !== 'electron') return use(null);
    const binary = installedElectronBinary();
    test.skip(binary === null, NO_ELECTRON_REASON);
    const running = await launchElectronApp(binary!, hostOptions);
    await use(running);
    await running.stop();
  },
  harness: async ({ hostOptions, electronApp }, use, testInfo) => {
    if (electronApp) return use(electronApp.harness);
    if (testInfo.project.name !== 'web') return use(null);
    const harness = await startHarness(hostOptions);
    await use(harness);
    await harness.stop();
  },
  consoleErrors: async ({}, use) => use([]),
  wizard: async ({ page, harness, electronApp, consoleErrors }, use) => {
    if (electronApp) {
      const window = electronApp.window;
      window.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
      window.on('pageerror', (error) => consoleErrors.push(error.message));
      await use(window);
      return;
    }
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(harness!.host!.url);
    await use(page);
  },
  clipboardText: async ({ wizard, electronApp }, use) => {
    await use(async () =>
      electronApp ? electronApp.app.evaluate(({ clipboard }) => clipboard.readText()) : wizard.evaluate(() => navigator.clipboard.readText()),
    );
  },
});

export { expect };
