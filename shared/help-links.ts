/**
 * Where to read more, per wizard step: the IdP's admin console and Twilio's own page for the step.
 * Data only; the wizard shows the links under each step's heading and the desktop app lets exactly
 * these hosts open in the system browser.
 */
import type { ModeId } from './domain/modes';
import type { IdpId } from './idps/ids';
import type { WizardStepId } from './wizard-steps';

export interface HelpLink {
  label: string;
  url: string;
}

const TWILIO_CONSOLE: HelpLink = { label: 'Twilio Console', url: 'https://console.twilio.com/' };
const FLEX_SSO_GUIDE = 'https://www.twilio.com/docs/flex/admin-guide/setup/sso-configuration';
const FRONTLINE_SSO_GUIDE = 'https://www.twilio.com/docs/frontline/sso';

/** Twilio's guide for one IdP, where Twilio has one (else its general SSO guide). */
const TWILIO_IDP_GUIDES: Record<'flex' | 'frontline', Partial<Record<IdpId, string>>> = {
  flex: {
    okta: `${FLEX_SSO_GUIDE}/okta`,
    'azure-ad': `${FLEX_SSO_GUIDE}/azure-ad`,
    google: `${FLEX_SSO_GUIDE}/google`,
    adfs: `${FLEX_SSO_GUIDE}/adfs`,
  },
  frontline: {
    okta: `${FRONTLINE_SSO_GUIDE}/okta`,
    'azure-ad': `${FRONTLINE_SSO_GUIDE}/azure-ad`,
  },
};

/**
 * Each IdP's admin console. Where the console lives on the customer's own host (an Okta org, a
 * OneLogin subdomain, a Keycloak or AD FS server), the vendor's guide to its SAML app settings, or
 * nothing when there is no public page.
 */
const IDP_CONSOLES: Record<IdpId, HelpLink | null> = {
  'azure-ad': { label: 'Microsoft Entra admin center', url: 'https://entra.microsoft.com/' },
  okta: { label: 'Okta\u2019s SAML app settings reference', url: 'https://help.okta.com/en-us/content/topics/apps/aiw-saml-reference.htm' },
  auth0: { label: 'Auth0 Dashboard', url: 'https://manage.auth0.com/' },
  google: { label: 'Google Admin console: Web and mobile apps', url: 'https://admin.google.com/ac/apps/unified' },
  generic: null,
  onelogin: null,
  ping: { label: 'PingOne admin console', url: 'https://console.pingone.com/' },
  adfs: null,
  jumpcloud: { label: 'JumpCloud Admin Portal', url: 'https://console.jumpcloud.com/' },
  keycloak: null,
};

function twilioGuide(mode: ModeId | null, idp: IdpId | null): HelpLink {
  const product = mode === 'frontline' ? 'frontline' : 'flex';
  const own = idp ? TWILIO_IDP_GUIDES[product][idp] : undefined;
  const name = product === 'frontline' ? 'Frontline' : 'Flex';
  if (own) return { label: `Twilio\u2019s guide to this identity provider with ${name}`, url: own };
  return { label: `Twilio\u2019s ${name} single sign-on guide`, url: product === 'frontline' ? FRONTLINE_SSO_GUIDE : FLEX_SSO_GUIDE };
}

/** The links for one step: the console where the step is done, then Twilio's page about it. */
export function helpLinks(step: WizardStepId, mode: ModeId | null, idp: IdpId | null): HelpLink[] {
  const idpConsole = idp ? IDP_CONSOLES[idp] : null;
  switch (step) {
    case 'profile':
      return [];
    case 'product':
    case 'idp':
      return [twilioGuide(mode, null)];
    case 'ids':
    case 'console':
      return [TWILIO_CONSOLE, twilioGuide(mode, idp)];
    case 'configure':
    case 'bring-back':
      return [...(idpConsole ? [idpConsole] : []), twilioGuide(mode, idp)];
    case 'test':
    case 'summary':
      return [twilioGuide(mode, idp)];
  }
}

/** Every host a help link points to (the desktop app opens these in the system browser). */
export function helpLinkHosts(): string[] {
  const urls = [TWILIO_CONSOLE.url, FLEX_SSO_GUIDE, FRONTLINE_SSO_GUIDE, ...Object.values(IDP_CONSOLES).flatMap((link) => (link ? [link.url] : []))];
  return [...new Set(urls.map((url) => new URL(url).hostname))];
}
