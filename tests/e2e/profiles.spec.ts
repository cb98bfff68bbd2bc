import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { checkStep, next, savedFile, stepHeading } from './step-check';

test('saved customers: listed with last changed time and last test, copied, exported without secrets, imported, and deleted with their secrets', async ({
  wizard,
  harness,
  consoleErrors,
}, testInfo) => {
  const { profiles, secrets } = harness!.services;
  await expect(wizard.getByText('No customer is saved yet')).toBeVisible();
  // The real keychain where there is one (npm test runs a Secret Service); else this session's memory.
  if (!(await secrets.status()).available) await secrets.setMode('session');
  const contoso = await profiles.create({ name: 'Contoso', mode: 'flex-enhanced', idp: 'okta' });
  await profiles.recordTestResult(contoso.id, {
    at: new Date().toISOString(),
    connectionId: contoso.activeConnectionId,
    outcome: 'passed',
    summary: 'ok',
    errorCount: 0,
    warningCount: 0,
    findingCodes: [],
  });
  await profiles.create({ name: 'Fabrikam', mode: 'frontline' });
  const tokenValue = 'e2e-secret-' + 'a'.repeat(24);
  await secrets.set(contoso.id, 'twilio-auth-token', tokenValue);
  await wizard.reload();

  const table = wizard.getByRole('table', { name: 'Saved customers' });
  const row = (name: string) => table.getByRole('row').filter({ has: wizard.getByRole('cell', { name, exact: true }) });
  await expect(row('Contoso')).toContainText('Worked');
  await expect(row('Fabrikam')).toContainText('Not tested yet');
  await expect(row('Contoso').getByRole('cell').nth(1)).toHaveText(/\d/);
  await checkStep(wizard, testInfo, 'profiles-list');

  // Duplicate (not "Copy", which everywhere else puts a value on the clipboard)
  await expect(table.getByRole('button', { name: /^Copy|Make a copy/ })).toHaveCount(0);
  await table.getByRole('button', { name: 'Duplicate Contoso', exact: true }).click();
  await expect(wizard.getByTestId('profile-notice')).toContainText('Duplicated Contoso');
  await expect(wizard.getByTestId('profile-notice')).toContainText('The duplicate is called “Contoso (copy)”');
  await expect(row('Contoso (copy)')).toBeVisible();

  // Export: through the save dialog (desktop) or the browser's own download (web host), and the file has the profile but not the secret
  const exportedPath = async () => (await wizard.getByTestId('saved-path').textContent()) ?? '';
  const fabrikam = await savedFile(
    wizard,
    harness!.exportsDir,
    () => row('Fabrikam').getByRole('button', { name: 'Export Fabrikam to a file' }).click(),
    exportedPath,
  );
  await expect(wizard.getByTestId('profile-notice')).toContainText('Exported Fabrikam');
  expect(fabrikam.name).toBe('Fabrikam.flex-sso-profile.json');
  if (harness!.exportsDir === null) await expect(wizard.getByTestId('profile-notice')).toContainText('Downloaded as Fabrikam.flex-sso-profile.json');
  const contosoFile = await savedFile(
    wizard,
    harness!.exportsDir,
    () => table.getByRole('button', { name: 'Export Contoso to a file', exact: true }).click(),
    exportedPath,
  );
  await expect(wizard.getByTestId('profile-notice')).toContainText('Exported Contoso');
  const exported = contosoFile.content.toString('utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'flex-sso-wizard/profile-export', profile: { name: 'Contoso' } });
  expect(exported).not.toContain(tokenValue);
  await checkStep(wizard, testInfo, 'profiles-exported');

  // Import: a new customer, renamed because the name is taken, with the warnings shown
  await wizard.getByLabel('Import a customer from a file').setInputFiles({ name: 'contoso.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await expect(wizard.getByTestId('profile-notice')).toContainText('Imported “Contoso (2)” from contoso.json');
  await expect(wizard.getByTestId('profile-notice')).toContainText('already exists');
  await expect(row('Contoso (2)')).toBeVisible();
  // A file that is not a profile is refused with a reason
  await wizard
    .getByLabel('Import a customer from a file')
    .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(wizard.getByTestId('profile-notice')).toContainText('could not be imported');
  await expect(wizard.getByTestId('profile-notice')).toContainText('not a Flex SSO Wizard profile');
  // The IdP's metadata picked here by mistake is named, with where it goes
  const metadata = '<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/"/>';
  await wizard
    .getByLabel('Import a customer from a file')
    .setInputFiles({ name: 'federationmetadata.xml', mimeType: 'text/xml', buffer: Buffer.from(metadata) });
  await expect(wizard.getByTestId('profile-notice')).toContainText("This is the identity provider's SAML metadata, not a customer file");
  await expect(wizard.getByTestId('profile-notice')).toContainText('import it at the step Bring back its values.');
  await expect(wizard.getByTestId('profile-notice')).not.toContainText('not valid JSON');

  // Delete, by keyboard: the dialog says the secrets go too; "Keep it" keeps it
  await table.getByRole('button', { name: 'Delete Contoso', exact: true }).focus();
  await wizard.keyboard.press('Enter');
  const dialog = wizard.getByRole('dialog');
  await expect(dialog).toContainText('Delete Contoso?');
  await expect(dialog).toContainText('secrets');
  await checkStep(wizard, testInfo, 'profiles-delete-dialog');
  // Focus starts on the safe choice; Escape keeps the customer, and focus goes back to the Delete button.
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await wizard.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(table.getByRole('button', { name: 'Delete Contoso', exact: true })).toBeFocused();
  expect((await secrets.states(contoso.id)).find((s) => s.kind === 'twilio-auth-token')?.status).toBe('stored');
  await table.getByRole('button', { name: 'Delete Contoso', exact: true }).click();
  await wizard.getByRole('dialog').getByRole('button', { name: 'Delete customer and its secrets' }).click();
  await expect(wizard.getByTestId('profile-notice')).toContainText('Deleted Contoso');
  await expect(wizard.getByTestId('profile-notice')).toContainText('stored secret was deleted too');
  expect((await profiles.list()).profiles.map((p) => p.name).sort()).toEqual(['Contoso (2)', 'Contoso (copy)', 'Fabrikam']);
  expect((await secrets.states(contoso.id)).find((s) => s.kind === 'twilio-auth-token')?.status).toBe('absent');

  // Open one from the list: it resumes where it was left (Fabrikam has a product and no IdP yet).
  await row('Fabrikam').getByRole('button', { name: 'Open Fabrikam' }).click();
  await expect(stepHeading(wizard)).toHaveText('Where do the users sign in?');
  await expect(wizard.getByRole('banner')).toContainText('Fabrikam');
  await wizard
    .getByRole('navigation', { name: 'Setup steps' })
    .getByRole('button', { name: /1\. Customer/ })
    .click();
  await expect(wizard.getByLabel('Customer name')).toHaveValue('Fabrikam');
  await expect(table.getByRole('cell', { name: 'Fabrikam (open now)' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a damaged profile file is reported: kept aside, and restored from its backup when there is one', async ({ wizard, harness, consoleErrors }, testInfo) => {
  const { profiles } = harness!.services;
  // Whichever listing finds the damage (this page's or the reloaded one's), the report is kept until dismissed.
  await expect(wizard.getByText('No customer is saved yet')).toBeVisible();
  const folder = join(harness!.userDataDir, 'profiles');
  const restored = await profiles.create({ name: 'Restored Ltd' });
  await profiles.update(restored.id, { notes: 'second save' });
  writeFileSync(join(folder, `${restored.id}.json`), '{"format":"flex-sso-wizard/profile","schemaVersion":2,"prof');
  const lost = await profiles.create({ name: 'Lost Ltd' });
  writeFileSync(join(folder, `${lost.id}.json`), 'not json at all');
  await wizard.reload();

  const warning = wizard.getByTestId('profile-problems');
  await expect(warning).toContainText('2 saved customers had a problem');
  await expect(warning).toContainText('previous version was put back');
  await expect(warning).toContainText(`kept aside as ${restored.id}.json.damaged-`);
  await expect(warning).toContainText('no earlier version to go back to');
  await expect(warning).toContainText(`kept aside as ${lost.id}.json.damaged-`);
  await expect(warning).toContainText(folder);
  const table = wizard.getByRole('table', { name: 'Saved customers' });
  await expect(table).toContainText('Restored Ltd');
  await expect(table).not.toContainText('Lost Ltd');
  await checkStep(wizard, testInfo, 'profiles-damaged');

  // The warning stays while the admin moves around, until dismissed.
  await wizard.getByLabel('Customer name').fill('Someone new');
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Which Twilio product, and which kind of SSO?');
  await wizard
    .getByRole('navigation', { name: 'Setup steps' })
    .getByRole('button', { name: /1\. Customer/ })
    .click();
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Dismiss' }).click();
  await expect(warning).toBeHidden();
  // Dismissed for good: a reload (or another window) no longer shows it.
  await expect.poll(async () => (await profiles.list()).problems.length).toBe(0);
  await wizard.reload();
  await expect(wizard.getByRole('table', { name: 'Saved customers' })).toContainText('Restored Ltd');
  await expect(warning).toBeHidden();
  expect(consoleErrors).toEqual([]);
});
