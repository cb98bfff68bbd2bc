/**
 * What to do about a namespaced claim, in the chosen IdP's words: which Flex claim to send
 * instead, from which of the IdP's sources (the playbook's claims table), and what to remove.
 * The meanings of the URIs are data in shared/domain/claim-uris.ts.
 */
import { claimMeaning, type FlexClaimName } from '../domain/claim-uris';
import { MODES, type ModeId } from '../domain/modes';
import { getPlaybook, isIdpId } from './index';
import type { IdpId, Playbook } from './types';

/** How to send a claim with a bare name from a source, one sentence in each IdP's words. */
const ADD_CLAIM: Record<IdpId, (claim: string, source: string) => string> = {
  'azure-ad': (claim, source) => `In Attributes & Claims select Add new claim: Name ${claim}, Namespace left empty, Source attribute ${source}.`,
  okta: (claim, source) => `Add an attribute statement with Name ${claim}, Name format Basic and Value ${source}.`,
  auth0: (claim, source) =>
    `In the SAML2 Web App add-on's Settings JSON map the profile field to ${claim} under "mappings" (source: ${source}) and set "mapUnknownClaimsAsIs": true.`,
  google: (claim, source) => `On Attribute mapping add a row: Google Directory attribute ${source}, App attribute ${claim}.`,
  generic: (claim, source) => `In the IdP's attribute mapping send ${claim} (that exact name, no namespace or URI) from ${source}.`,
  onelogin: (claim, source) => `On the Parameters tab add a parameter with Field name ${claim}, Include in SAML assertion ticked, and Value ${source}.`,
  ping: (claim, source) => `On the Attribute Mappings tab add the application attribute ${claim}, mapped to ${source}.`,
  adfs: (claim, source) =>
    `In Edit Claim Issuance Policy add a rule sending ${source} with ${claim} typed into Outgoing Claim Type (not a URI picked from the list).`,
  jumpcloud: (claim, source) => `Under USER ATTRIBUTE MAPPING add Service Provider Attribute Name ${claim} with JumpCloud Attribute Name ${source}.`,
  keycloak: (claim, source) => `Add a mapper with SAML Attribute Name ${claim} and SAML Attribute NameFormat Basic, from ${source}.`,
};

/** How to stop sending a claim, in each IdP's words. */
const REMOVE_CLAIM: Record<IdpId, (uri: string) => string> = {
  'azure-ad': (uri) => `Then delete the claim ${uri} in Attributes & Claims.`,
  okta: (uri) => `Then delete the attribute statement named ${uri}.`,
  auth0: (uri) => `Then remove the mapping that produces ${uri}.`,
  google: (uri) => `Then delete the Attribute mapping row whose App attribute is ${uri}.`,
  generic: (uri) => `Then stop sending ${uri}.`,
  onelogin: (uri) => `Then delete the parameter named ${uri}.`,
  ping: (uri) => `Then delete the attribute mapping named ${uri}.`,
  adfs: (uri) => `Then delete the claim rule that sends ${uri}.`,
  jumpcloud: (uri) => `Then delete the attribute mapping named ${uri}.`,
  keycloak: (uri) => `Then delete the mapper that sends ${uri}.`,
};

function playbookFor(idp: string | undefined): Playbook {
  return getPlaybook(idp && isIdpId(idp) ? idp : 'generic');
}

/** Where the IdP's playbook takes a Flex claim from in this mode; null when the mode does not use the claim. */
export function claimSource(playbook: Playbook, claim: FlexClaimName, mode: ModeId): string | null {
  return playbook.claims.find((c) => c.attribute === claim && (!c.modes || c.modes.includes(mode)))?.source ?? null;
}

export interface NamespacedClaimAdvice {
  /** The Flex claim to send instead (null: none needed). */
  becomes: FlexClaimName | null;
  /** What the claim holds and why Flex does not use it. */
  message: string;
  /** What to do, in the IdP's words. */
  fix: string;
}

/** What a namespaced claim is and what to do about it, for this IdP and mode. */
export function namespacedClaimAdvice(uri: string, idp: string | undefined, mode: ModeId): NamespacedClaimAdvice | null {
  const meaning = claimMeaning(uri, idp);
  if (!meaning) return null;
  const playbook = playbookFor(idp);
  const add = ADD_CLAIM[playbook.id];
  const remove = REMOVE_CLAIM[playbook.id](uri);
  const product = MODES[mode].productName;
  const held = `"${uri}" carries a namespace, so ${product} does not read it. It holds ${meaning.carries}`;
  if (meaning.alwaysSent) {
    return {
      becomes: null,
      message: `${held}; ${product} ignores it.`,
      fix: `Nothing to change: ${playbook.label} may add this claim to every response, and ${product} ignores it.`,
    };
  }
  const source = meaning.becomes ? claimSource(playbook, meaning.becomes, mode) : null;
  if (!meaning.becomes || !source) {
    const unused = !meaning.becomes
      ? ''
      : product === 'Flex'
        ? `; the setup for this mode sends no ${meaning.becomes} claim, so nothing needs it`
        : `; ${product} reads only email and roles, so nothing needs it`;
    return {
      becomes: null,
      message: `${held}${unused}.`,
      fix:
        product === 'Flex'
          ? `If the Worker should have this value, send it with a bare name (no namespace or URI); otherwise nothing needs it. ${remove}`
          : `Nothing needs it: ${product} reads only email and roles. ${remove}`,
    };
  }
  const claim = meaning.becomes;
  if (meaning.sameValue) {
    return {
      becomes: claim,
      message: `${held}, which is what ${product} reads as ${claim}: only the name is wrong.`,
      fix: `Send it as ${claim}. ${add(claim, source)} ${remove}`,
    };
  }
  return {
    becomes: claim,
    message: `${held}. ${product} reads the ${claim} claim instead, which must come from another source.`,
    fix: `${add(claim, source)} ${remove}`,
  };
}
