import { escapeHtml } from '../text';
import type { Checklist, ChecklistStep, ChecklistTable } from './types';

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #d0d7de; padding-bottom: .25rem; margin-top: 2.25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.summary { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
.summary dt { font-weight: 600; }
.summary dd { margin: 0; }
.value { margin: .5rem 0; }
.value .label { font-weight: 600; display: block; }
code, pre { font-family: ui-monospace, "Cascadia Mono", Consolas, Menlo, monospace; font-size: .9em; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: .25rem 0 .75rem; }
pre.copy { user-select: all; }
.notice { border-left: 4px solid #9a6700; background: #fff8c5; padding: .5rem .8rem; margin: .75rem 0; border-radius: 0 6px 6px 0; }
.notice.error { border-color: #cf222e; background: #ffebe9; }
.notice.info { border-color: #0969da; background: #ddf4ff; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92em; }
th, td { border: 1px solid #d0d7de; padding: .35rem .55rem; text-align: left; vertical-align: top; word-break: break-word; }
th { background: #f6f8fa; }
.artifact-name { color: #57606a; font-weight: normal; }
.tick { margin: .25rem 0 .5rem; }
.tick input { width: 1.05em; height: 1.05em; margin: 0 .4em 0 0; vertical-align: -0.15em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  h3, .value, table, pre { break-inside: avoid; }
  pre { white-space: pre-wrap; }
}`;

function table(source: ChecklistTable): string {
  const head = source.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const rows = source.rows.map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** A step the admin does (not only a reference table): it gets a box to tick, on screen and on paper. */
export function isStepToDo(step: ChecklistStep): boolean {
  return step.body.length > 0 || step.values.length > 0 || step.artifacts.length > 0;
}

function renderStep(step: ChecklistStep, index: number, id: string): string {
  const parts = [`<h3 id="${id}">${index}. ${escapeHtml(step.title)}</h3>`];
  if (isStepToDo(step)) parts.push(`<p class="tick"><label><input type="checkbox" aria-describedby="${id}">Done</label></p>`);
  if (step.body.length > 0) parts.push(`<ul>${step.body.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
  for (const value of step.values) {
    parts.push(`<div class="value"><span class="label">${escapeHtml(value.label)}</span><pre class="copy"><code>${escapeHtml(value.value)}</code></pre></div>`);
  }
  for (const warning of step.warnings) parts.push(`<p class="notice" role="note">${escapeHtml(warning)}</p>`);
  for (const source of step.tables) parts.push(table(source));
  for (const artifact of step.artifacts) {
    parts.push(
      `<div class="value"><span class="label">${escapeHtml(artifact.title)} <span class="artifact-name">(${escapeHtml(artifact.filename)})</span></span><pre class="copy" data-language="${artifact.language}" data-artifact="${artifact.kind}"><code>${escapeHtml(artifact.content)}</code></pre></div>`,
    );
  }
  return `<section class="step">${parts.join('\n')}</section>`;
}

function headerValues(checklist: Checklist): string {
  const rows = (checklist.status ?? []).map((row) => `<dt>${escapeHtml(row.label)}</dt><dd class="status">${escapeHtml(row.value)}</dd>`);
  const migration = checklist.migration;
  if (migration) {
    rows.push(`<dt>Legacy ACS URL (today)</dt><dd><code class="legacy-acs-url">${escapeHtml(migration.legacy.acsUrl)}</code></dd>`);
    rows.push(`<dt>Legacy Entity ID (today)</dt><dd><code class="legacy-entity-id">${escapeHtml(migration.legacy.entityId)}</code></dd>`);
  }
  if (!migration || migration.enhanced) {
    const suffix = migration ? ' (enhanced)' : '';
    rows.push(`<dt>ACS URL${suffix}</dt><dd><code class="acs-url">${escapeHtml(checklist.values.acsUrl)}</code></dd>`);
    rows.push(`<dt>Entity ID${suffix}</dt><dd><code class="entity-id">${escapeHtml(checklist.values.entityId)}</code></dd>`);
  }
  return rows.join('\n');
}

/** A self-contained HTML page: inline CSS, no script, no external requests, print-friendly. */
export function renderHtml(checklist: Checklist): string {
  const warnings = checklist.warnings.map((warning) => `<p class="notice ${warning.severity}" role="note">${escapeHtml(warning.message)}</p>`).join('\n');
  const sections = checklist.sections
    .map(
      (section, index) =>
        `<section id="${escapeHtml(section.id)}">\n<h2>${index + 1}. ${escapeHtml(section.title)}</h2>\n${section.steps.map((step, stepIndex) => renderStep(step, stepIndex + 1, `${escapeHtml(section.id)}-${stepIndex + 1}`)).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(checklist.title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(checklist.title)}</h1>
<dl class="summary">
<dt>Mode</dt><dd>${escapeHtml(checklist.mode.label)}${checklist.mode.retired ? ' (retired)' : ''}</dd>
<dt>Identity provider</dt><dd>${escapeHtml(checklist.idp.label)}</dd>
<dt>Date</dt><dd>${escapeHtml(checklist.date)}</dd>
${headerValues(checklist)}
</dl>
${warnings}
</header>
<main>
${sections}
</main>
</body>
</html>
`;
}
