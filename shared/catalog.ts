import type { CatalogIdp, CatalogMode } from './api';
import { MODE_IDS, MODES } from './domain/modes';
import { getPlaybook, IDP_IDS } from './idps';

export const CATALOG_MODES: CatalogMode[] = MODE_IDS.map((id) => {
  const mode = MODES[id];
  return { id, label: mode.label, summary: mode.summary, retired: mode.retired };
});

export const CATALOG_IDPS: CatalogIdp[] = IDP_IDS.map((id) => ({ id, label: getPlaybook(id).label }));
