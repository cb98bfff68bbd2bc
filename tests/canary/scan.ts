/**
 * Looks for a value in every form a leak could take: raw, URL-encoded (component and form), base64
 * (standard and URL-safe, at any byte offset inside a longer encoded string, as in a Basic auth
 * header), hex (both cases) and UTF-16 (how Chromium's storage keeps strings). PDF streams are
 * inflated first.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export interface Needle {
  label: string;
  bytes: Buffer;
}

export interface Hit {
  where: string;
  value: string;
  encoding: string;
}

/** The stable middle of base64(prefix + value + …) for each of the three alignments. */
function base64Cores(value: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset, 0x41), value])
      .toString('base64')
      .replace(/=+$/, '');
    // Characters touched by the prefix (first ceil(offset*4/3)) or by what follows (last 2) vary.
    const start = Math.ceil((offset * 4) / 3);
    const core = encoded.slice(start, encoded.length - 2);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

export function needlesFor(name: string, value: string): Needle[] {
  const raw = Buffer.from(value, 'utf8');
  const forms = new Map<string, string>([
    ['raw', value],
    ['URL-encoded', encodeURIComponent(value)],
    ['form-encoded', new URLSearchParams({ v: value }).toString().slice(2)],
    ['hex', raw.toString('hex')],
    ['HEX', raw.toString('hex').toUpperCase()],
  ]);
  base64Cores(raw).forEach((core, i) => {
    forms.set(`base64@${i}`, core);
    forms.set(`base64url@${i}`, core.replace(/\+/g, '-').replace(/\//g, '_'));
  });
  const needles: Needle[] = [];
  const seen = new Set<string>();
  for (const [encoding, text] of forms) {
    if (seen.has(text)) continue;
    seen.add(text);
    needles.push({ label: `${name} (${encoding})`, bytes: Buffer.from(text, 'utf8') });
  }
  needles.push({ label: `${name} (UTF-16LE)`, bytes: Buffer.from(value, 'utf16le') });
  return needles;
}

function pdfStreams(content: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const start = content.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let bodyStart = start + 'stream'.length;
    if (content[bodyStart] === 0x0d) bodyStart++;
    if (content[bodyStart] === 0x0a) bodyStart++;
    const end = content.indexOf('endstream', bodyStart, 'latin1');
    if (end < 0) break;
    try {
      out.push(inflateSync(content.subarray(bodyStart, end)));
    } catch {
      // not a Flate stream
    }
    at = end + 'endstream'.length;
  }
  return out;
}

function scanBuffer(content: Buffer, where: string, needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  const bodies = [content, ...(content.subarray(0, 5).toString('latin1') === '%PDF-' ? pdfStreams(content) : [])];
  for (const needle of needles) {
    if (bodies.some((body) => body.indexOf(needle.bytes) >= 0)) {
      const [value, encoding] = needle.label.split(' (');
      hits.push({ where, value: value!, encoding: encoding!.replace(/\)$/, '') });
    }
  }
  return hits;
}

export function scanText(text: string, where: string, needles: Needle[]): Hit[] {
  return scanBuffer(Buffer.from(text, 'utf8'), where, needles);
}

/** Every regular file under `path` (not following links), read up to maxBytes each. */
export function scanTree(
  path: string,
  needles: Needle[],
  options: { maxBytes?: number; skip?: (path: string) => boolean } = {},
): { hits: Hit[]; files: number } {
  const maxBytes = options.maxBytes ?? 200_000_000;
  const hits: Hit[] = [];
  let files = 0;
  const walk = (current: string): void => {
    if (options.skip?.(current)) return;
    let info;
    try {
      info = lstatSync(current);
    } catch {
      return; // gone meanwhile
    }
    if (info.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = readdirSync(current);
      } catch {
        return;
      }
      for (const entry of entries) walk(join(current, entry));
    } else if (info.isFile() && info.size <= maxBytes) {
      let content: Buffer;
      try {
        content = readFileSync(current);
      } catch {
        return;
      }
      files++;
      hits.push(...scanBuffer(content, current, needles));
    }
  };
  if (existsSync(path)) walk(path);
  return { hits, files };
}
