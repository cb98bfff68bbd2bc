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

test('the page cannot reach the services without the per-run token', async ({ wizard, harness }) => {
  test.skip(harness === null, 'the token applies to the web host only');
  const status = await wizard.evaluate(async () => {
    const answer = await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return answer.status;
  });
  expect(status).toBe(403);
});
