/**
 * Issue 11 in the wizard: Frontline reads as its own product on every screen, legacy SSO follows
 * today's date, and the Auth0 Action gets the application's Client ID.
 */
import type { Page } from '@playwright/test';
import { firstFlexOnlyWord } from '../support/flex-only-words';
import { createTestSigningKey } from '../support/idps';
import { test, expect } from './fixtures';
import { ACCOUNT_SID, CONNECTION_ID, checkStep, next, stepHeading } from './step-check';

const HEX = '0123456789abcdef0123456789abcdef';
const REALM_SID = `JB${HEX}`;
const WORKSPACE_ID = `WS${HEX}`;
const AUTH0_CLIENT_ID = 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww';

/** The step's own content (the header names the app, "Flex SSO Wizard", on every screen). */
async function stepText(wizard: Page): Promise<string> {
  return (await wizard.locator('main').innerText()).replace(/\s+/g, ' ');
}

async function expectNoFlexWords(wizard: Page, step: string): Promise<void> {
  expect(firstFlexOnlyWord(await stepText(wizard)), step).toBeNull();
}

test('Frontline reads as Frontline on every screen: closed-to-new-customers note, Workspace ID asked and checked, no Flex-only word', async ({
  wizard,
  consoleErrors,
}, testInfo) => {
  const key = createTestSigningKey('Frontline test IdP');
  try {
    await wizard.getByLabel('Customer name').fill('Owl Shoes');
    await next(wizard);

    // The product choice itself says Frontline is closed to new customers, with the date.
    const frontline = wizard.getByRole('radio', { name: /^Frontline/ });
    await expect(wizard.getByText(/Closed to new customers since 9 February 2023/)).toBeVisible();
    await frontline.check();
    await expect(wizard.getByTestId('frontline-closed')).toContainText('closed to new customers since 9 February 2023');
    await next(wizard);

    await wizard.getByRole('radio', { name: 'Microsoft Entra ID (Azure AD)', exact: true }).check();
    await expectNoFlexWords(wizard, 'identity provider');
    await next(wizard);

    // The Realm SID pasted as the ACS URL the Frontline console shows: the id is read out of it.
    await expect(stepHeading(wizard)).toHaveText('The ids from Twilio');
    const realm = wizard.getByLabel('Realm SID');
    await realm.fill(`https://iam.twilio.com/v2/saml2/authenticate/${REALM_SID}`);
    await expect(realm).toHaveValue(REALM_SID);
    await expect(wizard.getByTestId('id-read')).toContainText(`Read the Realm SID ${REALM_SID} from the ACS URL.`);
    // The Workspace ID is asked for and explained; its form is not published, so any value is taken,
    // one unlike a workspace SID with a gentle note (never an error), a workspace SID silently.
    const workspace = wizard.getByLabel(/^Workspace ID/);
    await expect(
      wizard.getByText("Copy it exactly as the Frontline console's SSO page shows it. Twilio's guides do not describe its form.", { exact: false }),
    ).toBeVisible();
    await workspace.fill('owl-shoes');
    const note = wizard.getByText(/This does not look like a workspace SID .*If it is exactly what the Frontline console's SSO page shows, keep it\./);
    await expect(note).toBeVisible();
    await expect(workspace).not.toHaveAttribute('aria-invalid', 'true');
    await workspace.fill(WORKSPACE_ID);
    await expect(note).toBeHidden();
    await expectNoFlexWords(wizard, 'ids');
    await checkStep(wizard, testInfo, 'frontline-ids');
    await next(wizard);

    await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
    // The roles are in the folded details: open them.
    await wizard.getByRole('button', { name: 'Roles', exact: true }).click();
    await expect(wizard.getByText('Frontline has one role: agent.', { exact: false })).toBeVisible();
    await expectNoFlexWords(wizard, 'configure');
    await next(wizard);

    await wizard.getByLabel(/^Signing certificate/).fill(key.certPem);
    await wizard.getByLabel(/^Issuer/).fill('https://sts.windows.net/0f0e0d0c-0b0a-0908-0706-050403020100/');
    await wizard.getByLabel(/^Single sign-on URL/).fill('https://login.microsoftonline.com/0f0e0d0c-0b0a-0908-0706-050403020100/saml2');
    await expectNoFlexWords(wizard, 'bring back');
    await next(wizard);

    await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
    await expect(wizard.getByTestId('copy-value').filter({ hasText: WORKSPACE_ID })).toBeVisible();
    await expect(wizard.getByText('Let the wizard read Twilio (optional)')).toBeHidden();
    await expectNoFlexWords(wizard, 'console');
    await checkStep(wizard, testInfo, 'frontline-console');
    await next(wizard);

    await expect(stepHeading(wizard)).toHaveText('Test a login');
    await wizard.getByRole('checkbox', { name: 'Let this login continue to Twilio' }).check();
    await expect(wizard.getByText('This signs the user in to Frontline for real')).toBeVisible();
    await expectNoFlexWords(wizard, 'test');
    await wizard.getByRole('checkbox', { name: 'Let this login continue to Twilio' }).uncheck();
    await next(wizard);

    await expect(stepHeading(wizard)).toHaveText('Summary and export');
    await expect(wizard.getByTestId('final-check')).toContainText('Last check: sign in to Frontline');
    await expectNoFlexWords(wizard, 'summary');
    expect(consoleErrors).toEqual([]);
  } finally {
    key.dispose();
  }
});

test("legacy SSO follows today's date: a move to make before 31 March 2026, retired after it", async ({ wizard, consoleErrors }, testInfo) => {
  await wizard.clock.setFixedTime(new Date('2026-03-30T12:00:00Z'));
  await wizard.getByLabel('Customer name').fill('Fabrikam');
  await next(wizard);
  await wizard.getByRole('radio', { name: /^Flex \(legacy SSO\)/ }).check();
  await expect(wizard.getByTestId('legacy-status')).toContainText('Legacy SSO must move by 31 March 2026');
  await expect(wizard.getByRole('radio', { name: /^Flex \(legacy SSO\)/ })).not.toHaveAccessibleName(/retired/);

  await wizard.clock.setFixedTime(new Date('2026-11-30T12:00:00Z'));
  // Re-render the step with the new date.
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await wizard.getByRole('radio', { name: /^Flex \(legacy SSO\)/ }).check();
  await expect(wizard.getByTestId('legacy-status')).toContainText('Legacy SSO is retired');
  await expect(wizard.getByTestId('legacy-status')).toContainText('may stop working at any time');
  await expect(wizard.getByRole('radio', { name: /^Flex \(legacy SSO\)/ })).toHaveAccessibleName(/retired/);
  await wizard.getByRole('radio', { name: /Modify the existing IdP app/ }).check();
  await expect(wizard.getByText(/Every login fails from the moment one side changes/)).toBeVisible();
  await checkStep(wizard, testInfo, 'legacy-retired');
  await next(wizard);
  await wizard.getByRole('radio', { name: 'Okta', exact: true }).check();
  await next(wizard);
  await wizard.getByLabel(/Account SID/).fill(ACCOUNT_SID);
  await wizard.getByLabel('SSO connection id').fill(`urn:flex:${CONNECTION_ID}`);
  await expect(wizard.getByLabel('SSO connection id')).toHaveValue(CONNECTION_ID);
  await next(wizard);
  // The IdP steps are the move (the chosen path), never a fresh legacy setup.
  await expect(wizard.getByText('Modify the existing IdP app (your choice)')).toBeVisible();
  await expect(wizard.getByText(/only the ACS URL and the Entity ID change/)).toBeVisible();
  // Only the chosen path is told; the other is named, and the choice can be changed from here.
  await expect(wizard.getByText(/Create a new IdP app \(/)).toHaveCount(0);
  await expect(wizard.getByText(/users keep signing in through the legacy app/)).toHaveCount(0);
  await expect(wizard.getByText(/The Console also offers "Create a new IdP app"/)).toBeVisible();
  await expect(wizard.getByText(/The legacy settings stay available for 30 days after the switch/)).toBeVisible();
  await wizard.getByRole('button', { name: 'Change the migration path' }).click();
  await expect(wizard.getByRole('radio', { name: /Modify the existing IdP app/ })).toBeChecked();
  await expect(wizard.getByTestId('copy-value').filter({ hasText: `https://iam.twilio.com/v1/Accounts/${ACCOUNT_SID}/saml2` })).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test("Auth0: the Action appears only with the application's Client ID, which the metadata URL also gives", async ({ wizard, consoleErrors }, testInfo) => {
  await wizard.getByLabel('Customer name').fill('Tailspin');
  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await next(wizard);
  await wizard.getByRole('radio', { name: 'Auth0', exact: true }).check();
  await next(wizard);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await next(wizard);

  await expect(wizard.getByTestId('auth0-client-id')).toBeVisible();
  await expect(wizard.getByText(/The code appears here once the wizard has the Client ID/)).toBeVisible();
  await expect(wizard.locator('[data-artifact="auth0-post-login-action"]')).toHaveCount(0);
  // Next names the missing Client ID.
  await next(wizard);
  await expect(wizard.getByTestId('error-summary')).toContainText(/The Auth0 Client ID is required/);
  const field = wizard.getByLabel('Client ID of the Auth0 application');
  await field.fill(AUTH0_CLIENT_ID.slice(0, 20));
  await expect(wizard.getByText(/32 letters and digits; this one has 20/).first()).toBeVisible();
  await field.fill(`https://tailspin.us.auth0.com/samlp/metadata/${AUTH0_CLIENT_ID}`);
  await expect(field).toHaveValue(AUTH0_CLIENT_ID);
  const action = wizard.locator('[data-artifact="auth0-post-login-action"]');
  await expect(action).toContainText('auth0-post-login-action.js');
  await action.getByRole('button', { name: 'Show' }).click();
  await expect(action).toContainText(`const TWILIO_CLIENT_ID = '${AUTH0_CLIENT_ID}';`);
  await expect(wizard.getByText(/Allowed Logout URLs \(unverified\)/)).toBeVisible();
  await expect(wizard.locator('main')).not.toContainText('urn:auth0:');
  await checkStep(wizard, testInfo, 'auth0-client-id');
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Bring back the identity provider\u2019s values');
  expect(consoleErrors).toEqual([]);
});
