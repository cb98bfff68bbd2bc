/**
 * The seed-by-seed table (docs/seed-facts.md): every fact the seed documents state, and where the
 * product states it or why not. Three checks, so a change that drops a seed fact fails:
 * 1. the product output named for each fact still says it (always);
 * 2. the doc is the table rendered (always; UPDATE_DOCS=1 rewrites it);
 * 3. each fact's anchors are really in its seed (when ../shared/seeds is present, else skipped with a printed reason).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChecklist, renderMarkdown } from '../../shared/checklist';
import { spValues } from '../../shared/domain/modes';
import { SEEDS, type SeedFact, type Where } from '../seeds/seed-facts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEEDS_DIR = join(ROOT, '..', 'shared', 'seeds');
const DOC = join(ROOT, 'docs', 'seed-facts.md');
const HEX = '0123456789abcdef0123456789abcdef';

const outputs = new Map<string, string>();

function describeWhere(where: Where): string {
  switch (where.kind) {
    case 'checklist':
      return `checklist ${where.mode} × ${where.idp}${where.customDomain ? ` with a custom domain` : ''}${where.now ? ` (as of ${where.now})` : ''}`;
    case 'values':
      return `values ${where.mode}`;
    case 'source':
      return `\`${where.file}\``;
  }
}

/** The product output a fact is checked against, made once per kind of output. */
function outputFor(where: Where): string {
  const key = JSON.stringify(where);
  const cached = outputs.get(key);
  if (cached !== undefined) return cached;
  let text: string;
  switch (where.kind) {
    case 'checklist':
      text = renderMarkdown(
        buildChecklist({
          mode: where.mode,
          idp: where.idp,
          connectionId: `JQ${HEX}`,
          accountSid: `AC${HEX}`,
          realmSid: `JB${HEX}`,
          ...(where.mode === 'frontline' ? { workspaceId: `WS${HEX}` } : { insightsRoles: ['wfo.full_access'] }),
          ...(where.idp === 'auth0' ? { auth0ClientId: 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww' } : {}),
          ...(where.customDomain ? { customDomain: where.customDomain } : {}),
          now: new Date(`${where.now ?? '2026-11-30'}T12:00:00Z`),
          uuid: () => '00000000-0000-4000-8000-000000000000',
        }),
      );
      break;
    case 'values': {
      const values = spValues(where.mode, { connectionId: `JQ${HEX}`, accountSid: `AC${HEX}`, realmSid: `JB${HEX}` });
      text = `${values.acsUrl}\n${values.entityId}`;
      break;
    }
    case 'source':
      text = readFileSync(join(ROOT, where.file), 'utf8');
  }
  outputs.set(key, text);
  return text;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/\t/g, ' ');
}

function whereCell(fact: SeedFact): string {
  if (fact.where && fact.productSays) return `${describeWhere(fact.where)}: “${cell(fact.productSays)}”`;
  return `Not stated. ${cell(fact.whyNot ?? '')}`;
}

export function renderSeedTable(): string {
  const lines = [
    '# The seeds, fact by fact, and where the product states them',
    '',
    'Every fact each source document in `../shared/seeds` states, and where the product states it (the output and its words),',
    'or why it does not. Generated from `tests/seeds/seed-facts.ts` by `tests/unit/seed-facts.test.ts`, which also checks that',
    'every output named here still says what the table quotes, so a change that drops a seed fact fails. Checklists are as of',
    '2026-11-30, with the ids of the golden tests. Rewrite this file with `UPDATE_DOCS=1 npx vitest run tests/unit/seed-facts.test.ts`.',
    '',
  ];
  const total = SEEDS.reduce((sum, seed) => sum + seed.facts.length, 0);
  const notStated = SEEDS.reduce((sum, seed) => sum + seed.facts.filter((fact) => !fact.productSays).length, 0);
  lines.push(`${total} facts in ${SEEDS.length} seeds: ${total - notStated} stated by the product, ${notStated} not (each with its reason).`, '');
  for (const seed of SEEDS) {
    lines.push(
      `## ${seed.file.slice(0, 3)}: ${seed.title}`,
      '',
      `Source: \`${seed.file}\`.`,
      '',
      '| # | The seed states | Where the product states it |',
      '| --- | --- | --- |',
    );
    seed.facts.forEach((fact, index) =>
      lines.push(`| ${seed.file.slice(0, 3)}-${String(index + 1).padStart(2, '0')} | ${cell(fact.fact)} | ${whereCell(fact)} |`),
    );
    lines.push('');
  }
  return lines.join('\n');
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').toLowerCase();
}

describe('seed facts: each is stated by the product, or says why not', () => {
  it.each(SEEDS.flatMap((seed) => seed.facts.map((fact, index) => [`${seed.file.slice(0, 3)}-${index + 1}`, fact] as const)))('%s', (_id, fact) => {
    expect(fact.seedSays.length).toBeGreaterThan(0);
    if (fact.productSays === undefined) {
      expect(fact.whyNot, 'a fact the product does not state says why').toMatch(/\w{3,}.*\.$/);
      expect(fact.where).toBeUndefined();
      return;
    }
    expect(fact.where).toBeDefined();
    expect(outputFor(fact.where!)).toContain(fact.productSays);
  });

  it('docs/seed-facts.md is the table rendered (UPDATE_DOCS=1 rewrites it)', () => {
    const rendered = renderSeedTable();
    if (process.env.UPDATE_DOCS === '1' || !existsSync(DOC)) writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});

const seedsPresent = existsSync(SEEDS_DIR);
if (!seedsPresent) console.log(`seed facts: ${SEEDS_DIR} is absent, so the anchors are not checked against the seed documents (the product checks still run)`);

describe.skipIf(!seedsPresent)('seed facts: each anchor is in its seed document', () => {
  it('covers the five seeds', () => {
    expect(SEEDS.map((seed) => seed.file).sort()).toEqual(
      expect.arrayContaining([
        '000_dacc912037040601.txt',
        '001_f534787aa16acc7a.txt',
        '002_4d5c7953207e2d22.txt',
        '003_feabd4937d397849.txt',
        '004_4d5f2da8bafbb151.txt',
      ]),
    );
  });
  it.each(SEEDS.map((seed) => [seed.file, seed] as const))('%s', (file, seed) => {
    const text = normalize(readFileSync(join(SEEDS_DIR, file), 'utf8'));
    const missing = seed.facts.flatMap((fact) =>
      fact.seedSays.filter((anchor) => !text.includes(normalize(anchor))).map((anchor) => `${fact.fact} ← "${anchor}"`),
    );
    expect(missing).toEqual([]);
  });
});
