import { idpMetadataXml } from '../support/idp-metadata';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { CONNECTION_ID, checkStep, next, savedFile, stepHeading } from './step-check';
import { DEFAULT_TEST_USER, createTestSigningKey, startSamlpIdp, type Misconfiguration, type RunningIdp, type TestSigningKey } from '../support/idps';
import type { E2eHarness } from './fixtures';

const ACS_URL = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`;
const ENTITY_ID = `urn:flex:${CONNECTION_ID}`;

interface Setup {
  idpRadio: RegExp | string;
  /** How the IdP's values come back: its metadata file, or typed by hand. */
  valuesBy: 'metadata-file' | 'typed';
  customer: string;
  prefix: string;
}

function metadataXml(idp: RunningIdp): string {
  return idpMetadataXml({ issuer: idp.issuer, certPem: idp.certPem, ssoUrl: idp.ssoUrl });
}

/** Customer → product → IdP → ids → configure → bring back → Console, screenshotted and checked with axe at each step. */
async function walkToTestStep(wizard: Page, testInfo: TestInfo, idp: RunningIdp, setup: Setup, clipboardText: () => Promise<string>): Promise<void> {
  await wizard.getByLabel('Customer name').fill(setup.customer);
  await expect.soft(wizard.getByTestId('save-state'), 'autosave to the profile').toHaveText('Saved');
  await checkStep(wizard, testInfo, `${setup.prefix}-1-customer`);
  await next(wizard);

  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await checkStep(wizard, testInfo, `${setup.prefix}-2-product`);
  await next(wizard);

  await wizard.getByRole('radio', { name: setup.idpRadio }).check();
  await checkStep(wizard, testInfo, `${setup.prefix}-3-idp`);
  await next(wizard);

  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await checkStep(wizard, testInfo, `${setup.prefix}-4-ids`);
  await next(wizard);

  await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
  // Each value has a copy button that confirms; what lands on the clipboard is the exact value.
  const firstCopy = wizard.getByTestId('copy-value').filter({ hasText: ACS_URL }).first();
  await firstCopy.getByRole('button', { name: /^Copy/ }).click();
  await expect(firstCopy.getByRole('status')).toHaveText('Copied');
  expect(await clipboardText()).toBe(ACS_URL);
  await checkStep(wizard, testInfo, `${setup.prefix}-5-configure`);
  await wizard.locator('main [data-testid="section-idp-setup"]').last().scrollIntoViewIfNeeded();
  await checkStep(wizard, testInfo, `${setup.prefix}-5-configure-artifacts`);
  await next(wizard);

  await expect(stepHeading(wizard)).toHaveText('Bring back the identity provider\u2019s values');
  if (setup.valuesBy === 'metadata-file') {
    await wizard
      .getByLabel('Metadata XML file')
      .setInputFiles({ name: 'idp-metadata.xml', mimeType: 'application/xml', buffer: Buffer.from(metadataXml(idp)) });
    await expect(wizard.getByText(/Filled in from the file idp-metadata.xml/)).toBeVisible();
  } else {
    await wizard.getByLabel(/^Signing certificate/).fill(idp.certPem);
    await wizard.getByLabel(/^Issuer/).fill(idp.issuer);
    await wizard.getByLabel(/^Single sign-on URL/).fill(idp.ssoUrl);
  }
  await expect(wizard.getByLabel(/^Issuer/)).toHaveValue(idp.issuer);
  await expect(wizard.getByLabel(/^Single sign-on URL/)).toHaveValue(idp.ssoUrl);
  await expect(wizard.getByTestId('certificate-facts')).toContainText('Certificate valid until');
  await checkStep(wizard, testInfo, `${setup.prefix}-6-bring-back`);
  await next(wizard);

  await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
  await expect(wizard.getByTestId('copy-label').first()).toBeVisible();
  const labels = await wizard.getByTestId('copy-label').allTextContents();
  expect(labels.slice(0, 4)).toEqual(['Friendly Name', 'X.509 Certificate', 'Identity Provider Issuer', 'Single Sign-On URL']);
  await wizard.getByLabel(/Trusted Domains/).fill('*.example.com');
  await expect(wizard.getByText(/enhanced SSO does not accept wildcards/)).toBeVisible();
  await wizard.getByLabel(/Trusted Domains/).fill('https://flex.example.com');
  await checkStep(wizard, testInfo, `${setup.prefix}-7-console`);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Test a login');
}

/** SP-initiated, as a user opening Flex: the admin types the user's credentials into the IdP's own form. */
async function runTestLoginWithForm(wizard: Page, harness: E2eHarness): Promise<void> {
  await expect(wizard.getByRole('checkbox', { name: 'Let this login continue to Twilio' })).not.toBeChecked();
  await wizard.getByRole('button', { name: /Start the test login|Test again/ }).click();
  // The button is disabled while the test runs: focus goes to what is happening, not to the page.
  await expect(wizard.getByTestId('test-phase')).toBeFocused();
  const idpPage = await harness.loginPages.next();
  await idpPage.waitForLoadState();
  await expect(wizard.getByTestId('test-phase')).toContainText(/Waiting for you to sign in|Opening the test window/);
  await idpPage.fill('input[name=username]', DEFAULT_TEST_USER.username);
  await idpPage.fill('input[name=password]', DEFAULT_TEST_USER.password);
  await idpPage.click('button[type=submit]');
  await expect(wizard.getByTestId('test-verdict')).toBeVisible({ timeout: 60_000 });
  // The verdict is what the admin waited for: it takes focus.
  await expect(wizard.getByTestId('test-verdict')).toBeFocused();
}

/** IdP-initiated, from the IdP's launch link, where the user already has a session (no form). */
async function runTestLoginFromIdp(wizard: Page, idp: RunningIdp): Promise<void> {
  await wizard.getByRole('radio', { name: /own launch link/ }).check();
  await wizard.getByLabel('Launch URL').fill(idp.autoLoginUrl);
  await wizard.getByRole('button', { name: /Start the test login|Test again/ }).click();
  await expect(wizard.getByTestId('test-verdict')).toBeVisible({ timeout: 60_000 });
}

let key: TestSigningKey;
test.beforeAll(() => {
  key = createTestSigningKey();
});
test.afterAll(() => key?.dispose());

async function withIdp(misconfiguration: Misconfiguration | undefined, use: (idp: RunningIdp) => Promise<void>): Promise<void> {
  const idp = await startSamlpIdp({ key, acsUrl: ACS_URL, audience: ENTITY_ID, issuer: 'urn:test:wizard-idp', misconfiguration });
  try {
    await use(idp);
  } finally {
    await idp.close();
  }
}

for (const setup of [
  { idpRadio: 'Okta', valuesBy: 'metadata-file', customer: 'Contoso on Okta', prefix: 'okta' },
  { idpRadio: /Entra ID/, valuesBy: 'typed', customer: 'Fabrikam on Entra ID', prefix: 'entra' },
] satisfies Setup[]) {
  test(`a whole enhanced-SSO setup with ${setup.prefix}: captured test login and export`, async ({
    wizard,
    harness,
    consoleErrors,
    clipboardText,
  }, testInfo) => {
    test.setTimeout(180_000);
    await withIdp(undefined, async (idp) => {
      await walkToTestStep(wizard, testInfo, idp, setup, clipboardText);
      await checkStep(wizard, testInfo, `${setup.prefix}-8-test-before`);
      await runTestLoginWithForm(wizard, harness!);
      await expect(wizard.getByTestId('test-verdict')).toContainText('The login works');
      const worker = wizard.getByTestId('worker-preview');
      await expect(worker).toContainText('ada.lovelace@example.com');
      await expect(worker).toContainText('Ada Lovelace');
      // The login stayed on this computer: no Worker exists, so no comparison is offered.
      await expect(wizard.getByTestId('worker-compare')).toHaveCount(0);
      await checkStep(wizard, testInfo, `${setup.prefix}-8-test-passed`);
      await next(wizard);

      await expect(stepHeading(wizard)).toHaveText('Summary and export');
      await expect(wizard.getByRole('table', { name: 'Summary of this setup' })).toContainText('passed');
      // The guides' last check, offered last: a real "Login with SSO", billed, then the Worker compared with this test's preview.
      const finalCheck = wizard.getByTestId('final-check');
      await expect(finalCheck).toContainText('Login with SSO');
      await expect(finalCheck).toContainText('This login is real and billed');
      expect((await finalCheck.textContent()) ?? '', 'no parentheses inside parentheses').not.toMatch(/\([^()]*\([^()]*\)[^()]*\)/);
      await expect(finalCheck.getByRole('button', { name: 'Compare with the real Worker' })).toBeEnabled();
      const exportedPath = async () => {
        await expect(wizard.getByTestId('export-status')).toContainText('Saved to', { timeout: 60_000 });
        return (await wizard.getByTestId('export-status').textContent())!.match(/Saved to (.+?) \(/)![1]!;
      };
      const markdownFile = await savedFile(wizard, harness!.exportsDir, () => wizard.getByRole('button', { name: 'Markdown' }).click(), exportedPath);
      expect(markdownFile.name).toBe(`flex-sso-${setup.customer.replace(/\s+/g, '-')}.md`);
      const markdown = markdownFile.content.toString('utf8');
      expect(markdown).toContain(ACS_URL);
      expect(markdown).toContain(idp.issuer);
      expect(markdown).toContain('Last check (optional): a real login with "Login with SSO"');
      expect(markdown).toContain('- [ ] Done');
      // The header says where the customer stands; the export speaks without the wizard around it.
      expect(markdown).toContain('- Test login: passed');
      expect(markdown).toMatch(/^- Signing certificate: valid until \d{1,2} \w+ \d{4}$/m);
      expect(markdown).toMatch(/^- Steps left: /m);
      expect(markdown).not.toMatch(/the wizard ticks|message above|as listed in the Twilio section/);
      // The values brought back are the ones to paste in the Console step, the IdP's field names only in words.
      expect(markdown).toContain(`**Identity Provider Issuer**\n\n\`\`\`\n${idp.issuer}\n\`\`\``);
      const pdfFile = await savedFile(wizard, harness!.exportsDir, () => wizard.getByRole('button', { name: 'PDF' }).click(), exportedPath);
      expect(pdfFile.content.subarray(0, 5).toString()).toBe('%PDF-');
      await wizard.getByRole('button', { name: 'Copy all' }).click();
      expect(await clipboardText()).toContain(ENTITY_ID);
      await checkStep(wizard, testInfo, `${setup.prefix}-9-summary`);
    });
    expect(consoleErrors).toEqual([]);
  });
}

test('a failing login shows its diagnosis, each finding with its fix in the IdP\u2019s words', async ({ wizard, consoleErrors, clipboardText }, testInfo) => {
  test.setTimeout(180_000);
  await withIdp({ namespacedClaims: true }, async (idp) => {
    await walkToTestStep(
      wizard,
      testInfo,
      idp,
      { idpRadio: /Entra ID/, valuesBy: 'typed', customer: 'Tailspin (broken claims)', prefix: 'failing' },
      clipboardText,
    );
    await runTestLoginFromIdp(wizard, idp);
    await expect(wizard.getByTestId('test-verdict')).toContainText('The login would fail');
    const namespaced = wizard.locator('[data-testid="finding"][data-code="namespaced-claim"]').first();
    await expect(namespaced).toBeVisible();
    await expect(namespaced).toContainText('How to fix it');
    await expect(namespaced).toContainText('Namespace');
    // The finding's internal code is not shown as if the admin needed it.
    await expect(wizard.getByTestId('diagnosis')).not.toContainText('(namespaced-claim)');
    await checkStep(wizard, testInfo, 'failing-8-diagnosis');
  });
  expect(consoleErrors).toEqual([]);
});
