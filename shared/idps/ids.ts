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
