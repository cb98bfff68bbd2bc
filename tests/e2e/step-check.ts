import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
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
  const described = serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
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
