/**
 * Well-known namespaced claim names (URIs and OIDs that IdPs send by default) and the Flex claim
 * each should become. Flex maps only bare names (facts, section 3), and a URI's last segment is
 * not always the right bare name: Entra's `…/claims/name` carries the user principal name, so
 * "send it as name" would still leave Flex without `full_name`.
 *
 * `sameValue` says whether the claim's value is what Flex wants (renaming it is the fix) or Flex's
 * claim must come from another source (add that claim; this one is not needed). Per-IdP meanings
 * override the default where IdPs put different things under the same URI.
 */
import type { IdpId } from '../idps/types';

export const FLEX_CLAIM_NAMES = ['email', 'full_name', 'roles'] as const;
export type FlexClaimName = (typeof FLEX_CLAIM_NAMES)[number];

export interface ClaimMeaning {
  /** What the claim carries, lowercase start, no full stop, e.g. "the user's email address". */
  carries: string;
  /** The Flex claim to send instead; null when Flex has no use for it. */
  becomes: FlexClaimName | null;
  /** True when the claim's own value is what Flex wants, so giving it the bare name is enough. */
  sameValue: boolean;
  /** The IdP adds it to every response and Flex ignores it: nothing to do. */
  alwaysSent?: boolean;
}

export interface WellKnownClaim {
  uri: string;
  meaning: ClaimMeaning;
  /** Where an IdP puts something else under this URI. */
  byIdp?: Partial<Record<IdpId, Partial<ClaimMeaning>>>;
}

const XMLSOAP = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims';
const MICROSOFT = 'http://schemas.microsoft.com/identity/claims';
const MS_2008 = 'http://schemas.microsoft.com/ws/2008/06/identity/claims';

const ROLES: ClaimMeaning = { carries: "the user's roles (in Entra, the Value of each app role assigned to the user)", becomes: 'roles', sameValue: true };

export const WELL_KNOWN_CLAIMS: readonly WellKnownClaim[] = [
  { uri: `${XMLSOAP}/emailaddress`, meaning: { carries: "the user's email address", becomes: 'email', sameValue: true } },
  {
    uri: `${XMLSOAP}/name`,
    meaning: { carries: "a login name, which is not always the person's name", becomes: 'full_name', sameValue: false },
    byIdp: {
      'azure-ad': { carries: "the user principal name (user.userprincipalname), Entra's default source for this claim, not the user's display name" },
      adfs: { carries: "an account name chosen in the claim rule, usually not the person's display name" },
      auth0: { carries: "the user's name (Auth0's name profile field)", sameValue: true },
    },
  },
  { uri: `${XMLSOAP}/givenname`, meaning: { carries: 'the first name only', becomes: 'full_name', sameValue: false } },
  { uri: `${XMLSOAP}/surname`, meaning: { carries: 'the last name only', becomes: 'full_name', sameValue: false } },
  {
    uri: `${XMLSOAP}/upn`,
    meaning: { carries: 'the user principal name, a login name that is not always the email address', becomes: 'email', sameValue: false },
  },
  {
    uri: `${XMLSOAP}/nameidentifier`,
    meaning: { carries: 'a user identifier; Flex identifies the user by the Subject NameID instead', becomes: null, sameValue: false, alwaysSent: true },
  },
  { uri: `${XMLSOAP}/role`, meaning: ROLES },
  { uri: `${MICROSOFT}/displayname`, meaning: { carries: "the user's display name", becomes: 'full_name', sameValue: true } },
  { uri: `${MICROSOFT}/objectidentifier`, meaning: { carries: "the user's Entra object ID", becomes: null, sameValue: false, alwaysSent: true } },
  { uri: `${MICROSOFT}/tenantid`, meaning: { carries: 'the Entra tenant ID', becomes: null, sameValue: false, alwaysSent: true } },
  {
    uri: `${MICROSOFT}/identityprovider`,
    meaning: { carries: 'the identity provider that signed the user in', becomes: null, sameValue: false, alwaysSent: true },
  },
  {
    uri: 'http://schemas.microsoft.com/claims/authnmethodsreferences',
    meaning: { carries: 'how the user signed in', becomes: null, sameValue: false, alwaysSent: true },
  },
  { uri: `${MS_2008}/role`, meaning: ROLES },
  { uri: `${MS_2008}/roles`, meaning: ROLES },
  {
    uri: `${MS_2008}/groups`,
    meaning: { carries: "the object IDs (GUIDs) of the user's groups, not role names", becomes: 'roles', sameValue: false },
  },
  {
    uri: 'http://schemas.xmlsoap.org/claims/Group',
    meaning: {
      carries: "the names of the user's groups, which are role names only if the groups are named after the Flex roles",
      becomes: 'roles',
      sameValue: false,
    },
  },
  { uri: 'http://schemas.xmlsoap.org/claims/CommonName', meaning: { carries: "the user's common name", becomes: 'full_name', sameValue: true } },
  { uri: 'http://schemas.xmlsoap.org/claims/EmailAddress', meaning: { carries: "the user's email address", becomes: 'email', sameValue: true } },
  { uri: 'http://schemas.auth0.com/roles', meaning: ROLES },
  { uri: 'urn:oid:0.9.2342.19200300.100.1.3', meaning: { carries: "the user's email address (LDAP mail)", becomes: 'email', sameValue: true } },
  { uri: 'urn:oid:2.16.840.1.113730.3.1.241', meaning: { carries: "the user's display name (LDAP displayName)", becomes: 'full_name', sameValue: true } },
  { uri: 'urn:oid:2.5.4.3', meaning: { carries: "the user's common name (LDAP cn)", becomes: 'full_name', sameValue: true } },
  { uri: 'urn:oid:2.5.4.42', meaning: { carries: 'the first name only (LDAP givenName)', becomes: 'full_name', sameValue: false } },
  { uri: 'urn:oid:2.5.4.4', meaning: { carries: 'the last name only (LDAP sn)', becomes: 'full_name', sameValue: false } },
];

const BY_URI = new Map(WELL_KNOWN_CLAIMS.map((claim) => [claim.uri.toLowerCase(), claim]));

/** True when the name carries a namespace (a URI or URN) rather than being a bare Flex name. */
export function isNamespaced(name: string): boolean {
  return /[/:]/.test(name);
}

/**
 * What a namespaced claim carries and the Flex claim it should become, in this IdP's sense of the
 * URI. Null for a bare name. An unknown URI becomes its last segment when that is a Flex claim.
 */
export function claimMeaning(name: string, idp?: string): (ClaimMeaning & { known: boolean }) | null {
  if (!isNamespaced(name)) return null;
  const known = BY_URI.get(name.toLowerCase());
  if (known) return { ...known.meaning, ...(idp ? known.byIdp?.[idp as IdpId] : undefined), known: true };
  const segment =
    name
      .replace(/[/#:]+$/, '')
      .split(/[/#:]/)
      .pop() ?? '';
  const flex = (FLEX_CLAIM_NAMES as readonly string[]).includes(segment) ? (segment as FlexClaimName) : null;
  return { carries: `a claim Flex does not know by this name${segment ? ` ("${segment}")` : ''}`, becomes: flex, sameValue: flex !== null, known: false };
}
