import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Screenshots the wizard as it is now (attached to the report and written to the test's output
 * folder) and checks it with axe: no serious or critical violations.
 */
export async function checkStep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const path = testInfo.outputPath(`${name}.png`);
  const body = await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { body, contentType: 'image/png' });
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  // In Electron there is no second page for axe's default finishing step: run it in the page itself.
  if (testInfo.project.name === 'electron') axe.setLegacyMode();
  const results = await axe.analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const described = serious.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(described, `axe on ${name}`).toEqual([]);
}

/** The step heading (h1) the wizard moves focus to. */
export function stepHeading(page: Page) {
  return page.getByRole('heading', { level: 1 });
}

export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Next:/ }).click();
}

export const CONNECTION_ID = 'JQ0123456789abcdef0123456789abcdef';
export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

export interface SavedFile {
  /** The file's name as the wizard suggested it (the download's name, or the saved file's). */
  name: string;
  path: string;
  content: Buffer;
}

/**
 * Clicks what saves a file and returns that file. The web host hands it to the browser's own
 * download (caught as Playwright's download event); the desktop app's save dialog (stubbed by the
 * harness to answer with a file in exportsDir) writes it where `savedPath` then says.
 */
export async function savedFile(page: Page, exportsDir: string | null, click: () => Promise<unknown>, savedPath: () => Promise<string>): Promise<SavedFile> {
  if (exportsDir === null) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), path, content: readFileSync(path) };
  }
  await click();
  const path = await savedPath();
  return { name: basename(path), path, content: readFileSync(path) };
}

/** The path a "Saved to <path> (N KB)." message names (the desktop app's save dialog), once it shows. */
export function pathSaidIn(status: Locator): () => Promise<string> {
  return async () => {
    await expect(status).toContainText(/Saved to .+ \(\d+ KB\)/, { timeout: 60_000 });
    return (await status.textContent())!.match(/Saved to (.+?) \(\d+ KB\)/)![1]!;
  };
}
