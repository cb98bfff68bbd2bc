/**
 * A bounded mutation fuzz over the real-world corpus and a samlp-signed response: every mutant
 * yields a JSON verdict (no crash, no hang), and no mutant changes what is shown as verified.
 * The longer run is scripts/fuzz.mjs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSamlResponse, importMetadata } from '../../electron/services/analysis';
import { createTestCertificate, samlpLogin, startSamlpServer, type RunningSamlpIdp, type TestCertificate } from '../support/idps';
// @ts-expect-error -- plain JavaScript module shared with scripts/fuzz.mjs
import { runFuzz } from '../support/idps/fuzz-run.mjs';
// @ts-expect-error -- plain JavaScript module shared with scripts/fuzz.mjs
import { checkReport, mutate, rng } from '../support/idps/mutate.mjs';

import { handbookFolder } from '../support/handbook';

const CORPUS = handbookFolder('corpus', 'the corpus seeds of the mutation fuzz (the samlp seeds still run)');
const MODE = { mode: 'flex-enhanced' as const, ids: { connectionId: 'JQ0123456789abcdef0123456789abcdef' } };

let key: TestCertificate;
let idp: RunningSamlpIdp;
const seeds: Array<{ name: string; text: string; options: object; original: unknown }> = [];

beforeAll(async () => {
  key = await createTestCertificate();
  idp = await startSamlpServer({ key });
  if (CORPUS) {
    const responses = join(CORPUS, 'responses');
    for (const file of readdirSync(responses)) seeds.push({ name: file, text: readFileSync(join(responses, file), 'utf8'), options: {}, original: null });
  }
  for (const variant of [{}, { signResponse: false }]) {
    const login = await samlpLogin(
      idp,
      {
        entityId: 'urn:flex:JQ0123456789abcdef0123456789abcdef',
        acsUrl: 'https://login.flex.us1.twilio.com/login/callback?connection=JQ0123456789abcdef0123456789abcdef',
      },
      variant,
    );
    const options = { ...MODE, idpCertPem: key.certPem, idpIssuer: idp.issuer };
    const report = await analyzeSamlResponse(login.xml, options);
    expect(report.signature.valid).toBe(true);
    seeds.push({ name: `samlp ${JSON.stringify(variant)}`, text: login.xml, options, original: report.facts });
  }
});

afterAll(async () => {
  await idp?.close();
  key?.dispose();
});

describe('mutation fuzz (bounded)', () => {
  it('never crashes, hangs or lets a mutant change verified facts', async () => {
    const result = await runFuzz({ analyze: analyzeSamlResponse, seeds, seconds: 6, seed: 20_251_126 });
    expect(result.problems).toEqual([]);
    expect(result.counts.crashes).toBe(0);
    expect(result.counts.runs).toBeGreaterThan(50);
    expect(result.counts.rejected).toBeGreaterThan(0);
  }, 60_000);

  it('every mutation kind on the signed response gives a verdict', async () => {
    const signed = seeds.find((s) => s.name === 'samlp {}')!;
    // @ts-expect-error -- JavaScript module
    const { MUTATIONS } = await import('../support/idps/mutate.mjs');
    for (const [name, fn] of Object.entries(MUTATIONS as Record<string, (x: string, r: () => number) => string>)) {
      for (let i = 0; i < 3; i++) {
        const text = fn(signed.text, rng(i + 1));
        const report = await analyzeSamlResponse(text, signed.options);
        expect({ name, problem: checkReport(report, signed.original) }).toEqual({ name, problem: null });
      }
    }
  }, 60_000);

  it.skipIf(!CORPUS)(
    'metadata mutants always give a report',
    async () => {
      if (!CORPUS) return;
      const r = rng(7);
      const docs = readdirSync(join(CORPUS, 'metadata')).map((f) => readFileSync(join(CORPUS, 'metadata', f), 'utf8'));
      for (let i = 0; i < 150; i++) {
        const { text } = mutate(docs[i % docs.length]!, r);
        const report = await importMetadata({ xml: text });
        expect(typeof report.ok).toBe('boolean');
        expect(Array.isArray(report.findings)).toBe(true);
        expect(() => JSON.stringify(report)).not.toThrow();
      }
    },
    60_000,
  );
});
