/**
 * Input that cannot hurt the main side: analysis and metadata parsing run on a worker thread
 * (electron/services/saml/analysis-pool.ts), so other API calls answer while a large document is
 * read; hostile documents (5 MB of nesting, 5 MB of elements sharing one ID) are refused on their
 * raw text at once; a document that needs too much memory or time ends the thread, not the app,
 * and the next analysis gets a fresh thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../shared/api';
import { createApiHandlers } from '../../electron/services/api-handlers';
import type { ApiServices } from '../../electron/services/api-services';
import { createWorkerAnalysis } from '../../electron/services/saml/analysis-pool';
import { readStructure } from '../../shared/saml/response';
import { parseXmlSafely } from '../../shared/saml/xml';
import { analysisWorkerScript } from '../support/analysis-worker';
import { createTestServices } from '../support/test-services';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

/** Valid IdP metadata padded with `count` extra elements (an aggregate-sized document the parser must read in full). */
function largeMetadata(count: number): string {
  const padding =
    '<md:Extensions>' +
    Array.from({ length: count }, (_, i) => `<md:Organization xml:lang="en" data-i="${i}">Padding organisation number ${i}</md:Organization>`).join('') +
    '</md:Extensions>';
  return (
    `<md:EntityDescriptor xmlns:md="${MD}" entityID="https://idp.example.com/large">${padding}` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}

/** Just under 5 MB (the API's limit for pasted metadata). */
const FIVE_MB = 4_999_000;
const deeplyNested = () => '<a>'.repeat(Math.floor(FIVE_MB / 7)) + '</a>'.repeat(Math.floor(FIVE_MB / 7));
const sharedIds = () =>
  `<md:EntityDescriptor xmlns:md="${MD}" ID="x" entityID="e">${'<e ID="x"/>'.repeat(Math.floor((FIVE_MB - 200) / 11))}</md:EntityDescriptor>`;

let services: ApiServices;
let handlers: ApiHandlers;
beforeAll(async () => {
  services = await createTestServices();
  handlers = createApiHandlers(services);
});
afterAll(async () => {
  await services?.analysis.close();
});

describe('the main side keeps answering while a document is read', () => {
  it('another API call answers, quickly, while a large metadata document is analysed', async () => {
    const xml = largeMetadata(20_000);
    await handlers.importMetadataText({ xml: largeMetadata(10) }); // the thread is up and node-saml loaded
    let importDone = false;
    const started = performance.now();
    const importing = handlers.importMetadataText({ xml }).then((answer) => {
      importDone = true;
      return answer;
    });
    const latencies: number[] = [];
    let answeredWhileImporting = 0;
    while (!importDone) {
      const asked = performance.now();
      await handlers.getAppInfo({});
      latencies.push(performance.now() - asked);
      if (!importDone) answeredWhileImporting++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { report } = await importing;
    const importMs = performance.now() - started;
    expect(report.entityId).toBe('https://idp.example.com/large');
    expect(importMs).toBeGreaterThan(100);
    expect(answeredWhileImporting).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(250);
  });

  it.each([
    ['5 MB of nesting', deeplyNested, /nests elements more than 100 levels deep/],
    ['5 MB of elements sharing one ID', sharedIds, /more than 50,000 elements/],
  ])('%s is refused on its raw text in well under a second', async (_name, make, message) => {
    const xml = make();
    expect(xml.length).toBeGreaterThan(4_900_000);
    const started = performance.now();
    const { report } = await handlers.importMetadataText({ xml });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report.findings[0]!.message).toMatch(message);
  });
});

describe('many elements sharing one ID', () => {
  /** The fastest of three readings of a Response whose `n` children all carry the root's ID. */
  const fastest = (n: number): number => {
    const parsed = parseXmlSafely(
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="x">${'<e ID="x"/>'.repeat(n)}</samlp:Response>`,
      10_000_000,
      n + 10,
    );
    if (!parsed.ok) throw new Error(parsed.message);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect(readStructure(parsed.root).wrapping[0]).toMatch(new RegExp(`carried by ${n + 1} elements`));
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  it('are read in linear time: four times the elements take far less than sixteen times as long', () => {
    fastest(2_000); // warm-up
    const small = fastest(8_000);
    const large = fastest(32_000);
    expect(large).toBeLessThan(8 * small + 30);
  });
});

describe('a document that needs too much ends the thread, not the app', () => {
  it('too much memory: a clear finding, and the next analysis gets a fresh thread', async () => {
    const runner = createWorkerAnalysis(await analysisWorkerScript(), { maxHeapMb: 24 });
    try {
      const report = await runner.importMetadata(largeMetadata(45_000));
      expect(report.findings.map((f) => [f.code, f.message])).toEqual([['input-too-large', expect.stringMatching(/needed more than 24 MB to read/)]]);
      const next = await runner.importMetadata(largeMetadata(10));
      expect(next.entityId).toBe('https://idp.example.com/large');
    } finally {
      await runner.close();
    }
  });

  it('too much time: stopped after the limit, with a clear finding', async () => {
    const runner = createWorkerAnalysis(await analysisWorkerScript(), { jobTimeoutMs: 50 });
    try {
      const report = await runner.analyzeResponse(`SAMLResponse=${'A'.repeat(10)}`);
      // A tiny job finishes in time (or, on a loaded machine, is stopped the same clear way).
      expect(report.verdict).toBe('fail');
      const slow = await runner.importMetadata(largeMetadata(45_000));
      expect(slow.findings.map((f) => [f.code, f.message])).toEqual([['input-too-large', expect.stringMatching(/took longer than 50 ms/)]]);
    } finally {
      await runner.close();
    }
  });
});
