/**
 * The capture itself, with real Chromium and real IdPs: nothing reaches the SP (tripwire), every
 * way a test can end without a response ends in a clear state, popups are captured too. The
 * response is checked here with xmlsec1 (an independent signature check) rather than the analysis.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findChromium } from '../../electron/services/chromium';
import { createPlaywrightHost, startLoginTest, type Analyze, type LoginTestOptions } from '../../electron/services/login-test';
import { spValues } from '../../shared/domain/modes';
import { createTestSigningKey, startSamlpIdp, startTripwire, DEFAULT_TEST_USER, type RunningIdp, type TestSigningKey, type Tripwire } from '../support/idp-servers';

const chromium = findChromium().path;
const CONNECTION = 'JQ0123456789abcdef0123456789abcdef';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const SP_HOST = new URL(SP.acsUrl).hostname;

interface Recorded {
  bodies: string[];
}

/** Stands in for the analysis: keeps the body and checks the signature with xmlsec1. */
function recordingAnalyze(record: Recorded, certPem: string): Analyze {
  return async (input) => {
    record.bodies.push(input);
    const xml = Buffer.from(new URLSearchParams(input).get('SAMLResponse') ?? '', 'base64').toString('utf8');
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-xmlsec-'));
    try {
      writeFileSync(join(dir, 'r.xml'), xml);
      writeFileSync(join(dir, 'c.pem'), certPem);
      execFileSync('xmlsec1', ['--verify', '--pubkey-cert-pem', join(dir, 'c.pem'), '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:protocol:Response', join(dir, 'r.xml')], { stdio: 'ignore' });
      return { ok: true, signature: { checked: true, valid: true }, facts: {}, findings: [], worker: {} } as never;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe.skipIf(!chromium)('login test capture (real Chromium, real IdP)', () => {
  let key: TestSigningKey;
  let idp: RunningIdp;
  let tripwire: Tripwire;
  const pages: Page[] = [];
  const profiles: string[] = [];

  const host = () =>
    createPlaywrightHost({
      executablePath: chromium!,
      headless: true,
      spResolverTarget: `127.0.0.1:${tripwire.port}`,
      onProfile: (dir) => profiles.push(dir),
      onPage: (page) => pages.push(page),
    });
  const base = (patch: Partial<LoginTestOptions>): LoginTestOptions => ({ mode: 'flex-enhanced', ids: { connectionId: CONNECTION }, timeoutMs: 20_000, ...patch });

  async function signIn(page: Page): Promise<void> {
    await page.locator('#username').fill(DEFAULT_TEST_USER.username);
    await page.locator('#password').fill(DEFAULT_TEST_USER.password);
    await page.locator('#sign-in').click();
  }
  async function nextPage(from: number): Promise<Page> {
    const deadline = Date.now() + 10_000;
    while (pages.length <= from) {
      if (Date.now() > deadline) throw new Error('no page appeared');
      await new Promise((r) => setTimeout(r, 20));
    }
    return pages[from]!;
  }

  beforeAll(async () => {
    key = createTestSigningKey();
    tripwire = await startTripwire();
    idp = await startSamlpIdp({ key, acsUrl: SP.acsUrl, audience: SP.entityId, relayState: 'https://flex.twilio.com/my-runtime' });
  });
  afterAll(async () => {
    await idp?.close();
    await tripwire?.close();
    key?.dispose();
  });

  it('captures an SP-initiated login and nothing reaches the SP host (tripwire)', async () => {
    const before = tripwire.connections();
    const record: Recorded = { bodies: [] };
    const from = pages.length;
    const session = startLoginTest(host(), base({ idpSsoUrl: idp.ssoUrl, relayState: 'state-123' }), { analyze: recordingAnalyze(record, key.certPem) });
    const page = await nextPage(from);
    await page.locator('#username').waitFor();
    expect(session.state().phase).toBe('waiting-for-login');
    await signIn(page);
    const final = await session.done;
    expect(final.phase, final.message).toBe('done');
    expect(final.relayState).toBe('state-123');
    expect(final.postedTo).toBe(SP.acsUrl);
    expect(final.requestId).toMatch(/^_[0-9a-f]{40}$/);
    expect(idp.requests.at(-1)).toMatchObject({ id: final.requestId, issuer: SP.entityId, acsUrl: SP.acsUrl });
    expect(final.captureToDiagnosisMs).toBeGreaterThan(0);
    expect(record.bodies).toHaveLength(1);
    const xml = Buffer.from(new URLSearchParams(record.bodies[0]).get('SAMLResponse')!, 'base64').toString('utf8');
    expect(xml).toContain(`InResponseTo="${final.requestId}"`);
    expect(tripwire.connections() - before).toBe(0);
    expect(existsSync(profiles.at(-1)!)).toBe(false);
  });
});
