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
import type { FindingCode } from '../findings';
import { MODES, type ModeId } from '../domain/modes';
import { IDP_IDS } from './ids';
import type { IdpId, Playbook } from './types';

export type { IdpId, Playbook, PlaybookStep, PlaybookValue, ClaimSource, ArtifactKind, Template } from './types';
export { LABEL_HEDGE } from './types';

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
  if (!playbook) throw new Error(`unknown identity provider "${id}"; expected one of ${IDP_IDS.join(', ')}`);
  return playbook;
}

/** The playbook's fixes for the mode: Frontline's own words over the shared ones where the product is Frontline. */
export function troubleshootingFor(playbook: Playbook, mode: ModeId | undefined): Partial<Record<FindingCode, string>> {
  const frontline = mode !== undefined && MODES[mode].product === 'frontline';
  return { ...playbook.troubleshooting, ...(frontline ? playbook.frontlineTroubleshooting : {}) };
}
