import { test, expect } from './fixtures';
import { checkStep } from './step-check';

test('the wizard opens on the customer step with every step in the rail', async ({ wizard, consoleErrors }, testInfo) => {
  await expect(wizard.getByRole('heading', { level: 1 })).toHaveText('Which customer are you setting up?');
  const rail = wizard.getByRole('navigation', { name: 'Setup steps' });
  await expect(rail.getByRole('button')).toHaveCount(9);
  await expect(rail.getByRole('button', { name: /1\. Customer/ })).toHaveAttribute('aria-current', 'step');
  // Later steps open only once the earlier ones are complete.
  await expect(rail.getByRole('button', { name: /2\. Product/ })).toBeDisabled();
  await checkStep(wizard, testInfo, 'first-screen');
  expect(consoleErrors).toEqual([]);
});

test('only this browser, signed in by its one-time launch link, reaches the services, and only through the bridge', async ({ wizard, harness }) => {
  test.skip(!harness?.host, 'the launch link and session apply to the web host only');
  // A call without the bridge's header (as a form posted from another page would be) is refused.
  const status = await wizard.evaluate(async () => {
    const answer = await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return answer.status;
  });
  expect(status).toBe(403);
  // The session cookie is HttpOnly: the page's script cannot read it.
  expect(await wizard.evaluate(() => document.cookie)).toBe('');
  // The launch link the fixture used is spent; a reload keeps the session.
  await wizard.reload();
  await expect(wizard.getByRole('heading', { level: 1 })).toHaveText('Which customer are you setting up?');
  const other = await wizard.context().browser()!.newContext();
  try {
    const stranger = await other.newPage();
    const answer = await stranger.goto(harness!.host!.origin);
    expect(answer?.status()).toBe(401);
    await expect(stranger.locator('body')).toHaveText('Open the wizard with the launch link printed in the terminal where it was started.');
  } finally {
    await other.close();
  }
});
