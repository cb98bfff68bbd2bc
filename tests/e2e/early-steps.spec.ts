import { test, expect } from './fixtures';
import { ACCOUNT_SID, CONNECTION_ID, checkStep, next, stepHeading } from './step-check';

test('customer, product, identity provider and ids, with the rule named as the admin types', async ({ wizard, consoleErrors }, testInfo) => {
  // Trying to move on with nothing typed names what is missing, in a summary and at the field, which takes focus.
  await next(wizard);
  await expect(wizard.getByTestId('error-summary')).toContainText('Give the customer a name');
  await expect(wizard.getByLabel('Customer name')).toBeFocused();
  await wizard.getByLabel('Customer name').fill('Contoso Support');
  await checkStep(wizard, testInfo, '01-customer');
  await next(wizard);

  await expect(stepHeading(wizard)).toHaveText('Which Twilio product, and which kind of SSO?');
  await expect(stepHeading(wizard)).toBeFocused();
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await checkStep(wizard, testInfo, '02-product');
  await next(wizard);

  await expect(stepHeading(wizard)).toHaveText('Where do the users sign in?');
  await wizard.getByRole('radio', { name: 'Okta' }).check();
  await expect(wizard.getByText('Audience URI (SP Entity ID)', { exact: false })).toBeVisible();
  await checkStep(wizard, testInfo, '03-idp');
  await next(wizard);

  await expect(stepHeading(wizard)).toHaveText('The ids from Twilio');
  const id = wizard.getByLabel('SSO connection id');
  // A Flex instance SID pasted by mistake: the message says which kind of SID it is.
  await id.fill('FO0123456789abcdef0123456789abcdef');
  await expect(wizard.getByText(/starts with JQ; this starts with "?FO"?, which is a Flex instance SID/)).toBeVisible();
  await id.fill('JQ0123456789abcdef');
  await expect(wizard.getByText(/some were cut off/)).toBeVisible();
  await checkStep(wizard, testInfo, '04-ids-invalid');
  await id.fill(CONNECTION_ID);
  await expect(wizard.getByText(`https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`)).toBeVisible();
  await expect(wizard.getByText(`urn:flex:${CONNECTION_ID}`)).toBeVisible();
  await checkStep(wizard, testInfo, '04-ids-valid');

  // Going back keeps everything.
  const rail = wizard.getByRole('navigation', { name: 'Setup steps' });
  await rail.getByRole('button', { name: /1\. Customer/ }).click();
  await expect(wizard.getByLabel('Customer name')).toHaveValue('Contoso Support');
  await rail.getByRole('button', { name: /4\. Twilio ids/ }).click();
  await expect(wizard.getByLabel('SSO connection id')).toHaveValue(CONNECTION_ID);
  expect(consoleErrors).toEqual([]);
});

test('legacy SSO is shown as retired, with the migration paths and old and new values side by side', async ({ wizard, consoleErrors, harness }, testInfo) => {
  await wizard.getByLabel('Customer name').fill('Fabrikam');
  await next(wizard);
  await wizard.getByRole('radio', { name: /legacy SSO/ }).check();
  await expect(wizard.getByText('Legacy SSO is retired')).toBeVisible();
  await next(wizard);
  await expect(wizard.getByTestId('error-summary')).toContainText('Choose how you want to move to enhanced SSO.');
  await expect(wizard.getByRole('radio', { name: /Create a new IdP app/ })).toBeFocused();
  await wizard.getByRole('radio', { name: /Create a new IdP app/ }).check();
  // The choice is kept in the profile itself (not in the window's storage).
  if (harness) {
    await expect.poll(async () => (await harness.services.profiles.list()).profiles[0]?.migration).toBe('create-new-app');
  }
  expect(await wizard.evaluate(() => window.localStorage.length)).toBe(0);
  await checkStep(wizard, testInfo, 'legacy-product');
  await next(wizard);
  await wizard.getByRole('radio', { name: /Entra ID/ }).check();
  await next(wizard);
  await wizard.getByLabel(/Account SID/).fill(ACCOUNT_SID);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  const table = wizard.getByRole('table', { name: 'Legacy and enhanced values' });
  await expect(table.getByText(`https://iam.twilio.com/v1/Accounts/${ACCOUNT_SID}/saml2`, { exact: true })).toBeVisible();
  await expect(table.getByText(`urn:flex:${CONNECTION_ID}`)).toBeVisible();
  await checkStep(wizard, testInfo, 'legacy-ids');
  expect(consoleErrors).toEqual([]);
});

test('keyboard only: the admin reaches every control and moves with the rail', async ({ wizard, consoleErrors }, testInfo) => {
  // The rail comes first in the tab order, then the customer name.
  await wizard.getByRole('button', { name: /1\. Customer/ }).focus();
  await wizard.keyboard.press('Tab');
  await expect(wizard.getByLabel('Customer name')).toBeFocused();
  await wizard.keyboard.type('Northwind');
  // On to the Next button and press it.
  for (let index = 0; index < 10; index += 1) {
    if (await wizard.getByRole('button', { name: /^Next:/ }).evaluate((element) => element === document.activeElement)) break;
    await wizard.keyboard.press('Tab');
  }
  await expect(wizard.getByRole('button', { name: /^Next:/ })).toBeFocused();
  await checkStep(wizard, testInfo, 'keyboard-focus-visible');
  await wizard.keyboard.press('Enter');
  await expect(stepHeading(wizard)).toBeFocused();
  // After the heading, the step's help link, then the product options; arrow keys choose within them.
  await expect(wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ })).toBeVisible();
  await wizard.keyboard.press('Tab');
  await expect(wizard.getByRole('navigation', { name: 'Help for this step' }).getByRole('link')).toBeFocused();
  await wizard.keyboard.press('Tab');
  await expect(wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ })).toBeFocused();
  await wizard.keyboard.press('Space');
  await expect(wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ })).toBeChecked();
  expect(consoleErrors).toEqual([]);
});

test('dark theme follows the system and stays readable', async ({ wizard, consoleErrors }, testInfo) => {
  await wizard.emulateMedia({ colorScheme: 'dark' });
  await wizard.getByLabel('Customer name').fill('Dark Co');
  await next(wizard);
  await wizard.getByRole('radio', { name: /legacy SSO/ }).check();
  await expect(wizard.getByText('Legacy SSO is retired')).toBeVisible();
  const background = await wizard.locator('body > #root > div').evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(background).not.toBe('rgb(255, 255, 255)');
  await checkStep(wizard, testInfo, 'dark-product');
  expect(consoleErrors).toEqual([]);
});
