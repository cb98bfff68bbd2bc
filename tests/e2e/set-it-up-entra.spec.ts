/**
 * The wizard walk of "Set it up for me": Microsoft Entra ID → Flex enhanced SSO, against FAKE
 * Microsoft services (Graph held to the project's trimmed description; the identity platform that
 * MSAL signs in to over TLS from a test CA), to a passed test login, then undo.
 *
 * What is played by the spec: the admin's browser during the Microsoft sign-in (the harness's
 * services are constructed with an "open the browser" function that loads Microsoft's page and
 * posts its answer, as a browser would), and the user typing at the fake tenant's login form in the
 * test window. Everything else is the product: the renderer, the API, MSAL, the engine, the login test.
 */
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { startFakeEntraLogin, type FakeEntraLogin } from '../support/fake-idp-admin/fake-entra-login';
import { startFakeGraph, type FakeGraph, type FakeGraphUser } from '../support/fake-idp-admin/fake-graph';
import { parseForms } from '../support/idps/http';
import type { TestTls } from '../support/test-tls';
import { test as base, expect } from './fixtures';
import { CONNECTION_ID, checkStep, next, stepHeading } from './step-check';

const GROUP = randomUUID();
const USER: FakeGraphUser = {
  username: 'ada@fake-tenant.onmicrosoft.com',
  password: 'test-only password',
  id: randomUUID(),
  mail: 'ada@example.com',
  displayname: 'Ada Lovelace',
  groups: [GROUP],
};

interface Fakes {
  graph: FakeGraph;
  login: FakeEntraLogin;
}

/** The admin's browser: opens Microsoft's sign-in page and sends its answer back to the app's loopback address. */
async function adminBrowser(url: string): Promise<void> {
  const page = await fetch(url);
  const form = parseForms(await page.text(), url)[0];
  if (!form) throw new Error('the fake Microsoft sign-in page has no form');
  await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields) });
}

const test = base.extend<{ fakes: Fakes }>({
  fakes: async ({}, use, testInfo) => {
    test.skip(
      testInfo.project.name !== 'web',
      "the desktop app opens the real system browser for the Microsoft sign-in; the web harness is constructed with the admin's browser played by the spec",
    );
    const tls = JSON.parse(process.env.FLEX_SSO_E2E_TLS ?? 'null') as Pick<TestTls, 'certPem' | 'keyPem'> | null;
    if (!tls) throw new Error('tests/e2e/global-setup.ts did not run (FLEX_SSO_E2E_TLS is not set)');
    const graph = await startFakeGraph({ replicationLag: 1, users: [USER] });
    const login = await startFakeEntraLogin({ tls: tls as TestTls, tenantId: graph.tenantId, issueAccessToken: (scopes) => graph.issueToken(scopes) });
    await use({ graph, login });
    await login.close();
    await graph.close();
  },
  hostOptions: async ({ fakes }, use) => {
    await use({
      idpAdmin: {
        entra: { authorityHost: fakes.login.origin, graphUrl: fakes.graph.graphUrl, loginUrl: fakes.graph.loginUrl },
        openBrowser: (url) => adminBrowser(url).catch(() => undefined),
      },
    });
  },
});

async function openConfigureStep(wizard: Page): Promise<void> {
  await wizard.getByLabel('Customer name').fill('Northwind on Entra ID, set up for me');
  await expect(wizard.getByTestId('save-state')).toHaveText('Saved');
  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await next(wizard);
  await wizard.getByRole('radio', { name: /Entra ID/ }).check();
  await next(wizard);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await next(wizard);
  await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
}

test('Entra ID → Flex enhanced: sign in, plan, consent, apply, a passed test login, undo', async ({ wizard, harness, fakes, consoleErrors }, testInfo) => {
  test.setTimeout(180_000);
  const { graph, login } = fakes;
  await openConfigureStep(wizard);
  // Folded until chosen, so the step stays short for whoever works by hand.
  await wizard.getByRole('button', { name: /^Set it up for me: let the wizard create the app in Microsoft Entra ID/ }).click();
  const panel = wizard.getByTestId('set-it-up');
  await expect(panel).toContainText('Twilio has no public API for Flex single sign-on settings');

  // 1. Sign in with Microsoft (the system browser; MSAL's loopback redirect with PKCE).
  await panel.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(panel.getByTestId('idp-admin-signed-in')).toHaveText(`Signed in as ${login.username} (kept in the system keychain)`, { timeout: 30_000 });
  expect(login.pkceVerified).toBe(1);

  // 2. Who gets access: the group, as agents.
  await panel.getByLabel('Kind').selectOption('group');
  await panel.getByLabel('Object ID of a group or user').fill(GROUP);
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(panel.getByTestId('idp-admin-assignments')).toContainText(`Group ${GROUP} with the role agent`);

  // 3. The plan, each step with its permission; nothing happens before consent.
  await panel.getByRole('button', { name: 'Show the plan' }).click();
  const plan = panel.getByTestId('idp-admin-plan');
  await expect(plan).toContainText('Create the enterprise application', { timeout: 30_000 });
  await expect(plan).toContainText('Needs: Policy.ReadWrite.ApplicationConfiguration');
  await expect(plan).toContainText(`Assign the group ${GROUP} with the role agent`);
  expect(graph.apps.size, 'nothing is created by showing the plan').toBe(0);
  const apply = panel.getByRole('button', { name: 'Apply the changes' });
  await expect(apply).toBeDisabled();
  await checkStep(wizard, testInfo, 'set-it-up-1-plan');
  await panel.getByRole('checkbox', { name: /I agree that the wizard makes these \d+ changes/ }).check();
  await apply.click();
  await expect(panel.getByTestId('idp-admin-done')).toContainText('filled in from Microsoft Entra ID', { timeout: 90_000 });
  const links = panel.getByTestId('idp-admin-links');
  await expect(links.getByRole('link', { name: /Enterprise application/ })).toHaveAttribute(
    'href',
    /^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_IAM\/ManagedAppMenuBlade/,
  );
  await panel.getByTestId('idp-admin-done').scrollIntoViewIfNeeded();
  await checkStep(wizard, testInfo, 'set-it-up-2-done');
  expect(graph.apps.size).toBe(1);
  expect(graph.violations).toEqual([]);

  // One click to the test login: the IdP's metadata filled the Twilio values, so the test step is open.
  await panel.getByRole('button', { name: 'Test the login now' }).click();
  await expect(stepHeading(wizard)).toHaveText('Test a login');
  await expect(wizard.getByText(`uses the single sign-on URL ${graph.loginUrl}/${graph.tenantId}/saml2`)).toBeVisible();
  // Applied is done: the IdP step is ticked.
  await expect(wizard.getByRole('navigation', { name: 'Setup steps' }).getByRole('button', { name: /^5\. .*\(done\)/ })).toHaveCount(1);
  await wizard.getByRole('button', { name: /Start the test login|Test again/ }).click();
  const idpPage = await harness!.loginPages.next();
  await idpPage.waitForLoadState();
  await idpPage.fill('input[name=username]', USER.username);
  await idpPage.fill('input[name=password]', USER.password);
  await idpPage.click('button[type=submit]');
  await expect(wizard.getByTestId('test-verdict')).toContainText('The login works', { timeout: 60_000 });
  await checkStep(wizard, testInfo, 'set-it-up-3-test-login');

  // The bring-back step holds what the metadata gave.
  await wizard.getByRole('button', { name: /^Back/ }).click();
  await wizard.getByRole('button', { name: /^Back/ }).click();
  await expect(wizard.getByLabel(/^Issuer/)).toHaveValue(`https://sts.windows.net/${graph.tenantId}/`);
  await expect(wizard.getByTestId('certificate-facts')).toContainText('Certificate valid until');

  // Undo everything the wizard created.
  await wizard.getByRole('button', { name: /^Back/ }).click();
  await expect(stepHeading(wizard)).toHaveText('Set up the app in your identity provider');
  await wizard.getByRole('button', { name: /^Set it up for me: let the wizard create the app in/ }).click();
  await wizard.getByTestId('set-it-up').getByRole('button', { name: 'Undo everything the wizard created' }).click();
  await wizard.getByRole('button', { name: 'Undo everything', exact: true }).click();
  await expect(wizard.getByTestId('set-it-up')).toContainText('Everything the wizard created in', { timeout: 60_000 });
  // Undone is not done: the tick goes.
  await expect(wizard.getByRole('navigation', { name: 'Setup steps' }).getByRole('button', { name: /^5\. .*\(done\)/ })).toHaveCount(0);
  expect(graph.apps.size).toBe(0);
  expect([...graph.policies.values()].filter((p) => p.displayName.startsWith('Flex SSO Wizard'))).toEqual([]);
  expect(graph.violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

base('Google Workspace: no "Set it up for me", a plain note that the checklist is the way', async ({ wizard }) => {
  await wizard.getByLabel('Customer name').fill('Contoso on Google');
  await next(wizard);
  await wizard.getByRole('radio', { name: /Flex \(enhanced SSO\)/ }).check();
  await next(wizard);
  await wizard.getByRole('radio', { name: /Google Workspace/ }).check();
  await next(wizard);
  await wizard.getByLabel('SSO connection id').fill(CONNECTION_ID);
  await next(wizard);
  const panel = wizard.getByTestId('set-it-up');
  await expect(panel).toContainText(
    'Google Workspace has no API for creating custom SAML apps, so the wizard cannot set it up for you: follow the checklist in the Google Admin console.',
  );
  await expect(panel.getByRole('button')).toHaveCount(0);
  await expect(wizard.getByText(/^Work through these steps in Google Workspace/)).toBeVisible();
});
