/**
 * The identity providers the product knows, declared once: required IdPs first, then the others,
 * the order the wizard lists them in. Kept apart from the playbooks so that knowing an id is valid
 * does not load every IdP's texts.
 */
export const IDP_IDS = ['azure-ad', 'okta', 'auth0', 'google', 'generic', 'onelogin', 'ping', 'adfs', 'jumpcloud', 'keycloak'] as const;
export type IdpId = (typeof IDP_IDS)[number];

export function isIdpId(value: string): value is IdpId {
  return (IDP_IDS as readonly string[]).includes(value);
}

/**
 * Other names people type for an IdP, each mapped to its id: the one table every command and
 * field reads, so `entra` and `azure-ad` (and the rest) are accepted everywhere alike.
 */
export const IDP_ALIASES = {
  entra: 'azure-ad',
  'entra-id': 'azure-ad',
  'microsoft-entra-id': 'azure-ad',
  azure: 'azure-ad',
  azuread: 'azure-ad',
  'google-workspace': 'google',
  pingone: 'ping',
  'ping-identity': 'ping',
  'ad-fs': 'adfs',
  saml: 'generic',
} as const satisfies Record<string, IdpId>;

/** The IdP id a name stands for (an id or an alias, any case), or null. */
export function resolveIdpId(value: string): IdpId | null {
  const name = value.trim().toLowerCase();
  if (isIdpId(name)) return name;
  return (IDP_ALIASES as Record<string, IdpId>)[name] ?? null;
}

/** The accepted names, for help and error messages: "azure-ad (or entra), okta, …". */
export function idpNamesText(ids: readonly IdpId[] = IDP_IDS): string {
  return ids.map((id) => (id === 'azure-ad' ? 'azure-ad (or entra)' : id)).join(', ');
}
