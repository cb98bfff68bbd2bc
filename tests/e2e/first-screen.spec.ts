import { test, expect } from './fixtures';

test('the wizard opens on its first screen with the products and identity providers', async ({ wizard, consoleErrors }, testInfo) => {
  await expect(wizard.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(wizard.getByText('Flex (enhanced SSO)', { exact: false }).first()).toBeVisible();
  await expect(wizard.getByText('Okta').first()).toBeVisible();
  const screenshot = await wizard.screenshot({ fullPage: true });
  await testInfo.attach('first-screen', { body: screenshot, contentType: 'image/png' });
  await wizard.screenshot({ path: testInfo.outputPath('first-screen.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

test('the page cannot reach the services without the per-run token', async ({ wizard, harness }) => {
  test.skip(harness === null, 'the token applies to the web host only');
  const status = await wizard.evaluate(async () => {
    const answer = await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return answer.status;
  });
  expect(status).toBe(403);
});
