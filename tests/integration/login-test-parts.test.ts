/** The small pure parts of the login test: patterns, body reading, local pages, profile, AuthnRequest. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildAuthnRequest,
  captureRequestPatterns,
  createThrowawayProfile,
  isSignInChainHop,
  looksLikeSamlPost,
  pausedRequestBody,
  removeProfile,
  CAPTURED_TITLE,
  LOGIN_BROWSER_PREFERENCES,
} from '../../electron/services/login-test';
import { blockedPage, capturedPage, duplicatePage } from '../../electron/services/login-test/local-pages';

describe('login test parts', () => {
  it('intercepts every navigation (a SAML POST to any host) and every request to Twilio, at the request stage', () => {
    expect(captureRequestPatterns()).toEqual([
      { urlPattern: '*', resourceType: 'Document', requestStage: 'Request' },
      { urlPattern: '*twilio.com*', requestStage: 'Request' },
    ]);
  });

  it('recognises a SAMLResponse form field, url-encoded or multipart, in any letter case', () => {
    expect(looksLikeSamlPost('SAMLResponse=PHNhbWw%2B&RelayState=x')).toBe(true);
    expect(looksLikeSamlPost('RelayState=x&samlresponse=PHN')).toBe(true);
    expect(looksLikeSamlPost('--b\r\nContent-Disposition: form-data; name="SAMLResponse"\r\n\r\nPHN')).toBe(true);
    expect(looksLikeSamlPost('SAMLRequest=abc')).toBe(false);
    expect(looksLikeSamlPost('comment=about+the+SAMLResponseX')).toBe(false);
    expect(looksLikeSamlPost(null)).toBe(false);
  });

  it('lets a SAML POST continue only as a hop back to a host the sign-in already showed, addressed to no one at Twilio', () => {
    const post = (xml: string): string => `SAMLResponse=${encodeURIComponent(Buffer.from(xml).toString('base64'))}`;
    const adfsToEntra = post(
      '<samlp:Response Destination="https://login.microsoftonline.com/login.srf"><saml:Audience>urn:federation:MicrosoftOnline</saml:Audience></samlp:Response>',
    );
    const visited = new Set(['login.microsoftonline.com', 'adfs.example.com']);
    expect(isSignInChainHop('https://login.microsoftonline.com/login.srf', adfsToEntra, visited)).toBe(true);
    expect(isSignInChainHop('https://LOGIN.microsoftonline.com./login.srf', adfsToEntra, visited)).toBe(true);
    // Never visited: another application's ACS URL, captured.
    expect(isSignInChainHop('https://sso.other-app.example/acs', adfsToEntra, visited)).toBe(false);
    // Addressed to Flex (an ACS URL pasted with the IdP's own host): captured.
    expect(isSignInChainHop('https://login.microsoftonline.com/login.srf', post('<saml:Audience>urn:flex:JQ0123</saml:Audience>'), visited)).toBe(false);
    expect(
      isSignInChainHop('https://login.microsoftonline.com/login.srf', post('<x Destination="https://iam.twilio.com/v2/saml2/authenticate/JB1"/>'), visited),
    ).toBe(false);
    // A Twilio host is never a hop, whatever the response says.
    expect(isSignInChainHop('https://login.flex.us1.twilio.com/login/callback', adfsToEntra, new Set(['login.flex.us1.twilio.com']))).toBe(false);
  });

  it('reads the POST body from postDataEntries (base64) or postData', () => {
    const body = 'SAMLResponse=PHNhbWw%2B&RelayState=x';
    const half = Math.floor(body.length / 2);
    expect(
      pausedRequestBody({
        url: 'u',
        method: 'POST',
        postDataEntries: [{ bytes: Buffer.from(body.slice(0, half)).toString('base64') }, { bytes: Buffer.from(body.slice(half)).toString('base64') }],
      }),
    ).toBe(body);
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

  it("makes a throwaway profile with the login browser's preferences (prediction, sign-in, safe browsing off), and removes it", async () => {
    const dir = await createThrowawayProfile();
    const preferences = JSON.parse(readFileSync(join(dir, 'Default', 'Preferences'), 'utf8'));
    expect(preferences).toEqual(JSON.parse(JSON.stringify(LOGIN_BROWSER_PREFERENCES)));
    expect(preferences).toMatchObject({ net: { network_prediction_options: 2 }, signin: { allowed: false }, safebrowsing: { enabled: false } });
    await removeProfile(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it("builds the AuthnRequest with node-saml: issuer = Entity ID, ACS = the mode's, id kept", async () => {
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
