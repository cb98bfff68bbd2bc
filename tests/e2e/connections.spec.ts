import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CONNECTION_ID, checkStep, next, stepHeading } from './step-check';

const ENTRA_ISSUER = 'https://sts.windows.net/0f0e0d0c-0b0a-0908-0706-050403020100/';
const OKTA_ISSUER = 'http://www.okta.com/exk1contractors';
const CONTRACTORS_CONNECTION_ID = 'JQfedcba9876543210fedcba9876543210';
const CONTRACTORS_ACS_URL = `https://login.flex.ie1.twilio.com/login/callback?connection=${CONTRACTORS_CONNECTION_ID}`;

async function railTo(wizard: Page, name: RegExp): Promise<void> {
  await wizard.getByRole('navigation', { name: 'Setup steps' }).getByRole('button', { name }).click();
}

test('two IdP connections on one customer: staff on Entra ID, contractors on Okta, each keeping its own values', async ({
  wizard,
  harness,
  consoleErrors,
}, testInfo) => {
  await wizard.getByLabel('Customer name').fill('Contoso');
  await expect(wizard.getByTestId('save-state')).toHaveText('Saved');
  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await next(wizard);

  // The first connection: staff on Entra ID.
  await expect(stepHeading(wizard)).toHaveText('Where do the users sign in?');
  await wizard.getByRole('radio', { name: 'Microsoft Entra ID (Azure AD)', exact: true }).check();
  await wizard.getByLabel('Name of this connection').fill('Staff');
  await next(wizard);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await next(wizard);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Bring back the identity provider\u2019s values');
  await wizard.getByLabel(/^Issuer/).fill(ENTRA_ISSUER);

  // A second connection: contractors on Okta.
  await railTo(wizard, /3\. Identity provider/);
  await wizard.getByRole('button', { name: 'Add another connection' }).click();
  const chooser = wizard.getByRole('radiogroup', { name: 'Connection you are working on' });
  await expect(chooser.getByRole('radio')).toHaveCount(2);
  await expect(wizard.getByLabel('Name of this connection')).toHaveValue('');
  await expect(wizard.getByRole('radio', { name: 'Microsoft Entra ID (Azure AD)', exact: true })).not.toBeChecked();
  await wizard.getByLabel('Name of this connection').fill('Contractors');
  await wizard.getByRole('radio', { name: 'Okta', exact: true }).check();
  await expect(chooser.getByRole('radio', { name: 'Contractors (Okta)' })).toBeChecked();
  await checkStep(wizard, testInfo, 'connections-two');
  await next(wizard);
  // Each IdP is an SSO connection of its own in the Twilio Console, with its own id. This one is
  // pasted as the ACS URL the Console shows (another host than the usual one): the id is read out
  // of it and the ACS URL is kept as given.
  const contractorsId = wizard.getByLabel('SSO connection id of Contractors');
  await expect(contractorsId).toHaveValue('');
  await contractorsId.fill(CONTRACTORS_ACS_URL);
  await expect(contractorsId).toHaveValue(CONTRACTORS_CONNECTION_ID);
  await expect(wizard.getByTestId('console-acs-host')).toContainText('login.flex.ie1.twilio.com');
  await expect(wizard.getByText(CONTRACTORS_ACS_URL, { exact: true })).toBeVisible();
  await checkStep(wizard, testInfo, 'connections-own-id');
  await next(wizard);
  await next(wizard);
  await expect(wizard.getByLabel(/^Issuer/)).toHaveValue('');
  await wizard.getByLabel(/^Issuer/).fill(OKTA_ISSUER);
  await expect(wizard.getByRole('banner')).toContainText('Contoso · Contractors');

  // Back and forth: each connection comes back with its own values.
  await railTo(wizard, /3\. Identity provider/);
  await chooser.getByRole('radio', { name: /^Staff/ }).check();
  await expect(wizard.getByLabel('Name of this connection')).toHaveValue('Staff');
  await expect(wizard.getByRole('radio', { name: 'Microsoft Entra ID (Azure AD)', exact: true })).toBeChecked();
  await railTo(wizard, /6\. Bring back/);
  await expect(wizard.getByLabel(/^Issuer/)).toHaveValue(ENTRA_ISSUER);
  await expect(wizard.getByRole('banner')).toContainText('Contoso · Staff');
  await railTo(wizard, /4\. Twilio ids/);
  await expect(wizard.getByLabel('SSO connection id of Staff')).toHaveValue(CONNECTION_ID);
  await expect(wizard.getByText(`https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`, { exact: true })).toBeVisible();

  await railTo(wizard, /3\. Identity provider/);
  await chooser.getByRole('radio', { name: 'Contractors (Okta)' }).check();
  await expect(wizard.getByRole('radio', { name: 'Okta', exact: true })).toBeChecked();
  await railTo(wizard, /6\. Bring back/);
  await expect(wizard.getByLabel(/^Issuer/)).toHaveValue(OKTA_ISSUER);

  // Both are in the saved profile.
  if (harness) {
    await expect
      .poll(async () =>
        (await harness.services.profiles.list()).profiles[0]?.connections.map((c) => [
          c.label,
          c.idp,
          c.idpValues.issuer,
          c.ssoConnection.connectionId,
          c.ssoConnection.acsUrl,
        ]),
      )
      .toEqual([
        ['Staff', 'azure-ad', ENTRA_ISSUER, CONNECTION_ID, ''],
        ['Contractors', 'okta', OKTA_ISSUER, CONTRACTORS_CONNECTION_ID, CONTRACTORS_ACS_URL],
      ]);
  }

  // Remove the contractors' connection (after a confirmation); the last one cannot be removed.
  await railTo(wizard, /3\. Identity provider/);
  await wizard.getByRole('button', { name: 'Remove Contractors' }).click();
  await expect(wizard.getByRole('dialog')).toContainText('Remove the connection Contractors?');
  await checkStep(wizard, testInfo, 'connections-remove-dialog');
  await wizard.getByRole('dialog').getByRole('button', { name: 'Remove this connection' }).click();
  await expect(chooser).toBeHidden();
  await expect(wizard.getByLabel('Name of this connection')).toHaveValue('Staff');
  await expect(wizard.getByRole('radio', { name: 'Microsoft Entra ID (Azure AD)', exact: true })).toBeChecked();
  await expect(wizard.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  if (harness) {
    await expect.poll(async () => (await harness.services.profiles.list()).profiles[0]?.connections.map((c) => c.label)).toEqual(['Staff']);
  }
  expect(consoleErrors).toEqual([]);
});
