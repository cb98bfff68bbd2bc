/** The small pure parts of the login test: patterns, body reading, local pages, profile, AuthnRequest. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildAuthnRequest,
  createThrowawayProfile,
  hostResolverRules,
  isSpUrl,
  pausedRequestBody,
  removeProfile,
  spRequestPatterns,
  CAPTURED_TITLE,
} from '../../electron/services/login-test';
import { blockedPage, capturedPage, duplicatePage } from '../../electron/services/login-test/local-pages';

describe('login test parts', () => {
  it('intercepts every path and port of the SP host at the request stage', () => {
    expect(spRequestPatterns(['login.flex.us1.twilio.com'])).toEqual([
      { urlPattern: '*://login.flex.us1.twilio.com/*', requestStage: 'Request' },
      { urlPattern: '*://login.flex.us1.twilio.com:*', requestStage: 'Request' },
    ]);
    expect(isSpUrl('https://LOGIN.flex.us1.twilio.com/login/callback?connection=JQ1', ['login.flex.us1.twilio.com'])).toBe(true);
    expect(isSpUrl('https://login.flex.us1.twilio.com.evil.example/', ['login.flex.us1.twilio.com'])).toBe(false);
    expect(isSpUrl('not a url', ['login.flex.us1.twilio.com'])).toBe(false);
  });

  it('reads the POST body from postDataEntries (base64) or postData', () => {
    const body = 'SAMLResponse=PHNhbWw%2B&RelayState=x';
    const half = Math.floor(body.length / 2);
    expect(pausedRequestBody({ url: 'u', method: 'POST', postDataEntries: [{ bytes: Buffer.from(body.slice(0, half)).toString('base64') }, { bytes: Buffer.from(body.slice(half)).toString('base64') }] })).toBe(body);
    expect(pausedRequestBody({ url: 'u', method: 'POST', postData: body })).toBe(body);
    expect(pausedRequestBody({ url: 'u', method: 'POST' })).toBeNull();
  });

  it('answers with static pages that carry a CSP and an empty favicon', () => {
    for (const page of [capturedPage(), duplicatePage(), blockedPage('https://login.flex.us1.twilio.com/x')]) {
      const headers = Object.fromEntries(page.headers.map((h) => [h.name.toLowerCase(), h.value]));
      expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(headers['content-security-policy']).not.toMatch(/script-src/);
      const html = Buffer.from(page.body, 'base64').toString('utf8');
      expect(html).toContain('<link rel="icon" href="data:,">');
      expect(html).not.toMatch(/<script/i);
    }
    expect(Buffer.from(capturedPage().body, 'base64').toString('utf8')).toContain(CAPTURED_TITLE);
    expect(blockedPage('https://login.flex.us1.twilio.com/x').status).toBe(403);
  });

  it('makes a throwaway profile with network prediction off, and removes it', async () => {
    const dir = await createThrowawayProfile();
    expect(JSON.parse(readFileSync(join(dir, 'Default', 'Preferences'), 'utf8'))).toEqual({ net: { network_prediction_options: 2 } });
    await removeProfile(dir);
    expect(existsSync(dir)).toBe(false);
    expect(hostResolverRules(['a.example', 'b.example'], '~NOTFOUND')).toBe('MAP a.example ~NOTFOUND, MAP b.example ~NOTFOUND');
  });

  it('builds the AuthnRequest with node-saml: issuer = Entity ID, ACS = the mode\'s, id kept', async () => {
    const built = await buildAuthnRequest({
      idpSsoUrl: 'https://idp.example.com/sso?tenant=1',
      acsUrl: 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef',
      entityId: 'urn:flex:JQ0123456789abcdef0123456789abcdef',
      relayState: 'rs',
    });
    const url = new URL(built.url);
    expect(url.origin + url.pathname).toBe('https://idp.example.com/sso');
    expect(url.searchParams.get('tenant')).toBe('1');
    expect(url.searchParams.get('RelayState')).toBe('rs');
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    expect(xml).toContain(`ID="${built.requestId}"`);
    expect(xml).toContain('AssertionConsumerServiceURL="https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef"');
    expect(xml).toContain('>urn:flex:JQ0123456789abcdef0123456789abcdef</saml:Issuer>');
    expect(xml).not.toContain('RequestedAuthnContext');
  });
});
