import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { CONNECTION_ID, checkStep, savedFile, stepHeading } from './step-check';
import { createTestSigningKey, type TestSigningKey } from '../support/idps';
import { authnRequestXml, base64, deflatedBase64, har, harEntry, samlTracerExport, signedResponse } from '../support/captures/build';

// A consultant on the test step opens captures a customer sent: a HAR by the file picker, a
// SAML-tracer export by drag and drop, and a file that is neither. The HAR holds a password typed
// into the IdP's form (a canary that must show nowhere) and two exchanges: one that works, one
// posted to the legacy ACS URL.
const ACS_URL = `https://login.flex.us1.twilio.com/login/callback?connection=${CONNECTION_ID}`;
const ENTITY_ID = `urn:flex:${CONNECTION_ID}`;
const LEGACY_ACS = 'https://iam.twilio.com/v1/Accounts/AC0000000000000000000000000000abcd/saml2';
const IDP = 'https://idp.woodgrove.example';
const ISSUER = 'urn:woodgrove:idp';
const CANARY = `canary-${randomBytes(8).toString('hex')}`;
const EMAIL = 'maria.garcia@woodgrove.example';

let key: TestSigningKey;
let dir: string;
test.beforeAll(() => {
  key = createTestSigningKey();
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-e2e-captures-'));
});
test.afterAll(() => {
  key?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function customerHar(): Promise<string> {
  const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000);
  const entries: Array<Record<string, unknown>> = [];
  for (const [n, acs] of [
    [1, ACS_URL],
    [2, LEGACY_ACS],
  ] as const) {
    const id = `_req${n}${'0'.repeat(30)}`;
    const request = authnRequestXml({ id, issuer: ENTITY_ID, acsUrl: ACS_URL, destination: `${IDP}/sso` });
    const response = await signedResponse({ key, issuer: ISSUER, acsUrl: acs, audience: ENTITY_ID, inResponseTo: id, email: EMAIL, fullName: 'Maria Garcia' });
    entries.push(
      harEntry({
        at: at(n * 10),
        url: `${IDP}/sso?SAMLRequest=${encodeURIComponent(deflatedBase64(request))}`,
        body: '<form method="post" action="/login"></form>',
      }),
      harEntry({
        at: at(n * 10 + 3),
        url: `${IDP}/login`,
        form: [
          ['login', EMAIL],
          ['password', CANARY],
        ],
        requestHeaders: [['Cookie', `idp-session=${CANARY}`]],
      }),
      harEntry({ at: at(n * 10 + 4), url: acs, form: [['SAMLResponse', base64(response)]], status: 302, redirectTo: 'https://flex.twilio.com/' }),
    );
  }
  const path = join(dir, 'woodgrove-login.har');
  writeFileSync(path, JSON.stringify(har(entries)));
  return path;
}

test('a consultant opens captures someone sent: timeline with verdicts, what should not have been sent, a redacted export', async ({
  wizard,
  harness,
  consoleErrors,
}, testInfo) => {
  test.skip(harness === null, 'the profile is set up through the web harness');
  test.setTimeout(90_000);
  const { profiles } = harness!.services;
  const created = await profiles.create({ name: 'Woodgrove', mode: 'flex-enhanced', idp: 'okta' });
  await profiles.update(created.id, {
    ids: { connectionId: CONNECTION_ID },
    connections: [{ ...created.connections[0]!, idpValues: { issuer: ISSUER, ssoUrl: `${IDP}/sso`, certificatePem: key.certPem } }],
    wizardStep: 'test',
  });
  await wizard.reload();
  await wizard.getByRole('button', { name: 'Open Woodgrove' }).click();
  await expect(stepHeading(wizard)).toHaveText('Test a login');

  const section = wizard.getByTestId('capture-analysis');
  await expect(section.getByText(`against this customer's values (Flex (enhanced SSO), ${CONNECTION_ID}, with the IdP certificate)`)).toBeVisible();
  await section.getByLabel('HAR file or SAML-tracer export').setInputFiles(await customerHar());
  const exchanges = section.getByTestId('capture-exchange');
  await expect(exchanges).toHaveCount(2);
  await expect(exchanges.nth(0)).toHaveAttribute('data-verdict', 'ok');
  await expect(exchanges.nth(1)).toHaveAttribute('data-verdict', 'fail');
  await expect(exchanges.nth(1).locator('[data-code="acs-url-mismatch"]')).toContainText(`sent the SAML response to ${LEGACY_ACS}`);
  await expect(section.getByTestId('capture-privacy')).toContainText(
    `holds a password typed into a form (the field "password" sent to ${IDP}/login): delete the file after use`,
  );
  await expect(section.getByTestId('capture-privacy')).toContainText('holds cookies');
  await expect(section.getByTestId('capture-verdict')).toContainText('2 SAML exchanges (2 responses): 1 would log the user in, 1 would fail.');
  await section.scrollIntoViewIfNeeded();
  await checkStep(wizard, testInfo, 'capture-timeline');
  expect(await wizard.content()).not.toContain(CANARY);

  // Saved without the users' values unless asked.
  const saved = await savedFile(
    wizard,
    harness!.exportsDir,
    () => section.getByRole('button', { name: 'Save the diagnosis (JSON)' }).click(),
    async () => {
      const said = section.getByText(/^Saved to /);
      await expect(said).toBeVisible();
      return (await said.textContent())!.replace(/^Saved to /, '').replace(/ \(\d+ KB\)\.$/, '');
    },
  );
  expect(saved.name).toMatch(/ diagnosis\.json$/);
  const exported = saved.content.toString('utf8');
  expect(exported).not.toContain(CANARY);
  expect(exported).not.toContain(EMAIL);
  expect(JSON.parse(exported)).toMatchObject({ kind: 'capture-diagnosis', redacted: true, exchanges: [{ analysis: { facts: { nameId: '[redacted]' } } }, {}] });

  // A SAML-tracer export, dropped on the area.
  const response = await signedResponse({ key, issuer: ISSUER, acsUrl: ACS_URL, audience: ENTITY_ID, email: EMAIL });
  const tracer = JSON.stringify(
    samlTracerExport(
      [{ method: 'POST', url: ACS_URL, post: [['SAMLResponse', base64(response)]], saml: response, responseHeaders: [['Date', new Date().toUTCString()]] }],
      'hash',
    ),
  );
  const transfer = await wizard.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'SAML-tracer-export.json', { type: 'application/json' }));
    return data;
  }, tracer);
  await section.getByTestId('capture-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(section.getByTestId('capture-verdict')).toContainText('SAML-tracer-export.json');
  await expect(exchanges).toHaveCount(1);
  await expect(exchanges.nth(0)).toHaveAttribute('data-verdict', 'ok');

  // Not a capture at all.
  await section
    .getByLabel('HAR file or SAML-tracer export')
    .setInputFiles({ name: 'photo.har', mimeType: 'application/octet-stream', buffer: randomBytes(4096) });
  await expect(section.getByTestId('capture-problem')).toContainText('is not a HAR file or SAML-tracer export');
  expect(consoleErrors).toEqual([]);
});
