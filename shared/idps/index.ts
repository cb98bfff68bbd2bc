import { adfs } from './adfs';
import { auth0 } from './auth0';
import { azureAd } from './azure-ad';
import { generic } from './generic';
import { google } from './google';
import { jumpcloud } from './jumpcloud';
import { keycloak } from './keycloak';
import { okta } from './okta';
import { onelogin } from './onelogin';
import { ping } from './ping';
import { IDP_IDS } from './ids';
import type { IdpId, Playbook } from './types';

export type { IdpId, Playbook, PlaybookStep, PlaybookValue, ClaimSource, ArtifactKind, Template } from './types';
export { LABEL_HEDGE, unverified } from './types';

export { IDP_ALIASES, IDP_IDS, idpNamesText, isIdpId, resolveIdpId } from './ids';

const PLAYBOOKS: Readonly<Record<IdpId, Playbook>> = {
  'azure-ad': azureAd,
  okta,
  auth0,
  google,
  generic,
  onelogin,
  ping,
  adfs,
  jumpcloud,
  keycloak,
};

export function getPlaybook(id: IdpId): Playbook {
  const playbook = PLAYBOOKS[id];
  if (!playbook) throw new Error(`unknown identity provider "${String(id)}"; expected one of ${IDP_IDS.join(', ')}`);
  return playbook;
}
