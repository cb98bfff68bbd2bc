import type { Page } from '@playwright/test';
import { test as base, expect, type E2eHarness } from './fixtures';
import { CONNECTION_ID, checkStep, stepHeading } from './step-check';
import { DEFAULT_TEST_USER, createTestSigningKey, startSamlpIdp, type RunningIdp, type TestSigningKey } from '../support/idps';
import { startFakeTwilio, type FakeTwilio, type FakeWorker } from '../support/fake-twilio/fake-twilio-server';

// Twilio cannot be reached from here: the host points the product's Twilio client at the FAKE
// Twilio server (tests/support/fake-twilio), which holds the Worker a real login would have made.
const AC = 'AC' + '1'.repeat(32);
const TOKEN = 'f'.repeat(32);
const WS = 'WS' + '3'.repeat(32);
const ACS_URL = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`;
const ENTITY_ID = `urn:flex:${CONNECTION_ID}`;

const worker: FakeWorker = {
  sid: 'WK' + '4'.repeat(32),
  friendlyName: DEFAULT_TEST_USER.email,
  attributes: { full_name: DEFAULT_TEST_USER.fullName, email: DEFAULT_TEST_USER.email, roles: ['agent'], team: 'night shift' },
};

const test = base.extend<{ fakeTwilio: FakeTwilio }>({
  fakeTwilio: async ({}, use) => {
    const fake = await startFakeTwilio([{ sid: AC, authToken: TOKEN, friendlyName: 'Woodgrove Flex', workspaces: { [WS]: [worker] } }]);
    await use(fake);
    await fake.close();
  },
  hostOptions: async ({ fakeTwilio }, use) => use({ twilioBaseUrl: fakeTwilio.baseUrl }),
});

/** Woodgrove, saved up to the test step with `idp`'s values; returns its profile id. */
async function openAtTestStep(harness: E2eHarness, idp: RunningIdp): Promise<string> {
  const { profiles } = harness.services;
  const created = await profiles.create({ name: 'Woodgrove', mode: 'flex-enhanced', idp: 'okta' });
  await profiles.update(created.id, {
    ids: { connectionId: CONNECTION_ID },
    twilio: { accountSid: AC, workspaceSid: WS },
    connections: [{ ...created.connections[0]!, idpValues: { issuer: idp.issuer, ssoUrl: idp.ssoUrl, certificatePem: idp.certPem } }],
    wizardStep: 'test',
  });
  return created.id;
}

/** Ticks "Let this login continue to Twilio", starts the test login and signs in at the IdP's form. */
async function loginLetThrough(wizard: Page, harness: E2eHarness): Promise<void> {
  await wizard.getByRole('checkbox', { name: 'Let this login continue to Twilio' }).check();
  await wizard.getByRole('button', { name: 'Start the test login' }).click();
  const idpPage = await harness.loginPages.next();
  await idpPage.waitForLoadState();
  await idpPage.fill('input[name=username]', DEFAULT_TEST_USER.username);
  await idpPage.fill('input[name=password]', DEFAULT_TEST_USER.password);
  await idpPage.click('button[type=submit]');
}

async function reopen(wizard: Page): Promise<void> {
  await wizard.reload();
  await wizard.getByRole('button', { name: 'Open Woodgrove' }).click();
  await expect(stepHeading(wizard)).toHaveText('Test a login');
}

let key: TestSigningKey;
test.beforeAll(() => {
  key = createTestSigningKey();
});
test.afterAll(() => key?.dispose());

test('after a login let through to Twilio, the real Worker is compared with the preview', async ({ wizard, harness, fakeTwilio, consoleErrors }, testInfo) => {
  test.setTimeout(120_000);
  const idp = await startSamlpIdp({ key, acsUrl: ACS_URL, audience: ENTITY_ID, issuer: 'urn:test:wizard-idp' });
  try {
    // A customer set up up to the test step, with Twilio credentials stored.
    const { secrets } = harness!.services;
    await expect(wizard.getByText('No customer is saved yet')).toBeVisible();
    if (!(await secrets.status()).available) await secrets.setMode('session');
    const profileId = await openAtTestStep(harness!, idp);
    await secrets.set(profileId, 'twilio-auth-token', TOKEN);
    await reopen(wizard);

    // The admin lets this login continue to Twilio (the fake here), so a Worker exists to compare.
    await loginLetThrough(wizard, harness!);
    await expect(wizard.getByTestId('test-verdict')).toContainText('The login works', { timeout: 60_000 });

    const section = wizard.getByTestId('worker-compare');
    await expect(section).toContainText(DEFAULT_TEST_USER.email);
    await section.getByRole('button', { name: 'Compare with the real Worker' }).click();
    const verdict = section.getByTestId('worker-compare-verdict');
    await expect(verdict).toContainText(/The Worker differs from the preview in \d+ attributes?/);
    const table = section.getByRole('table', { name: 'The Worker compared with the preview' });
    await expect(table.getByRole('row').filter({ hasText: 'full_name' })).toContainText('Same');
    await expect(table.getByRole('row').filter({ hasText: 'roles' })).toContainText('Different');
    await expect(table.getByRole('row').filter({ hasText: 'team' })).toContainText('Only on the Worker');
    expect(fakeTwilio.requests.some((request) => request.path === `/taskrouter.twilio.com/v1/Workspaces/${WS}/Workers` && request.username === AC)).toBe(true);
    await checkStep(wizard, testInfo, 'worker-compare-differs');

    // The Worker updated to what the preview shows: it matches.
    const preview = wizard.getByRole('table', { name: 'Worker attributes' });
    const rows = await preview.getByRole('row').all();
    const expected: Record<string, unknown> = {};
    for (const row of rows.slice(1)) {
      const [name, value] = await row.getByRole('cell').allTextContents();
      expected[name!] = /^[[{"]/.test(value!) ? JSON.parse(value!) : value;
    }
    worker.attributes = expected;
    await section.getByRole('button', { name: 'Compare with the real Worker' }).click();
    await expect(verdict).toContainText('The Worker matches the preview');

    // Twilio unreachable (here: the fake answering 503) is said plainly.
    fakeTwilio.setBehaviour('server-error');
    await section.getByRole('button', { name: 'Compare with the real Worker' }).click();
    await expect(verdict).toContainText('The Worker could not be read');
    fakeTwilio.setBehaviour('normal');
    expect(consoleErrors).toEqual([]);
  } finally {
    await idp.close();
  }
});

test('real login allowed, but the response went to the wrong place: nothing reached Twilio, so there is no Worker to compare', async ({
  wizard,
  harness,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  // The IdP's app still holds the legacy ACS URL: the response is captured there and kept.
  const legacyAcs = `https://iam.twilio.com/v1/Accounts/${AC}/saml2`;
  const idp = await startSamlpIdp({ key, acsUrl: ACS_URL, audience: ENTITY_ID, issuer: 'urn:test:wizard-idp', misconfiguration: { acsUrl: legacyAcs } });
  try {
    await openAtTestStep(harness!, idp);
    await reopen(wizard);
    await loginLetThrough(wizard, harness!);
    await expect(wizard.getByTestId('test-verdict')).toContainText('The login would fail', { timeout: 60_000 });
    await expect(wizard.locator('[data-code="acs-url-mismatch"]')).toContainText(`sent the SAML response to ${legacyAcs}`);
    await expect(wizard.getByTestId('worker-preview')).toBeVisible();
    await expect(wizard.getByTestId('worker-compare')).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  } finally {
    await idp.close();
  }
});
