/**
 * The wizard against an IdP nobody here wrote: Debian's SimpleSAMLphp 1.19 with its own login form
 * (exampleauth:UserPass). The admin walks the wizard, starts the test login, types the user's
 * credentials into SimpleSAMLphp's page, and the wizard shows the verdict and the Worker preview.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CONNECTION_ID, checkStep, next, stepHeading } from './step-check';
import { DEFAULT_TEST_USER, createTestSigningKey, type TestSigningKey } from '../support/idps';
import { simpleSamlPhpForTests, startSimpleSamlPhp, type RunningSimpleSamlPhp } from '../support/idps/simplesamlphp';

const ACS_URL = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`;
const ENTITY_ID = `urn:flex:${CONNECTION_ID}`;
const php = simpleSamlPhpForTests('the wizard walk through SimpleSAMLphp');

let key: TestSigningKey;
let idp: RunningSimpleSamlPhp | null = null;
test.beforeAll(async () => {
  if (!php) return;
  key = createTestSigningKey('SimpleSAMLphp wizard IdP', 400);
  idp = await startSimpleSamlPhp(php, { key, login: 'form', sps: [{ entityId: ENTITY_ID, acsUrl: ACS_URL }], issuer: 'urn:test:simplesamlphp-wizard' });
});
test.afterAll(async () => {
  await idp?.close();
  key?.dispose();
});

/** Customer → product → IdP → ids → configure → bring back (typed) → Console → test step. */
async function walkToTestStep(wizard: Page, running: RunningSimpleSamlPhp): Promise<void> {
  await wizard.getByLabel('Customer name').fill('Northwind on SimpleSAMLphp');
  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await next(wizard);
  await wizard.getByRole('radio', { name: /Another SAML 2.0 identity provider/ }).check();
  await next(wizard);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Bring back the identity provider\u2019s values');
  await wizard.getByLabel(/^Signing certificate/).fill(running.certPem);
  await wizard.getByLabel(/^Issuer/).fill(running.issuer);
  await wizard.getByLabel(/^Single sign-on URL/).fill(running.ssoUrl);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Test a login');
}

test('a test login typed into SimpleSAMLphp\u2019s own sign-in form reaches a verdict', async ({ wizard, harness, consoleErrors }, testInfo) => {
  test.skip(!php, 'SimpleSAMLphp is not installed (apt-get install simplesamlphp php-cli php-xml php-mbstring)');
  test.skip(harness === null, 'the login browser is the web harness\u2019s');
  test.setTimeout(120_000);
  await walkToTestStep(wizard, idp!);
  await wizard.getByRole('button', { name: /Start the test login|Test again/ }).click();
  const idpPage = await harness!.loginPages.next();
  // SimpleSAMLphp's exampleauth:UserPass page, as SimpleSAMLphp renders it.
  await idpPage.getByLabel('Username').fill(DEFAULT_TEST_USER.username);
  await idpPage.getByLabel('Password').fill('not the password');
  await idpPage.getByRole('button', { name: 'Login' }).click();
  await expect(idpPage.getByText(/Incorrect username or password/i)).toBeVisible();
  await expect(wizard.getByTestId('test-phase')).toContainText(/Waiting for you to sign in/);
  await idpPage.getByLabel('Password').fill(DEFAULT_TEST_USER.password);
  await idpPage.getByRole('button', { name: 'Login' }).click();
  const verdict = wizard.getByTestId('test-verdict');
  await expect(verdict).toBeVisible({ timeout: 60_000 });
  await expect(verdict).toContainText('The login works');
  const worker = wizard.getByTestId('worker-preview');
  await expect(worker).toContainText(DEFAULT_TEST_USER.email);
  await expect(worker).toContainText(DEFAULT_TEST_USER.fullName);
  await checkStep(wizard, testInfo, 'simplesamlphp-test-passed');
  expect(consoleErrors).toEqual([]);
});
