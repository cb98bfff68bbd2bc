/**
 * The wizard as a person uses it (issue 13): resume per customer, ticks that mean done, errors
 * brought into view, a short IdP step, exports through the browser's own download, plain words,
 * and the small things (help links, Enter, the saved list, Tab stops, dark native controls).
 * Each step is screenshotted at 1024×700 and checked with axe, light and dark.
 */
import type { Locator, Page } from '@playwright/test';
import ICAL from 'ical.js';
import { test, expect } from './fixtures';
import { CONNECTION_ID, checkStep, next, pathSaidIn, savedFile, stepHeading } from './step-check';
import { createTestSigningKey, type TestSigningKey } from '../support/idps';
import { idpMetadataXml } from '../support/idp-metadata';

const ACS_URL = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`;
const ENTITY_ID = `urn:flex:${CONNECTION_ID}`;
const ISSUER = 'http://www.okta.com/exk-journey';
const SSO_URL = 'https://contoso.okta.com/app/contoso_flex/exk-journey/sso/saml';

let key: TestSigningKey;
test.beforeAll(() => {
  key = createTestSigningKey('Journey test IdP');
});
test.afterAll(() => key?.dispose());

function rail(wizard: Page): Locator {
  return wizard.getByRole('navigation', { name: 'Setup steps' });
}

function railStep(wizard: Page, name: RegExp): Locator {
  return rail(wizard).getByRole('button', { name });
}

async function ticked(wizard: Page, name: RegExp): Promise<boolean> {
  return (await railStep(wizard, name).getAttribute('data-done')) === 'true';
}

/** Customer → Flex enhanced → Okta → ids, by keyboard where a user would use it (Enter moves on). */
async function walkToConfigure(wizard: Page, customer: string): Promise<void> {
  const name = wizard.getByLabel('Customer name');
  await name.fill(customer);
  await expect(wizard.getByTestId('save-state')).toHaveText('Saved');
  // Right after creation the list names the customer (not "No customer is saved yet").
  await expect(wizard.getByRole('table', { name: 'Saved customers' })).toContainText(customer);
  await name.press('Enter');
  await expect(stepHeading(wizard)).toHaveText('Which Twilio product, and which kind of SSO?');
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).press('Enter');
  await expect(stepHeading(wizard)).toHaveText('Where do the users sign in?');
  await wizard.getByRole('radio', { name: 'Okta', exact: true }).check();
  await next(wizard);
  // A whole ACS URL pasted in the id field: the id is read out of it.
  const id = wizard.getByLabel('SSO connection id');
  await id.fill(ACS_URL);
  await expect(id).toHaveValue(CONNECTION_ID);
  await id.press('Enter');
  await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
}

test('a customer resumes where it was left, ticks mean done, and opening a customer changes nothing', async ({
  wizard,
  harness,
  consoleErrors,
  clipboardText,
}, testInfo) => {
  test.setTimeout(150_000);
  const { profiles } = harness!.services;
  await profiles.create({ name: 'Fabrikam', mode: 'frontline' });
  await wizard.reload();
  await walkToConfigure(wizard, 'Contoso');

  // The IdP step: not done until its values were copied; then ticked.
  expect(await ticked(wizard, /5\. Set up the identity provider/)).toBe(false);
  const singleSignOn = wizard.getByTestId('copy-value').filter({ hasText: ACS_URL }).first();
  await singleSignOn.getByRole('button', { name: /^Copy/ }).click();
  expect(await clipboardText()).toBe(ACS_URL);
  await expect.poll(() => ticked(wizard, /5\. Set up the identity provider/)).toBe(true);
  await next(wizard);

  await wizard.getByLabel('Metadata XML', { exact: true }).fill(idpMetadataXml({ issuer: ISSUER, certPem: key.certPem, ssoUrl: SSO_URL }));
  await wizard.getByRole('button', { name: 'Read pasted metadata' }).click();
  await expect(wizard.getByTestId('metadata-imported')).toBeVisible();
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
  // Visited is not done: the Console step, the test and the summary are not ticked.
  await next(wizard);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Summary and export');
  for (const step of [/7\. Twilio Console/, /8\. Test login/, /9\. Summary/]) expect(await ticked(wizard, step), String(step)).toBe(false);
  expect(await ticked(wizard, /6\. Bring back/)).toBe(true);
  const left = wizard.getByTestId('whats-left-list');
  await expect(left).toContainText('7. Twilio Console');
  await expect(left).toContainText('8. Test login');
  await expect(left).not.toContainText('5. Set up the identity provider');
  await checkStep(wizard, testInfo, 'resume-summary-left');

  // Where Contoso was: the Console step (the last step visited before going to the customer list).
  await railStep(wizard, /7\. Twilio Console/).click();
  await expect.poll(async () => (await profiles.list()).profiles.find((item) => item.name === 'Contoso')?.wizardStep).toBe('console');
  const before = (await profiles.list()).profiles.map((item) => [item.name, item.updatedAt]);
  await railStep(wizard, /1\. Customer/).click();
  const table = wizard.getByRole('table', { name: 'Saved customers' });
  await table.getByRole('button', { name: 'Open Fabrikam' }).click();
  await expect(wizard.getByRole('banner')).toContainText('Fabrikam');
  await railStep(wizard, /1\. Customer/).click();
  await table.getByRole('button', { name: 'Open Contoso' }).click();
  await expect(stepHeading(wizard)).toHaveText('Fill in the Twilio Console');
  await expect.poll(() => ticked(wizard, /5\. Set up the identity provider/)).toBe(true);
  expect(await ticked(wizard, /8\. Test login/)).toBe(false);
  // Opening customers wrote nothing: "Last changed" and the order are as they were.
  await wizard.waitForTimeout(800);
  expect((await profiles.list()).profiles.map((item) => [item.name, item.updatedAt])).toEqual(before);
  expect(consoleErrors).toEqual([]);
});

test('Next with errors below the fold: the summary, the first field focused and in view; focus after reading metadata', async ({
  wizard,
  consoleErrors,
}, testInfo) => {
  await walkToConfigure(wizard, 'Northwind');
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Bring back the identity provider\u2019s values');
  await wizard.getByLabel(/^Single sign-on URL/).fill('sso.example.com');
  await next(wizard);
  const summary = wizard.getByTestId('error-summary');
  await expect(summary).toContainText('3 things to fix before the next step');
  await expect(summary).toContainText('Paste the signing certificate, or import the metadata.');
  // The label and its error use the same words.
  await expect(summary).toContainText('The single sign-on URL must be a full address');
  const certificate = wizard.getByLabel(/^Signing certificate/);
  await expect(certificate).toBeFocused();
  await expect(certificate).toBeInViewport();
  await checkStep(wizard, testInfo, 'errors-summary');
  // Each error in the summary takes the admin to its field.
  await summary.getByRole('button', { name: /single sign-on URL/ }).click();
  await expect(wizard.getByLabel(/^Single sign-on URL/)).toBeFocused();
  await expect(wizard.getByLabel(/^Single sign-on URL/)).toBeInViewport();

  // A certificate copied in part is said so, in words.
  await certificate.fill('MIIBijCCATGgAwIBAgIUbNh2tai6vdPXrqUdwo/6vnX2JTkwCgYIKoZIzj0EAwIw');
  await expect(wizard.getByText(/The certificate is cut short: part of its text is missing/).first()).toBeVisible();
  await expect(wizard.getByText(/DER/)).toHaveCount(0);

  // "Read pasted metadata": focus goes to what it filled in.
  await wizard.getByLabel('Metadata XML', { exact: true }).fill(idpMetadataXml({ issuer: ISSUER, certPem: key.certPem, ssoUrl: SSO_URL }));
  await wizard.getByRole('button', { name: 'Read pasted metadata' }).click();
  const imported = wizard.getByTestId('metadata-imported');
  await expect(imported).toBeFocused();
  await expect(imported).toContainText('Filled in from the pasted metadata. The signing certificate is the one issued to');
  await expect(imported).not.toContainText(/1 of 1|SHA-256/);
  await expect(summary).toBeHidden();
  await checkStep(wizard, testInfo, 'errors-metadata-read');

  // Offline, a download says so instead of "check the address" (the browser's offline switch: web project).
  if (testInfo.project.name !== 'web') return;
  await wizard.context().setOffline(true);
  await wizard.getByLabel('Metadata URL').fill('https://contoso.okta.com/app/exk-journey/sso/saml/metadata');
  await wizard.getByLabel('Metadata URL').press('Enter');
  await expect(wizard.getByTestId('metadata-problem')).toContainText('You seem to be offline');
  await expect(wizard.getByTestId('metadata-problem')).toBeFocused();
  await wizard.context().setOffline(false);
  expect(consoleErrors.filter((line) => !/ERR_INTERNET_DISCONNECTED/.test(line))).toEqual([]);
});

test('the IdP step: each value once, Okta\u2019s attribute statements row by row, files saved under their promised names', async ({
  wizard,
  harness,
  clipboardText,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  await walkToConfigure(wizard, 'Tailspin');
  // Help: the IdP's console page and Twilio's page for this step.
  const help = wizard.getByRole('navigation', { name: 'Help for this step' }).getByRole('link');
  await expect(help).toHaveText(['Okta\u2019s SAML app settings reference', 'Twilio\u2019s guide to this identity provider with Flex']);
  await expect(help.nth(1)).toHaveAttribute('href', 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration/okta');

  // The ACS URL and the Entity ID appear once each on this step, under Okta's names.
  await expect(wizard.getByTestId('copy-value').filter({ hasText: ACS_URL })).toHaveCount(1);
  await expect(wizard.getByTestId('copy-value').filter({ hasText: ENTITY_ID })).toHaveCount(1);
  await expect(wizard.getByTestId('copy-value').filter({ hasText: ACS_URL }).getByTestId('copy-label')).toHaveText('Single sign on URL');
  // The SP metadata XML is not first: it comes last, for consoles that read a metadata file.
  const order = await wizard
    .locator('main [data-testid="section-idp-setup"], main [data-testid="sp-metadata"]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
  expect(order[0]).toBe('section-idp-setup');
  expect(order.at(-1)).toBe('sp-metadata');
  expect(order.filter((id) => id === 'sp-metadata')).toHaveLength(1);
  // No longer six screens: about three at 1024×700, with the details folded away.
  await expect(wizard.getByTestId('sp-metadata')).toBeVisible();
  const height = await wizard.getByTestId('step-scroll').evaluate((node) => node.scrollHeight / node.clientHeight);
  testInfo.annotations.push({ type: 'idp-step-screens', description: height.toFixed(2) });
  expect(height, 'the IdP step, in screens').toBeLessThanOrEqual(3.25);
  await checkStep(wizard, testInfo, 'idp-step-top');

  // Okta takes each Name and Value separately: one row each, each with its own Copy.
  const statements = wizard.locator('[data-artifact="okta-attribute-statements"]');
  const email = statements.getByTestId('artifact-row').filter({ hasText: 'user.email' });
  await email.getByRole('button', { name: 'Copy Name email' }).click();
  expect(await clipboardText()).toBe('email');
  await email.getByRole('button', { name: 'Copy Value of email' }).click();
  expect(await clipboardText()).toBe('user.email');
  await statements.scrollIntoViewIfNeeded();
  await checkStep(wizard, testInfo, 'idp-step-statements');

  // Saved as the files the step promises.
  const tsv = await savedFile(
    wizard,
    harness!.exportsDir,
    () => statements.getByRole('button', { name: 'Save as okta-attribute-statements.tsv' }).click(),
    pathSaidIn(statements.getByTestId('artifact-saved')),
  );
  expect(tsv.name).toBe('okta-attribute-statements.tsv');
  expect(tsv.content.toString('utf8')).toContain('email\tBasic\tuser.email');
  const metadata = wizard.locator('[data-artifact="sp-metadata"]');
  const xml = await savedFile(
    wizard,
    harness!.exportsDir,
    () => metadata.getByRole('button', { name: /^Save as .*-sp-metadata\.xml$/ }).click(),
    pathSaidIn(metadata.getByTestId('artifact-saved')),
  );
  expect(xml.name).toBe('twilio-flex-enhanced-sp-metadata.xml');
  expect(xml.content.toString('utf8')).toContain(`entityID="${ENTITY_ID}"`);
  expect(consoleErrors).toEqual([]);
});

test('the summary closes with what comes next and a calendar reminder; exports are the browser\u2019s downloads, the HTML with boxes to tick', async ({
  wizard,
  harness,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(150_000);
  await walkToConfigure(wizard, 'Wingtip');
  await next(wizard);
  await wizard.getByLabel('Metadata XML', { exact: true }).fill(idpMetadataXml({ issuer: ISSUER, certPem: key.certPem, ssoUrl: SSO_URL }));
  await wizard.getByRole('button', { name: 'Read pasted metadata' }).click();
  await expect(wizard.getByTestId('metadata-imported')).toBeVisible();
  await railStep(wizard, /9\. Summary/).click();
  await expect(stepHeading(wizard)).toHaveText('Summary and export');

  const whatsNext = wizard.getByTestId('whats-next-list');
  await expect(whatsNext.locator('[data-item]')).toHaveCount(3);
  await expect(whatsNext.locator('[data-item="assign-users"]')).toContainText('Assignments');
  await expect(whatsNext.locator('[data-item="go-live"]')).toContainText('sign in with their Okta account');
  await expect(whatsNext.locator('[data-item="certificate-expiry"]')).toContainText(/Renew the certificate before \d{1,2} \w+ \d{4}/);
  await whatsNext.scrollIntoViewIfNeeded();
  await checkStep(wizard, testInfo, 'summary-whats-next');

  const reminder = await savedFile(
    wizard,
    harness!.exportsDir,
    () => whatsNext.getByRole('button', { name: 'Add a reminder to your calendar' }).click(),
    pathSaidIn(wizard.getByTestId('reminder-status')),
  );
  expect(reminder.name).toBe('flex-sso-Wingtip-certificate-reminder.ics');
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(reminder.content.toString('utf8'))).getFirstSubcomponent('vevent')!);
  expect(event.summary).toMatch(/^Renew the SSO signing certificate for Wingtip \(expires \d{4}-\d{2}-\d{2}\)$/);

  expect(await ticked(wizard, /9\. Summary/)).toBe(false);
  const exportStatus = wizard.getByTestId('export-status');
  const html = await savedFile(wizard, harness!.exportsDir, () => wizard.getByRole('button', { name: 'HTML', exact: true }).click(), pathSaidIn(exportStatus));
  expect(html.name).toBe('flex-sso-Wingtip.html');
  if (harness!.exportsDir === null) await expect(exportStatus).toContainText('Downloaded as flex-sso-Wingtip.html');
  const document = html.content.toString('utf8');
  expect(document.match(/<input type="checkbox"/g)?.length ?? 0).toBeGreaterThan(5);
  expect(document).toContain('What is left, and what comes next');
  // The export marks the summary done.
  await expect.poll(() => ticked(wizard, /9\. Summary/)).toBe(true);
  const pdf = await savedFile(wizard, harness!.exportsDir, () => wizard.getByRole('button', { name: 'PDF', exact: true }).click(), pathSaidIn(exportStatus));
  expect(pdf.name).toBe('flex-sso-Wingtip.pdf');
  expect(pdf.content.toString('latin1')).toMatch(/\/StructTreeRoot/);
  expect(consoleErrors).toEqual([]);
});

test('a long single sign-on URL wraps on the summary: nothing runs off to the side', async ({ wizard, consoleErrors }, testInfo) => {
  test.setTimeout(120_000);
  await wizard.setViewportSize({ width: 1024, height: 700 });
  await walkToConfigure(wizard, 'Northwind');
  await next(wizard);
  // No place to break a line in it (as a long query string or token is): it must wrap anyway.
  const longSsoUrl = `${SSO_URL}?tenant=${'Nw7QxZ0pLm3RtY8v'.repeat(16)}`;
  await wizard.getByLabel('Metadata XML', { exact: true }).fill(idpMetadataXml({ issuer: ISSUER, certPem: key.certPem, ssoUrl: longSsoUrl }));
  await wizard.getByRole('button', { name: 'Read pasted metadata' }).click();
  await expect(wizard.getByTestId('metadata-imported')).toBeVisible();
  await railStep(wizard, /9\. Summary/).click();
  await expect(stepHeading(wizard)).toHaveText('Summary and export');
  const summary = wizard.getByRole('table', { name: 'Summary of this setup' });
  await expect(summary).toContainText(longSsoUrl);
  // At the size the wizard is checked at, and in a narrow window: no element wider than the page.
  for (const width of [1024, 640]) {
    await wizard.setViewportSize({ width, height: 700 });
    const wide = await wizard.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main *')]
        .filter(
          (element) =>
            element.getBoundingClientRect().right > limit + 1 ||
            (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === 'visible' && element.clientWidth > 0),
        )
        .map((element) => `${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 40)}: ${element.textContent?.slice(0, 40)}`);
    });
    expect(wide, `at ${width} px`).toEqual([]);
    await checkStep(wizard, testInfo, `summary-long-sso-url-${width}`);
  }
  expect(consoleErrors).toEqual([]);
});

test('small things: groups of users only after an IdP, the saved list is one Tab stop, radio labels are not greyed, dark native controls', async ({
  wizard,
  harness,
  consoleErrors,
}, testInfo) => {
  const { profiles } = harness!.services;
  for (const name of ['Alpha', 'Beta', 'Gamma']) await profiles.create({ name });
  await wizard.reload();
  const name = wizard.getByLabel('Customer name');
  await name.fill('Delta');
  await expect(wizard.getByRole('table', { name: 'Saved customers' })).toContainText('Delta');
  // From the name field to Next: the notes, the whole list (one stop), the import file, Next.
  await name.focus();
  let tabs = 0;
  while (tabs < 12 && !(await wizard.getByRole('button', { name: /^Next:/ }).evaluate((element) => element === document.activeElement))) {
    await wizard.keyboard.press('Tab');
    tabs += 1;
  }
  expect(tabs, 'Tab presses from the name to Next with four saved customers').toBeLessThanOrEqual(5);
  // Inside the list, the arrow keys move between the customers' actions.
  const table = wizard.getByRole('table', { name: 'Saved customers' });
  await table.getByRole('button').first().focus();
  await wizard.keyboard.press('ArrowDown');
  await expect(table.getByRole('button').first()).not.toBeFocused();

  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  // An unselected option reads like the selected one (not like a disabled control).
  const colors = await wizard
    .getByRole('radiogroup')
    .locator('label')
    .evaluateAll((labels) => labels.map((label) => getComputedStyle(label).color));
  expect(new Set(colors).size).toBe(1);
  await next(wizard);
  await expect(wizard.getByTestId('connections')).toHaveCount(0);
  await wizard.getByRole('radio', { name: 'Okta', exact: true }).check();
  await expect(wizard.getByTestId('connections')).toBeVisible();

  await wizard.emulateMedia({ colorScheme: 'dark' });
  await railStep(wizard, /1\. Customer/).click();
  const fileInput = wizard.getByLabel('Import a customer from a file');
  expect(await fileInput.evaluate((element) => getComputedStyle(element).colorScheme)).toBe('dark');
  await checkStep(wizard, testInfo, 'dark-customer');
  expect(consoleErrors).toEqual([]);
});
