/**
 * The product's knowledge as the renderer sees it: everything comes from shared/ (pure TS). The
 * React code never names an IdP; it renders whatever a playbook describes.
 */
import { IDP_IDS, LABEL_HEDGE, getPlaybook, isIdpId, type Playbook } from '../../../shared/idps/index';

export const PLAYBOOKS: readonly Playbook[] = IDP_IDS.map(getPlaybook);

export function findPlaybook(id: string | null | undefined): Playbook | null {
  return id && isIdpId(id) ? getPlaybook(id) : null;
}

/** Splits a label the playbook marked unverified into its text and whether it carries the hedge. */
export function splitHedge(label: string): { text: string; hedged: boolean } {
  if (label.includes(LABEL_HEDGE)) return { text: label.replace(LABEL_HEDGE, '').trim(), hedged: true };
  return { text: label, hedged: false };
}
