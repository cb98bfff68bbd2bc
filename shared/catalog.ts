import type { CatalogIdp, CatalogMode } from './api';

// Placeholder list until the domain modules own the modes and IdP playbooks (issue 3).
export const CATALOG_MODES: CatalogMode[] = [
  { id: 'flex-enhanced', label: 'Flex (enhanced SSO)', summary: 'Current Flex single sign-on, set up with an SSO connection id (JQ…).', retired: false },
  { id: 'flex-legacy', label: 'Flex (legacy SSO)', summary: 'The retired Flex single sign-on keyed by Account SID (AC…); migrate to enhanced.', retired: true },
  { id: 'frontline', label: 'Frontline', summary: 'Twilio Frontline, set up with a Realm SID (JB…).', retired: false },
];

export const CATALOG_IDPS: CatalogIdp[] = [
  { id: 'azure-ad', label: 'Microsoft Entra ID (Azure AD)' },
  { id: 'okta', label: 'Okta' },
  { id: 'auth0', label: 'Auth0' },
  { id: 'google', label: 'Google Workspace' },
  { id: 'generic', label: 'Another SAML 2.0 identity provider' },
];
