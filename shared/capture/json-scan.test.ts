import { describe, expect, it } from 'vitest';
import { ELIDED_MARK, elidedLength, JsonScanner, type ScanOptions } from './json-scan';

function scan(text: string, chunkSize: number, options: Partial<ScanOptions> = {}) {
  const values: Array<{ path: string; index: number; value: unknown }> = [];
  const skipped: Array<{ path: string; index: number; chars: number }> = [];
  const scanner = new JsonScanner({
    paths: [
      ['log', 'entries', '*'],
      ['log', 'version'],
      ['requests', '*'],
    ],
    maxStringChars: 50,
    maxValueChars: 1000,
    onValue: (path, value, index) => values.push({ path: path.join('.'), index, value }),
    onSkipped: (path, index, chars) => skipped.push({ path: path.join('.'), index, chars }),
    ...options,
  });
  for (let i = 0; i < text.length; i += chunkSize) scanner.push(text.slice(i, i + chunkSize));
  const problem = scanner.end();
  return { values, skipped, problem, rootKeys: scanner.rootKeys };
}

const CHUNKS = [1, 2, 3, 7, 64, 100_000];

describe('JsonScanner', () => {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [{ id: 'page_1', title: 'a "quoted" title \\ with backslash' }],
      entries: [
        { request: { url: 'https://a.example/x?y="1"', n: 1.5e3, t: true, f: false, z: null }, nested: [[1, 2], { a: [] }] },
        { request: { url: 'https://b.example/\u00e9\ud83d\ude00', text: 'esc \\" \\\\ \n \t \u0001' } },
        { big: 'x'.repeat(120), small: 'kept' },
      ],
    },
  };
  const text = JSON.stringify(har, null, 1);

  it.each(CHUNKS)('keeps the values at the paths asked for, whatever the chunk size (%i)', (size) => {
    const { values, problem, rootKeys, skipped } = scan(text, size);
    expect(problem).toBeNull();
    expect(skipped).toEqual([]);
    expect(rootKeys).toEqual(['log']);
    expect(values.map((v) => `${v.path}#${v.index}`)).toEqual(['log.version#0', 'log.entries.*#0', 'log.entries.*#1', 'log.entries.*#2']);
    expect(values[0]!.value).toBe('1.2');
    expect(values[1]!.value).toEqual(har.log.entries[0]);
    expect(values[2]!.value).toEqual(har.log.entries[1]);
    const third = values[3]!.value as { big: string; small: string };
    expect(third.small).toBe('kept');
    expect(third.big.startsWith(ELIDED_MARK)).toBe(true);
    expect(elidedLength(third.big)).toBe(120);
  });

  it.each([1, 5, 100_000])('elides a long string even when it ends in an escape across chunks (%i)', (size) => {
    const value = `${'a'.repeat(60)}\\"${'b'.repeat(5)}\\\\`;
    const doc = `{"requests":[{"s":"${value}","t":"ok"},{"u":"${'c'.repeat(49)}"}]}`;
    const { values, problem } = scan(doc, size);
    expect(problem).toBeNull();
    expect(elidedLength((values[0]!.value as { s: string }).s)).toBe(value.length);
    expect((values[0]!.value as { t: string }).t).toBe('ok');
    expect((values[1]!.value as { u: string }).u).toBe('c'.repeat(49));
  });

  it('skips a value larger than the limit and reports its size, then goes on', () => {
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}":"${'v'.repeat(40)}"`).join(',');
    const doc = `{"log":{"entries":[{${many}},{"after":1}]}}`;
    const { values, skipped, problem } = scan(doc, 33);
    expect(problem).toBeNull();
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.index).toBe(0);
    expect(skipped[0]!.chars).toBe(many.length + 2);
    expect(values.map((v) => v.value)).toEqual([{ after: 1 }]);
  });

  it('reports a truncated document', () => {
    const { problem, values } = scan(text.slice(0, Math.floor(text.length * 0.8)), 50);
    expect(problem?.code).toBe('truncated');
    expect(values.length).toBeGreaterThan(0);
  });

  it.each([
    ['binary junk', '\u0089PNG\r\n\u001a\n\u0000\u0000'],
    ['HTML', '<!doctype html><html></html>'],
    ['a JSON list', '[{"log":1}]'],
    ['text after the document', '{"a":1} x'],
    ['a bare word', '{"a": nope}'],
    ['mismatched brackets', '{"a":[1}'],
    ['nothing', '   '],
  ])('refuses %s with a message and an offset', (_name, doc) => {
    const { problem } = scan(doc, 4);
    expect(problem).not.toBeNull();
    expect(problem!.code).toMatch(/not-json/);
    expect(problem!.message.length).toBeGreaterThan(10);
  });

  it('refuses nesting deeper than the limit without recursion', () => {
    const doc = `{"a":${'['.repeat(10_000)}`;
    const { problem } = scan(doc, 1000, { maxDepth: 100 });
    expect(problem?.code).toBe('too-deep');
  });

  it('never quotes the text of a value that does not parse', () => {
    const doc = '{"log":{"entries":[{"password":"hunter2-secret" "x":1}]}}';
    const { problem } = scan(doc, 8);
    expect(problem?.code).toBe('not-json');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it.each([1, 3, 64, 100_000])('leaves out strings by choice, decided from strings read before them (%i)', (size) => {
    const entry = (mime: string, text: string) => ({ response: { content: { size: text.length, mimeType: mime, text } } });
    const doc = JSON.stringify({
      log: {
        entries: [
          entry('image/png', 'iVBORw0KGgo'),
          entry('text/html; charset=utf-8', '<p>kept</p>'),
          { response: { content: { text: 'no mime first', mimeType: 'image/png' } } },
        ],
      },
    });
    const { values, problem } = scan(doc, size, {
      strings: {
        watch: [['response', 'content', 'mimeType']],
        skipKeys: new Set(['text']),
        skip: (path, watched) => path.join('.') === 'response.content.text' && !/html/.test(watched.get('response.content.mimeType') ?? 'html'),
      },
    });
    expect(problem).toBeNull();
    const texts = values.map((v) => (v.value as ReturnType<typeof entry>).response.content.text);
    expect(elidedLength(texts[0])).toBe(11);
    expect(texts[1]).toBe('<p>kept</p>');
    expect(texts[2]).toBe('no mime first');
  });

  it('reads keys with escapes', () => {
    const { values } = scan('{"l\\u006fg":{"entries":[{"a":1}]}}', 3);
    expect(values.map((v) => v.value)).toEqual([{ a: 1 }]);
  });
});
