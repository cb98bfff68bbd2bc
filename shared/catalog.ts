import type { CatalogIdp, CatalogMode } from './api';
import { modeRetired } from './domain/migration';
import { MODE_IDS, MODES } from './domain/modes';
import { getPlaybook, IDP_IDS } from './idps';

/** The modes as of `now`: legacy SSO is retired once its deadline has passed. */
export function catalogModes(now: Date = new Date()): CatalogMode[] {
  return MODE_IDS.map((id) => {
    const mode = MODES[id];
    return { id, label: mode.label, summary: mode.summary, retired: modeRetired(id, now) };
  });
}

export const CATALOG_IDPS: CatalogIdp[] = IDP_IDS.map((id) => ({ id, label: getPlaybook(id).label }));
