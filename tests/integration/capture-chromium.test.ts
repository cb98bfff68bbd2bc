/**
 * Captures made by real Chromium of logins against the project's test IdPs (samlp with its login
 * form, saml-idp as a child process), recorded the two ways customers' HAR files are made
 * (Playwright's recordHar, and the DevTools protocol's events turned into a HAR by chrome-har),
 * then diagnosed as a consultant would: good and misconfigured, SP- and IdP-initiated, a response
 * posted to the wrong ACS, a redirect loop, an error page, a wrong IdP clock. Twilio's hosts are
 * served by a fake SP on 127.0.0.1 so the captures carry Twilio's real URLs. A unique password is
 * typed into the IdP's form, and must come out of nothing the product writes.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapture, readCaptureFile } from '../../electron/services/capture';
import { buildAuthnRequest } from '../../electron/services/login-test/authn-request';
import type { CaptureReport } from '../../shared/capture/report';
import type { CaptureDigest } from '../../shared/capture/digest';
import { spValues } from '../../shared/domain/modes';
import { needlesFor } from '../canary/scan';
import { recordLogin, type RecordedCapture } from '../support/captures/record-har';
import { startFakeTwilioSp, type FakeTwilioSp } from '../support/captures/fake-twilio-sp';
import { chromiumForTests } from '../support/chromium-for-tests';
import { ensureCliBuilt, runCli } from '../support/cli';
import { createTestSigningKey, startSamlIdpProcess, startSamlpIdp, type RunningIdp, type RunningSamlIdp, type TestSigningKey } from '../support/idps';

const chromium = chromiumForTests('the capture tests recorded in real Chromium');
const CONNECTION = 'JQ5f1c0ffee5f1c0ffee5f1c0ffee5f1c0';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const LEGACY_ACS = spValues('flex-legacy', { accountSid: 'AC00000000000000000000000000000042' }).acsUrl;
const CANARY_PASSWORD = `canary-pw-${randomBytes(9).toString('hex')}`;
const USER = { username: 'grace', password: CANARY_PASSWORD, email: 'grace.hopper@example.com', fullName: 'Grace Hopper', roles: ['agent'] };
const TEN_MINUTES = 10 * 60_000;
const KINDS = ['playwrightHar', 'devtoolsHar'] as const;

describe.skipIf(!chromium)('captures recorded in Chromium, diagnosed', () => {
  let dir: string;
  let key: TestSigningKey;
  let samlp: RunningIdp;
  let samlIdp: RunningSamlIdp;
  let skewedIdp: RunningSamlIdp;
  let twilio: FakeTwilioSp;
  const captures: Record<string, RecordedCapture> = {};

  const record = (name: string, drive: (page: Page) => Promise<void>) =>
    recordLogin({ executablePath: chromium!, resolverRules: twilio.resolverRules, dir, name }, drive).then((capture) => {
      captures[name] = capture;
    });
  const signedIn = (page: Page) => page.getByText('Signed in (fake Twilio).').waitFor({ timeout: 15_000 });
  const typeAtSamlp = async (page: Page) => {
    await page.locator('#username').fill(USER.username);
    await page.locator('#password').fill(USER.password);
    await page.locator('#sign-in').click();
  };
  const spInitiated = async (page: Page, ssoUrl: string, relayState?: string) => {
    const { url } = await buildAuthnRequest({ idpSsoUrl: ssoUrl, acsUrl: SP.acsUrl, entityId: SP.entityId, ...(relayState ? { relayState } : {}) });
    await page.goto(url);
  };
  const profile = { mode: 'flex-enhanced' as const, ids: { connectionId: CONNECTION } };
  const read = async (file: string): Promise<CaptureDigest> => {
    const result = await readCaptureFile(file);
    if (!result.ok) throw new Error(result.message);
    return result.digest;
  };
  const diagnose = async (file: string, judgement: Parameters<typeof analyzeCapture>[1] = {}, redact = true): Promise<CaptureReport> =>
    analyzeCapture(await read(file), judgement, { redact });
  const codes = (report: CaptureReport) =>
    [...report.findings, ...report.exchanges.flatMap((e) => [...e.findings, ...(e.analysis?.findings ?? [])])].map((f) => f.code);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flex-sso-captures-'));
    key = createTestSigningKey();
    twilio = await startFakeTwilioSp();
    [samlp, samlIdp, skewedIdp] = await Promise.all([
      startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:samlp-idp', user: USER }),
      startSamlIdpProcess({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:saml-idp', relayState: 'from-saml-idp' }),
      startSamlIdpProcess({ key, acsUrl: SP.acsUrl, audience: SP.entityId, issuer: 'urn:test:skewed-idp', clockShiftMs: TEN_MINUTES }),
    ]);
    await record('sp-good', async (page) => {
      await spInitiated(page, samlp.ssoUrl, 'state-1');
      await typeAtSamlp(page);
      await signedIn(page);
    });
    await record('idp-good', async (page) => {
      await page.goto(samlIdp.initUrl);
      await page.locator('#btn-sign-in').click();
      await signedIn(page);
    });
    samlp.misconfigure({ acsUrl: LEGACY_ACS });
    await record('wrong-acs', async (page) => {
      await spInitiated(page, samlp.ssoUrl);
      await typeAtSamlp(page);
      await signedIn(page);
    });
    samlp.misconfigure({ audience: 'urn:flex:JQ00000000000000000000000000000000' });
    twilio.loop({ idpSsoUrl: samlp.ssoUrl, acsUrl: SP.acsUrl, entityId: SP.entityId, times: 3 });
    await record('loop', async (page) => {
      await spInitiated(page, samlp.ssoUrl);
      await typeAtSamlp(page);
      await signedIn(page);
    });
    twilio.loop(null);
    samlp.misconfigure({});
    await record('error-page', async (page) => {
      await spInitiated(page, samlp.errorPageUrls.entra);
      await page.getByText(/AADSTS50105/).waitFor({ timeout: 15_000 });
    });
    await record('clock', async (page) => {
      await page.goto(skewedIdp.initUrl);
      await page.locator('#btn-sign-in').click();
      await signedIn(page);
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([samlp?.close(), samlIdp?.close(), skewedIdp?.close(), twilio?.close()]);
    key?.dispose();
    // FLEX_SSO_KEEP_CAPTURES=<folder>: keep the recorded files there, to look at them.
    if (dir && process.env.FLEX_SSO_KEEP_CAPTURES) cpSync(dir, process.env.FLEX_SSO_KEEP_CAPTURES, { recursive: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each(KINDS)('%s', (kind) => {
    it('a good SP-initiated login: one exchange, request deflated in the query, response posted, judged ok against the profile', async () => {
      const report = await diagnose(captures['sp-good']![kind], { ...profile, idpCertPem: key.certPem, idpIssuer: samlp.issuer });
      expect(report.exchanges).toHaveLength(1);
      const [exchange] = report.exchanges;
      expect(exchange!.kind).toBe('sp-initiated');
      expect(exchange!.request).toMatchObject({ binding: 'http-redirect', deflated: true, issuer: SP.entityId, acsUrl: SP.acsUrl, relayState: 'state-1' });
      expect(exchange!.response).toMatchObject({
        binding: 'http-post',
        source: 'request',
        sentTo: SP.acsUrl,
        relayState: 'state-1',
        inResponseTo: exchange!.request!.id,
      });
      expect(exchange!.request!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(exchange!.analysis!.signature).toMatchObject({ checked: true, valid: true, certificate: 'given' });
      expect(codes(report).filter((c) => c.startsWith('capture-'))).toEqual([]);
      expect(exchange!.verdict).toBe('ok');
      expect(report.verdict).toBe('ok');
    });

    it("without a profile, the mode and id come from the capture's AuthnRequest, and no certificate means unverified", async () => {
      const report = await diagnose(captures['sp-good']![kind]);
      const [exchange] = report.exchanges;
      expect(exchange!.judgedAs).toMatchObject({ from: 'authn-request', mode: 'flex-enhanced', ids: { connectionId: CONNECTION } });
      expect(report.findings.map((f) => f.code)).toContain('capture-judged-as');
      expect(exchange!.verdict).toBe('unverified');
      expect(report.ok).toBe(false);
    });

    it('says what the file holds that should not have been sent: the typed password (by field, never by value) and cookies', async () => {
      const report = await diagnose(captures['sp-good']![kind]);
      const kinds = report.privacy.notices.map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining(['password', 'cookies', 'personal-data']));
      expect(report.privacy.notices.find((n) => n.kind === 'password')!.message).toMatch(
        /holds a password typed into a form \(the field "password" sent to http:\/\/127\.0\.0\.1:\d+\/login\): delete the file after use/,
      );
    });

    it('an IdP-initiated login through saml-idp: judged by where it was posted, ok with the certificate', async () => {
      const report = await diagnose(captures['idp-good']![kind], { idpCertPem: key.certPem });
      expect(report.exchanges.map((e) => e.kind)).toEqual(['idp-initiated']);
      const [exchange] = report.exchanges;
      expect(exchange!.judgedAs).toMatchObject({ from: 'posted-url', mode: 'flex-enhanced' });
      expect(exchange!.response!.relayState).toBe('from-saml-idp');
      expect(exchange!.verdict).toBe('ok');
    });

    it('a response posted to the wrong ACS (the legacy URL): found from the AuthnRequest alone, and against the profile', async () => {
      for (const judgement of [{}, profile]) {
        const report = await diagnose(captures['wrong-acs']![kind], judgement);
        const wrong = report.exchanges[0]!.findings.find((f) => f.code === 'acs-url-mismatch');
        expect(wrong?.severity).toBe('error');
        expect(wrong!.message).toContain(`sent the SAML response to ${LEGACY_ACS}`);
        expect(wrong!.message).toContain(`expects it at ${SP.acsUrl}`);
        // The login test's diagnosis: the legacy ACS mid-migration, and the Entity ID that moves with it.
        expect(wrong!.message).toMatch(/legacy Flex SSO ACS URL \(Account SID AC[0-9a-f]{32}\).*midway through a move to enhanced SSO/);
        expect(wrong!.fix).toContain(`${SP.acsUrl}. Moving to enhanced SSO also means`);
        expect(report.exchanges[0]!.verdict).toBe('fail');
      }
    });

    it('a redirect loop between Twilio and the IdP: four round trips, each answered by a new AuthnRequest', async () => {
      const report = await diagnose(captures.loop![kind], profile);
      expect(twilio.posts()).toBeGreaterThan(0);
      expect(report.exchanges.filter((e) => e.kind === 'sp-initiated')).toHaveLength(4);
      const loop = report.findings.find((f) => f.code === 'capture-redirect-loop');
      expect(loop?.severity).toBe('error');
      expect(loop!.message).toMatch(
        /went round between Twilio and the IdP 4 times within \d+ seconds?: each response posted to https:\/\/login\.flex\.us1\.twilio\.com\/login\/callback\?connection=JQ5f1c0ffee/,
      );
      // The cause is in the responses: the wrong Audience, found by the same analysis as the login test.
      expect(report.exchanges.every((e) => e.analysis?.findings.some((f) => f.code === 'audience-mismatch'))).toBe(true);
      expect(report.verdict).toBe('fail');
    });

    it("an AuthnRequest answered by the IdP's error page: the code and the fix in the IdP's words", async () => {
      const report = await diagnose(captures['error-page']![kind], profile);
      expect(report.exchanges.map((e) => e.kind)).toEqual(['request-only']);
      const page = report.exchanges[0]!.findings.find((f) => f.code === 'capture-idp-error-page');
      expect(page?.severity).toBe('error');
      expect(page!.message).toMatch(/AADSTS50105/);
      expect(page!.message).toMatch(/Microsoft Entra/);
      expect(report.exchanges[0]!.verdict).toBe('fail');
    });

    it('an IdP whose clock is 10 minutes ahead: the clock difference, and the response not yet valid when it was sent', async () => {
      const report = await diagnose(captures.clock![kind], { ...profile, idpCertPem: key.certPem });
      const [exchange] = report.exchanges;
      const clock = exchange!.findings.find((f) => f.code === 'capture-clock-difference');
      expect(clock?.severity).toBe('error');
      expect(clock!.message).toMatch(/differ by (9|10|11) minutes \(the IdP's clock is ahead\)/);
      expect(exchange!.analysis!.findings.map((f) => f.code)).toContain('not-yet-valid');
    });
  });

  it('the typed password appears in no output or export (CLI JSON and text, with and without personal data, reports, digests)', async () => {
    ensureCliBuilt();
    const needles = needlesFor('typed password', CANARY_PASSWORD);
    const outputs: Array<[string, string]> = [];
    for (const [name, capture] of Object.entries(captures)) {
      for (const kind of KINDS) {
        const file = capture[kind];
        // Meaningful only if the file really holds the password.
        if (name === 'sp-good') expect(readFileSync(file, 'utf8')).toContain(CANARY_PASSWORD);
        outputs.push([`${name} ${kind} digest`, JSON.stringify(await read(file))]);
        outputs.push([`${name} ${kind} report`, JSON.stringify(await diagnose(file, profile, false))]);
      }
      // The CLI for every capture where the password was typed (each run is a process: keep them few).
      const cliRuns =
        name === 'sp-good'
          ? [
              ['--format', 'json'],
              ['--format', 'text'],
              ['--format', 'json', '--show-personal-data'],
            ]
          : name === 'wrong-acs' || name === 'loop'
            ? [['--format', 'text', '--show-personal-data']]
            : [];
      for (const args of cliRuns) {
        const run = runCli(['analyze', '--har', capture.playwrightHar, '--mode', 'flex-enhanced', '--connection', CONNECTION, ...args]);
        expect(run.status, run.stderr).not.toBe(2);
        outputs.push([`${name} CLI ${args.join(' ')}`, `${run.stdout}\n${run.stderr}`]);
      }
    }
    const exported = join(dir, 'export.json');
    writeFileSync(exported, JSON.stringify(await diagnose(captures['sp-good']!.devtoolsHar, profile)));
    outputs.push(['export file', readFileSync(exported, 'utf8')]);
    for (const [where, text] of outputs) {
      const buffer = Buffer.from(text, 'utf8');
      for (const needle of needles) expect(buffer.includes(needle.bytes), `${needle.label} in ${where}`).toBe(false);
    }
  }, 120_000);

  it('the CLI: one report per exchange, exit 0 when every response would log in, 1 otherwise; personal data redacted unless asked', () => {
    ensureCliBuilt();
    const certFile = join(dir, 'idp-cert.pem');
    writeFileSync(certFile, key.certPem);
    const good = runCli([
      'analyze',
      '--har',
      captures['sp-good']!.playwrightHar,
      '--mode',
      'flex-enhanced',
      '--connection',
      CONNECTION,
      '--idp-cert',
      certFile,
      '--idp-issuer',
      samlp.issuer,
      '--format',
      'json',
    ]);
    expect(good.status, good.stderr).toBe(0);
    const report = JSON.parse(good.stdout) as CaptureReport;
    expect(report.exchanges).toHaveLength(1);
    expect(report.redacted).toBe(true);
    expect(good.stdout).not.toContain(USER.email);
    expect(report.exchanges[0]!.analysis!.facts!.nameId).toBe('[redacted]');
    const shown = runCli(['analyze', '--har', captures['sp-good']!.playwrightHar, '--idp-cert', certFile, '--format', 'json', '--show-personal-data']);
    expect(shown.stdout).toContain(USER.email);
    const wrong = runCli(['analyze', '--har', captures['wrong-acs']!.devtoolsHar, '--format', 'text']);
    expect(wrong.status).toBe(1);
    // In plain words (the text output names no finding codes): where it went, and where Twilio expects it.
    expect(wrong.stdout).toMatch(/^ *Problem: The identity provider sent the SAML response to \S+; Twilio expects it at /m);
    expect(wrong.stdout).not.toContain('acs-url-mismatch');
    expect(wrong.stdout).toMatch(/What this file holds that should not have been sent:\n {2}- This HAR file holds a password typed into a form/);
    expect(wrong.stderr).toBe('');
  }, 60_000);
});
