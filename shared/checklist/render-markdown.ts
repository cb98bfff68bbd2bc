import { isStepToDo } from './render-html';
import type { Checklist, ChecklistStep, ChecklistTable } from './types';

function fence(content: string, language: string): string {
  const longest = Math.max(2, ...Array.from(content.matchAll(/`+/g), (match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language === 'text' ? '' : language}\n${content.replace(/\n$/, '')}\n${ticks}`;
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

function table(source: ChecklistTable): string {
  const head = `| ${source.columns.map(cell).join(' | ')} |`;
  const rule = `|${source.columns.map(() => ' --- ').join('|')}|`;
  const rows = source.rows.map((row) => `| ${row.map((value) => cell(value === '' ? ' ' : value)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

function renderStep(step: ChecklistStep, index: number): string {
  const parts: string[] = [`### ${index}. ${step.title}`];
  // A box to tick (a task list item in GitHub-flavoured Markdown), for the steps the admin does.
  if (isStepToDo(step)) parts.push('- [ ] Done');
  if (step.body.length > 0) parts.push(step.body.map((line) => `- ${line}`).join('\n'));
  for (const value of step.values) parts.push(`**${value.label}**\n\n${fence(value.value, 'text')}`);
  for (const warning of step.warnings) parts.push(`> **Warning:** ${warning}`);
  for (const source of step.tables) parts.push(table(source));
  for (const artifact of step.artifacts) parts.push(`**${artifact.title}** (\`${artifact.filename}\`)\n\n${fence(artifact.content, artifact.language)}`);
  return parts.join('\n\n');
}

/** The checklist as Markdown: values and artifacts in fenced code blocks, ready to copy. */
export function renderMarkdown(checklist: Checklist): string {
  const out: string[] = [`# ${checklist.title}`];
  out.push(
    [
      `- Mode: ${checklist.mode.label}${checklist.mode.retired ? ' (retired)' : ''}`,
      `- Identity provider: ${checklist.idp.label}`,
      `- Date: ${checklist.date}`,
      ...(checklist.status ?? []).map((row) => `- ${row.label}: ${row.value}`),
      ...(checklist.migration
        ? [`- Legacy ACS URL (today): \`${checklist.migration.legacy.acsUrl}\``, `- Legacy Entity ID (today): \`${checklist.migration.legacy.entityId}\``]
        : []),
      ...(checklist.migration && !checklist.migration.enhanced
        ? []
        : [
            `- ACS URL${checklist.migration ? ' (enhanced)' : ''}: \`${checklist.values.acsUrl}\``,
            `- Entity ID${checklist.migration ? ' (enhanced)' : ''}: \`${checklist.values.entityId}\``,
          ]),
    ].join('\n'),
  );
  for (const warning of checklist.warnings) out.push(`> **${warning.severity === 'info' ? 'Note' : 'Warning'}:** ${warning.message}`);
  checklist.sections.forEach((section, sectionIndex) => {
    out.push(`## ${sectionIndex + 1}. ${section.title}`);
    section.steps.forEach((step, stepIndex) => out.push(renderStep(step, stepIndex + 1)));
  });
  return `${out.join('\n\n')}\n`;
}
