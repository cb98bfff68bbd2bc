/**
 * Error pages identity providers show instead of signing a user in, often with HTTP 200: what
 * each one means and what to change, in that IdP's own words. Pure data and string matching
 * (no Node, no DOM): the login test hands it the HTML of each page the IdP served.
 *
 * Only specific codes and phrases are matched, never a bare word like "error": an ordinary
 * sign-in page (with a help link, or a "wrong password" notice the user can recover from) must
 * never end a test.
 */
import type { IdpId } from './types';

export interface IdpErrorPageMatch {
  idp: IdpId;
  /** The code as the IdP shows it (AADSTS50105, app_not_configured_for_user), or a short name when it shows none. */
  code: string;
  /** What the IdP is saying, in plain words. */
  meaning: string;
  /** What to change, in the IdP's console vocabulary. */
  fix: string;
}

interface EntraCode {
  meaning: string;
  fix: string;
}

const ENTRA_APP = 'In the Microsoft Entra admin center, open Enterprise applications → All applications → your Flex application';

/** Microsoft Entra ID sign-in errors (AADSTS + number) that stop a SAML login to Flex. */
export const ENTRA_ERROR_CODES: Readonly<Record<string, EntraCode>> = {
  AADSTS50105: {
    meaning: 'the user who signed in is not assigned to the Flex application in Entra, so Entra will not sign them in to it',
    fix: `${ENTRA_APP} → Users and groups → Add user/group: assign the user (or a group they belong to), with a role, then test again`,
  },
  AADSTS700016: {
    meaning: 'Entra has no application in this directory whose Identifier (Entity ID) matches the one Twilio sends (or the login went to another tenant)',
    fix: `${ENTRA_APP} → Single sign-on → Basic SAML Configuration: set Identifier (Entity ID) to exactly the Entity ID the wizard shows, and check that the Login URL in Twilio belongs to this tenant`,
  },
  AADSTS50011: {
    meaning: 'the address Twilio asked Entra to send the response to is not one of the Reply URLs set for the application',
    fix: `${ENTRA_APP} → Single sign-on → Basic SAML Configuration: set Reply URL (Assertion Consumer Service URL) to exactly the ACS URL the wizard shows`,
  },
  AADSTS75011: {
    meaning:
      'the user is signed in to Microsoft in a different way (for example passwordless or with a certificate) from the one the sign-in request asked for',
    fix: 'Sign out of Microsoft in the test window (or start a new test) and sign in with the account password; if your organisation only allows another sign-in method, ask Twilio support about the authentication method Flex requests',
  },
  AADSTS750054: {
    meaning: "the Login URL was opened on its own, without a sign-in request from Twilio; Entra's Login URL only works when Twilio sends the user there",
    fix: `For a test started at Entra, use the application's User access URL (${ENTRA_APP} → Properties) or Single sign-on → Test; for a test started at Twilio, give the Login URL as the SSO URL`,
  },
  AADSTS90015: {
    meaning: 'the sign-in request Entra received was too long for it to read',
    fix: 'Start the test again from the wizard; if it happens again, check that the Login URL set in Twilio is exactly the one on the Single sign-on page of the application, with nothing added to it',
  },
  AADSTS900971: {
    meaning: 'Entra did not know where to send the response: the application has no Reply URL',
    fix: `${ENTRA_APP} → Single sign-on → Basic SAML Configuration: set Reply URL (Assertion Consumer Service URL) to the ACS URL the wizard shows, and Save`,
  },
  AADSTS50020: {
    meaning: 'the account that signed in is not a member (or guest) of the directory the Flex application lives in',
    fix: 'Sign in with an account of this directory, or invite the user as a guest (Users → New user → Invite external user) and assign them to the application under Users and groups',
  },
  AADSTS50057: {
    meaning: 'the user account is disabled in Entra',
    fix: 'In the Microsoft Entra admin center, open Users → the user → Properties and allow sign-in (Account enabled), or test with another user',
  },
  AADSTS53003: {
    meaning: 'a Conditional Access policy blocked this sign-in',
    fix: 'In the Microsoft Entra admin center, open Sign-in logs for this attempt: its Conditional Access tab names the policy; change the policy or test from a device and place it allows',
  },
  AADSTS70001: {
    meaning: 'the Flex application is disabled in this directory',
    fix: `${ENTRA_APP} → Properties: set "Enabled for users to sign-in?" to Yes`,
  },
};

/**
 * Entra codes shown on pages the user can get past on the same screen (wrong password, MFA,
 * "stay signed in?", an expired password): never the end of a test.
 */
export const ENTRA_RECOVERABLE_CODES: ReadonlySet<string> = new Set([
  'AADSTS16000',
  'AADSTS16001',
  'AADSTS50053',
  'AADSTS50055',
  'AADSTS50058',
  'AADSTS50072',
  'AADSTS50074',
  'AADSTS50076',
  'AADSTS50079',
  'AADSTS50125',
  'AADSTS50126',
  'AADSTS50140',
  'AADSTS50158',
  'AADSTS50173',
  'AADSTS50196',
  'AADSTS51004',
  'AADSTS500121',
  'AADSTS501481',
  'AADSTS81010',
  'AADSTS90072',
]);

/** Any other AADSTS code that reaches a page: named, and looked up by the admin. */
const ENTRA_OTHER_CODE: EntraCode = {
  meaning: 'Microsoft Entra ID stopped the sign-in with its own error',
  fix: "Look the code up in Microsoft's list of AADSTS error codes, or open Sign-in logs in the Microsoft Entra admin center: the failed attempt shows the reason",
};

export interface IdpErrorPageRule {
  idp: IdpId;
  code: string;
  /** Every pattern must match the page (its HTML, with entities and script escapes decoded). */
  patterns: readonly RegExp[];
  meaning: string;
  fix: string;
}

/** Error pages without an AADSTS code, by the phrases the IdP puts on them. */
export const IDP_ERROR_PAGE_RULES: readonly IdpErrorPageRule[] = [
  {
    idp: 'okta',
    code: 'not assigned this app',
    patterns: [/\bnot assigned (?:to )?this app(?:lication)?\b/i],
    meaning: 'the user who signed in is not assigned to the Flex application in Okta',
    fix: 'In the Okta Admin Console, open Applications → Applications → your Flex app → Assignments tab → Assign → Assign to People (or Assign to Groups), then test again',
  },
  {
    idp: 'okta',
    code: 'app not found (404)',
    patterns: [
      /\bokta\b/i,
      /\b404\b[^<]{0,80}\b(?:not found|page could not be found|page not found)\b|\b(?:page|app(?:lication)?) (?:could )?not (?:be )?found\b[^<]{0,80}\b404\b/i,
    ],
    meaning: 'Okta has no page at this address: the app link or SSO URL is wrong, or the app was deleted',
    fix: 'In the Okta Admin Console, open Applications → Applications → your Flex app → Sign On tab → View SAML setup instructions and copy the Identity Provider Single Sign-On URL again (or, for a test started at Okta, General tab → App Embed Link)',
  },
  {
    idp: 'google',
    code: 'app_not_configured_for_user',
    patterns: [/\bapp_not_configured_for_user\b/],
    meaning: 'the Flex SAML app is not turned on for this user in Google Workspace',
    fix: "In the Google Admin console, open Apps → Web and mobile apps → your Flex app → User access: turn it ON for everyone, or for the user's organizational unit or group, and Save (changes can take a while to apply)",
  },
  {
    idp: 'google',
    code: 'app_not_configured',
    patterns: [/\bapp_not_configured\b(?!_for_user)/],
    meaning: 'Google Workspace does not know the Flex SAML app this sign-in asked for: the SSO URL points at an app that does not exist (or was deleted)',
    fix: 'In the Google Admin console, open Apps → Web and mobile apps → your Flex app → Download metadata (Google Identity Provider details), and copy its SSO URL and Entity ID into Twilio again',
  },
  {
    idp: 'auth0',
    code: 'callback URL mismatch',
    patterns: [/\bcallback url mismatch\b/i],
    meaning: "Twilio's ACS URL is not one of the Allowed Callback URLs of the Auth0 application",
    fix: 'In the Auth0 Dashboard, open Applications → Applications → your Flex app → Settings: add the ACS URL the wizard shows to Allowed Callback URLs, and set it as the Application Callback URL of the SAML2 Web App addon',
  },
  {
    idp: 'auth0',
    code: 'unknown client',
    patterns: [/\bauth0\b/i, /\bunknown client\b/i],
    meaning: 'Auth0 has no application with the client id in the Login URL',
    fix: 'In the Auth0 Dashboard, open your Flex app → Addons → SAML2 Web App → Usage tab, and copy the Identity Provider Login URL into Twilio again',
  },
  {
    idp: 'auth0',
    code: 'access_denied',
    patterns: [/\bauth0\b/i, /\berror[^a-z0-9]{0,20}access_denied\b/i],
    meaning: "Auth0 refused the sign-in: an Action (or Rule) denied it, or the user's connection is not enabled for the Flex app",
    fix: "In the Auth0 Dashboard, check Monitoring → Logs for this attempt, the Actions in the Login flow, and your Flex app → Connections tab (the user's connection must be on)",
  },
];

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: "'", lsquo: "'" };

/** The page's HTML with entities and JavaScript/JSON string escapes decoded, so phrases match as shown. */
export function normalisePageText(html: string): string {
  return html
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d{1,6});/g, (_, dec: string) => String.fromCharCode(Number(dec) > 0xffff ? 0xfffd : Number(dec)))
    .replace(/&#x([0-9a-fA-F]{1,5});/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16) > 0xffff ? 0xfffd : parseInt(hex, 16)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ');
}

/** At most this much of a page is read: error pages are small, and matching stays cheap. */
const MAX_PAGE_CHARS = 1_000_000;

/** Recognises an IdP's error page from its HTML (or text); null for any other page. */
export function recogniseIdpErrorPage(page: string): IdpErrorPageMatch | null {
  const text = normalisePageText(page.length > MAX_PAGE_CHARS ? page.slice(0, MAX_PAGE_CHARS) : page);
  const codes = [...text.matchAll(/\bAADSTS(\d{5,7})\b/g)].map((m) => `AADSTS${m[1]}`);
  const known = codes.find((code) => Object.hasOwn(ENTRA_ERROR_CODES, code));
  if (known) return { idp: 'azure-ad', code: known, ...ENTRA_ERROR_CODES[known]! };
  const other = codes.find((code) => !ENTRA_RECOVERABLE_CODES.has(code));
  if (other) return { idp: 'azure-ad', code: other, ...ENTRA_OTHER_CODE };
  for (const rule of IDP_ERROR_PAGE_RULES) {
    if (rule.patterns.every((pattern) => pattern.test(text))) return { idp: rule.idp, code: rule.code, meaning: rule.meaning, fix: rule.fix };
  }
  return null;
}

const IDP_NAMES: Readonly<Partial<Record<IdpId, string>>> = { 'azure-ad': 'Microsoft Entra ID', okta: 'Okta', google: 'Google Workspace', auth0: 'Auth0' };

/** One line for the admin: who showed the error, its code, what it means and what to do. */
export function describeIdpErrorPage(match: IdpErrorPageMatch): string {
  const who = IDP_NAMES[match.idp] ?? 'The identity provider';
  const code = /^(AADSTS\d+|[a-z_]+)$/.test(match.code) ? match.code : `"${match.code}"`;
  const fix = match.fix.charAt(0).toLowerCase() + match.fix.slice(1);
  return `${who} showed an error page (${code}) instead of signing you in: ${match.meaning}. To fix it, ${fix}.`;
}
