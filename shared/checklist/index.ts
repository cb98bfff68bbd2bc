export { buildChecklist, fillTemplate } from './model';
export { renderMarkdown } from './render-markdown';
export { renderHtml } from './render-html';
export type { Checklist, ChecklistArtifact, ChecklistInput, ChecklistSection, ChecklistStep, ChecklistTable, ChecklistValue, ChecklistWarning } from './types';

import type { Checklist } from './types';

/** The JSON document of `checklist --format json` (see ChecklistSchema in ./schema.ts). */
export function renderJson(checklist: Checklist): string {
  return `${JSON.stringify(checklist, null, 2)}\n`;
}
