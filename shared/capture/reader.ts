/**
 * Reads a capture (HAR or SAML-tracer export) fed as text chunks, in bounded memory, into a digest.
 * The caller decodes bytes to text and bounds the file's size; this bounds everything else.
 */
import { CaptureCollector } from './collector';
import { groupDigits, type CaptureDigest, type CaptureFormat } from './digest';
import { harEntryRecord, samlTracerRecord } from './formats';
import { JsonScanner, type ScanPath } from './json-scan';
import { obj, str } from './http-record';

/** Longest string kept inside one entry: far above any SAML message (1 MB of XML, base64 and URL-encoded). */
const MAX_STRING_CHARS = 3_500_000;
/** Largest entry kept (after long strings are cut out). */
const MAX_ENTRY_CHARS = 12_000_000;

const HAR_ENTRY: ScanPath = ['log', 'entries', '*'];
const HAR_CREATOR: ScanPath = ['log', 'creator'];
const HAR_BROWSER: ScanPath = ['log', 'browser'];
const TRACER_REQUEST: ScanPath = ['requests', '*'];
const TRACER_TIMESTAMP: ScanPath = ['timestamp'];

export const CAPTURE_PROBLEMS = ['not-json', 'not-a-capture', 'truncated', 'too-deep'] as const;
export type CaptureProblem = (typeof CAPTURE_PROBLEMS)[number];

export type CaptureReadResult = { ok: true; digest: CaptureDigest } | { ok: false; code: CaptureProblem; message: string };

const FORMAT_NAMES: Record<CaptureFormat, string> = { har: 'HAR file', 'saml-tracer': 'SAML-tracer export' };
const HOW_TO_EXPORT =
  'Ask for the capture again: in Chrome or Edge, DevTools → Network → "Export HAR"; in Firefox, the Network tab\'s menu → "Save All As HAR"; in SAML-tracer, "Export".';

function nameAndVersion(value: unknown): string | null {
  const o = obj(value);
  const name = str(o?.name);
  if (!name) return null;
  const version = str(o?.version);
  return `${name}${version ? ` ${version}` : ''}`.slice(0, 200);
}

export class CaptureReader {
  private readonly collector = new CaptureCollector();
  private readonly scanner: JsonScanner;
  private format: CaptureFormat | null = null;
  private creator: string | null = null;
  private browser: string | null = null;
  private exportedAt: string | null = null;

  constructor() {
    this.scanner = new JsonScanner({
      paths: [HAR_ENTRY, HAR_CREATOR, HAR_BROWSER, TRACER_REQUEST, TRACER_TIMESTAMP],
      maxStringChars: MAX_STRING_CHARS,
      maxValueChars: MAX_ENTRY_CHARS,
      onValue: (path, value, index) => this.onValue(path, value, index),
      // Only pages are read (error pages, auto-post forms): scripts, images and API answers, most
      // of a HAR's bytes, are left out before parsing when their mimeType comes first (it does in
      // the files Chromium, Firefox and Playwright write).
      strings: {
        watch: [['response', 'content', 'mimeType']],
        skipKeys: new Set(['text']),
        skip: (path, watched) => {
          if (path.length !== 3 || path[0] !== 'response' || path[1] !== 'content') return false;
          const mime = watched.get('response.content.mimeType');
          return mime !== undefined && !/html|xhtml/i.test(mime);
        },
      },
      onSkipped: (path, index, chars) => {
        if (path === HAR_ENTRY || path === TRACER_REQUEST) {
          this.format ??= path === HAR_ENTRY ? 'har' : 'saml-tracer';
          this.collector.skipped(index, chars);
        }
      },
    });
  }

  /** Feeds the next piece of the file's text. */
  push(text: string): void {
    this.scanner.push(text);
  }

  /** True once the reader has met a problem that makes the rest of the file pointless to read. */
  get failed(): boolean {
    const problem = this.scanner.error;
    return problem !== null && problem.code !== 'truncated';
  }

  finish(): CaptureReadResult {
    const problem = this.scanner.end();
    const rootKeys = this.scanner.rootKeys;
    const format = this.format ?? (rootKeys.includes('log') ? 'har' : rootKeys.includes('requests') ? 'saml-tracer' : null);
    if (problem && problem.code !== 'truncated') {
      if (problem.code === 'too-deep') return { ok: false, code: 'too-deep', message: `The file is not a capture: ${problem.message}. ${HOW_TO_EXPORT}` };
      const where = problem.offset > 0 ? ` (at character ${groupDigits(problem.offset)})` : '';
      return { ok: false, code: 'not-json', message: `The file is not a HAR file or SAML-tracer export: ${problem.message}${where}. ${HOW_TO_EXPORT}` };
    }
    const digest = format
      ? this.collector.finish({
          format,
          creator: [...new Set([this.creator, this.browser].filter(Boolean))].join(', ') || null,
          exportedAt: this.exportedAt,
          truncated: problem?.code === 'truncated',
        })
      : null;
    if (problem?.code === 'truncated' && (!digest || digest.entries === 0)) {
      return {
        ok: false,
        code: 'truncated',
        message: `The ${format ? FORMAT_NAMES[format] : 'file'} ends in the middle, before a single request could be read: it was cut short (an interrupted download or copy). ${HOW_TO_EXPORT}`,
      };
    }
    if (!digest) {
      const keys = rootKeys
        .slice(0, 5)
        .map((key) => `"${key.slice(0, 30)}"`)
        .join(', ');
      return {
        ok: false,
        code: 'not-a-capture',
        message: `The file is JSON, but neither a HAR file (it has no "log") nor a SAML-tracer export (no "requests")${keys ? `; its top-level fields are ${keys}` : ''}. ${HOW_TO_EXPORT}`,
      };
    }
    return { ok: true, digest };
  }

  private onValue(path: ScanPath, value: unknown, index: number): void {
    if (path === HAR_ENTRY || path === TRACER_REQUEST) {
      this.format ??= path === HAR_ENTRY ? 'har' : 'saml-tracer';
      const record = path === HAR_ENTRY ? harEntryRecord(value, index) : samlTracerRecord(value, index);
      if (record) this.collector.add(record);
      else this.collector.unreadable();
    } else if (path === HAR_CREATOR) this.creator = nameAndVersion(value);
    else if (path === HAR_BROWSER) this.browser = nameAndVersion(value);
    else if (path === TRACER_TIMESTAMP) this.exportedAt = str(value);
  }
}

/** Reads a whole capture held in memory (tests, small files); large files go through CaptureReader chunk by chunk. */
export function readCaptureText(text: string, chunkSize = 1 << 20): CaptureReadResult {
  const reader = new CaptureReader();
  for (let i = 0; i < text.length && !reader.failed; i += chunkSize) reader.push(text.slice(i, i + chunkSize));
  return reader.finish();
}
