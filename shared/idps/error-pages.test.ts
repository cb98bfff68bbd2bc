import { describe, expect, it } from 'vitest';
import {
  describeIdpErrorPage,
  ENTRA_ERROR_CODES,
  ENTRA_RECOVERABLE_CODES,
  IDP_ERROR_PAGE_RULES,
  normalisePageText,
  recogniseIdpErrorPage,
} from './error-pages';
import { isIdpId } from './index';

/** An Entra error page as login.microsoftonline.com serves it: the message sits in the $Config script. */
const entraPage = (code: string, text: string): string =>
  `<!DOCTYPE html><html dir="ltr" lang="en"><head><title>Sign in to your account</title><script type="text/javascript">//<![CDATA[
$Config={"iErrorCode":${code.slice(6)},"strServiceExceptionMessage":"${code}: ${text}","correlationId":"0b4e"};
//]]></script></head><body><div id="idBanner">Sign in</div><noscript>JavaScript required</noscript></body></html>`;

const OKTA_NOT_ASSIGNED = `<!DOCTYPE html><html><head><title>Sorry, you can&#39;t access Twilio Flex</title></head><body>
<div class="error-content"><h1>Sorry, you can&#x27;t access Twilio Flex because you are not assigned this app in Okta.</h1>
<p>If you&rsquo;re wondering why this is happening, please contact your administrator.</p><a href="/">Go to your Okta dashboard</a></div></body></html>`;

describe('recogniseIdpErrorPage', () => {
  it.each([
    [
      'Entra not assigned',
      entraPage(
        'AADSTS50105',
        "Your administrator has configured the application Twilio Flex to block users unless they are specifically granted ('assigned') access.",
      ),
      'azure-ad',
      'AADSTS50105',
      /Users and groups/,
    ],
    [
      'Entra app not found',
      entraPage('AADSTS700016', "Application with identifier 'https://iam.twilio.com/x' was not found in the directory"),
      'azure-ad',
      'AADSTS700016',
      /Identifier \(Entity ID\)/,
    ],
    ['Entra reply URL', entraPage('AADSTS50011', 'The redirect URI specified in the request does not match'), 'azure-ad', 'AADSTS50011', /Reply URL/],
    [
      'Entra auth method',
      entraPage('AADSTS75011', 'Authentication method by which the user authenticated with the service doesn\\u0027t match requested authentication method'),
      'azure-ad',
      'AADSTS75011',
      /password/,
    ],
    ['Entra query too long', entraPage('AADSTS90015', 'Requested query string is too long.'), 'azure-ad', 'AADSTS90015', /Login URL/],
    ['Entra no reply address', entraPage('AADSTS900971', 'No reply address provided.'), 'azure-ad', 'AADSTS900971', /Reply URL/],
    [
      'Entra login URL opened directly',
      entraPage('AADSTS750054', 'SAMLRequest or SAMLResponse must be present'),
      'azure-ad',
      'AADSTS750054',
      /User access URL/,
    ],
    ['Entra unknown code', entraPage('AADSTS7000112', 'Application is disabled.'), 'azure-ad', 'AADSTS7000112', /Sign-in logs/],
    ['Okta not assigned', OKTA_NOT_ASSIGNED, 'okta', 'not assigned this app', /Assignments tab/],
    [
      'Okta 404',
      '<html><head><title>Okta</title></head><body><h1>404</h1><p>Page Not Found</p><p>404 - The page could not be found</p></body></html>',
      'okta',
      'app not found (404)',
      /App Embed Link/,
    ],
    [
      'Google not configured for user',
      '<html><title>Error 403 (Forbidden)</title><body><p><b>403.</b> That’s an error.</p><p>Error: app_not_configured_for_user</p><p>Service is not configured for this user.</p></body></html>',
      'google',
      'app_not_configured_for_user',
      /User access/,
    ],
    ['Google app not configured', '<html><body><p>Error: app_not_configured</p></body></html>', 'google', 'app_not_configured', /SSO URL/],
    [
      'Auth0 callback mismatch',
      '<html><title>Auth0</title><body><h2>Callback URL mismatch.</h2><p>The provided redirect_uri is not in the list of allowed callback URLs.</p></body></html>',
      'auth0',
      'callback URL mismatch',
      /Allowed Callback URLs/,
    ],
    [
      'Auth0 unknown client',
      '<html><body><script src="https://cdn.auth0.com/x.js"></script><p>invalid_request: Unknown client: abc123</p></body></html>',
      'auth0',
      'unknown client',
      /Usage tab/,
    ],
    [
      'Auth0 access denied',
      '<html><body><div class="auth0-error">error: access_denied</div><p>Access denied.</p></body></html>',
      'auth0',
      'access_denied',
      /Actions/,
    ],
  ])('%s', (_name, page, idp, code, fix) => {
    const match = recogniseIdpErrorPage(page);
    expect(match).toMatchObject({ idp, code });
    expect(match!.fix).toMatch(fix);
    expect(describeIdpErrorPage(match!)).toContain(code);
  });

  it.each([
    [
      'a sign-in form with "error" in a help link',
      '<html><title>Sign in</title><body><form><input name="username"></form><a href="/help/error-codes">Having trouble? See common sign-in errors</a></body></html>',
    ],
    ['a wrong password notice', '<html><body><p id="error" role="alert">Wrong username or password.</p></body></html>'],
    ['Entra wrong password (recoverable code)', entraPage('AADSTS50126', 'Error validating credentials due to invalid username or password.')],
    ['Entra MFA prompt (recoverable code)', entraPage('AADSTS50076', 'you must use multi-factor authentication')],
    [
      'a link to the AADSTS code list, no code',
      '<a href="https://learn.microsoft.com/entra/identity-platform/reference-error-codes#aadsts-error-codes">AADSTS error codes</a>',
    ],
    ['a number that only looks like a code', '<p>Ticket AADSTS-50105 and 50105 apples; XAADSTS50105</p>'],
    [
      'Okta sign-in page',
      '<html><head><title>Okta - Sign In</title></head><body><div id="okta-sign-in"></div><a href="/help/login">Need help signing in?</a></body></html>',
    ],
    ['a 404 page of some other site', '<html><title>404 Not Found</title><body>404 page not found</body></html>'],
    ['access_denied outside Auth0', '<p>error: access_denied</p>'],
    ['an empty page', ''],
  ])('not an error page: %s', (_name, page) => {
    expect(recogniseIdpErrorPage(page)).toBeNull();
  });

  it('a known code wins over an unknown one on the same page', () => {
    expect(recogniseIdpErrorPage('AADSTS1234567 then AADSTS50105')?.code).toBe('AADSTS50105');
  });

  it('decodes entities and script escapes', () => {
    expect(normalisePageText('can&#39;t can&#x27;t can\\u0027t can’t &amp;\n\n x')).toBe("can't can't can't can't & x");
  });

  it('keeps its table well-formed: one line, plain sentences, known IdPs, no overlap', () => {
    for (const [code, entry] of Object.entries(ENTRA_ERROR_CODES)) {
      expect(code).toMatch(/^AADSTS\d{5,7}$/);
      expect(ENTRA_RECOVERABLE_CODES.has(code)).toBe(false);
      for (const text of [entry.meaning, entry.fix]) {
        expect(text).not.toMatch(/\n|\.$/);
        expect(text.length).toBeGreaterThan(20);
      }
    }
    for (const rule of IDP_ERROR_PAGE_RULES) {
      expect(isIdpId(rule.idp)).toBe(true);
      expect(rule.patterns.length).toBeGreaterThan(0);
      expect(`${rule.meaning}${rule.fix}`).not.toMatch(/\n/);
    }
    const line = describeIdpErrorPage(recogniseIdpErrorPage(OKTA_NOT_ASSIGNED)!);
    expect(line).toBe(
      'Okta showed an error page ("not assigned this app") instead of signing you in: the user who signed in is not assigned to the Flex application in Okta. To fix it, in the Okta Admin Console, open Applications → Applications → your Flex app → Assignments tab → Assign → Assign to People (or Assign to Groups), then test again.',
    );
  });
});
