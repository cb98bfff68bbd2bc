/**
 * A streaming scanner for large JSON files (a HAR runs to hundreds of MB): it is fed the text chunk
 * by chunk, keeps only the values found at the paths it is asked for, and never holds more than a
 * bounded amount of text. A string longer than `maxStringChars` inside a kept value is replaced by a
 * marker before the value is parsed, so one 100 MB response body costs a counter, not 200 MB.
 *
 * Why not a streaming JSON library (e.g. @streamparser/json): they materialise every string token
 * whole before handing it over, which is exactly the unbounded step this must avoid; they are also
 * several times slower than `indexOf` jumps over string content plus native `JSON.parse` per kept
 * value, which is what this does.
 *
 * Pure TypeScript (no Node, no DOM): the CLI feeds it from a file stream, the wizard from a File.
 */

/** A kept string that was too long starts with this, followed by its length in characters. */
export const ELIDED_MARK = '\u0000elided:';

/** The length of an elided string, or null for an ordinary value. */
export function elidedLength(value: unknown): number | null {
  if (typeof value !== 'string' || !value.startsWith(ELIDED_MARK)) return null;
  const chars = Number(value.slice(ELIDED_MARK.length));
  return Number.isFinite(chars) ? chars : null;
}

/** A path: object keys, with '*' standing for any element of an array. */
export type ScanPath = readonly string[];

export interface ScanOptions {
  /** Values kept (objects, arrays or strings); anything else is skipped without being held. */
  paths: readonly ScanPath[];
  /** Longest string kept inside a value; longer ones are replaced by ELIDED_MARK + length. */
  maxStringChars: number;
  /** Longest kept value (after elision); a longer one is skipped and reported. */
  maxValueChars: number;
  /** Deepest nesting accepted. */
  maxDepth?: number;
  /** A kept value, parsed; `index` is its position when the path ends in '*'. */
  onValue(path: ScanPath, value: unknown, index: number): void;
  /** A value at a kept path that was larger than maxValueChars. */
  onSkipped?(path: ScanPath, index: number, chars: number): void;
  /**
   * Strings inside kept values that are left out by choice (replaced like a too-long one), decided
   * from short strings read before them in the same value: e.g. a response body whose mimeType says
   * it is an image. Paths are relative to the kept value.
   */
  strings?: {
    /** Short strings to read (first 200 characters) for the decisions. */
    watch: readonly ScanPath[];
    /** Keys whose string values are offered to `skip`. */
    skipKeys: ReadonlySet<string>;
    /** `watched` maps each watched path (joined with ".") read so far to its value. */
    skip(path: readonly string[], watched: ReadonlyMap<string, string>): boolean;
  };
}

export type ScanProblem =
  | { code: 'not-json'; message: string; offset: number }
  | { code: 'truncated'; message: string; offset: number }
  | { code: 'too-deep'; message: string; offset: number };

interface Frame {
  array: boolean;
  /** Objects: the key whose value comes next (or came last). */
  key: string | null;
  /** Arrays: the index of the current element. */
  index: number;
  expectKey: boolean;
}

interface Capture {
  path: ScanPath;
  index: number;
  /** Stack depth when the value started; it ends when the stack is back to it. */
  depth: number;
  parts: string[];
  chars: number;
  /** Set once the value outgrew maxValueChars: scanning goes on, nothing more is kept. */
  overflow: boolean;
  /** Where the value started in the whole text. */
  startOffset: number;
  /** The watched strings read so far (see ScanOptions.strings). */
  watched: Map<string, string>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const KEY_LIMIT = 256;

// Characters allowed outside strings besides structure and white space: numbers, true, false, null.
const LITERAL = new Uint8Array(128);
for (const ch of '0123456789+-.eEtruefalsn') LITERAL[ch.charCodeAt(0)] = 1;

/** Feeds JSON text through, keeping the values at the paths asked for. */
export class JsonScanner {
  private readonly stack: Frame[] = [];
  private readonly maxDepth: number;
  private inString = false;
  private escapePending = false;
  private stringIsKey = false;
  private keyParts: string[] = [];
  private keyChars = 0;
  private stringChars = 0;
  /** Capture state of the string being read inside a kept value. */
  private stringStartPart = 0;
  private stringStartChars = 0;
  private stringEliding = false;
  private capture: Capture | null = null;
  /** The watched string being read (its path joined with "."), and its text so far. */
  private watching: string | null = null;
  private watchParts: string[] = [];
  private readonly watchKeys: ReadonlySet<string>;
  private started = false;
  private finished = false;
  private offset = 0;
  private problem: ScanProblem | null = null;
  /** The first keys of the top-level object (to tell a HAR from a SAML-tracer export). */
  readonly rootKeys: string[] = [];

  private readonly longestPath: number;

  constructor(private readonly options: ScanOptions) {
    this.maxDepth = options.maxDepth ?? 256;
    this.longestPath = Math.max(0, ...options.paths.map((p) => p.length));
    this.watchKeys = new Set((options.strings?.watch ?? []).map((p) => p[p.length - 1]!));
  }

  /** The first problem met (scanning stops there), or null. */
  get error(): ScanProblem | null {
    return this.problem;
  }

  /** True once the top-level value has been read completely. */
  get complete(): boolean {
    return this.finished;
  }

  push(chunk: string): void {
    if (this.problem) return;
    const n = chunk.length;
    let i = 0;
    // Start of the not-yet-kept part of this chunk, while a value is being kept.
    let segment = 0;
    while (i < n) {
      if (this.inString) {
        const end = this.scanString(chunk, i);
        if (end < 0) {
          i = n;
          break;
        }
        // `end` is the closing quote.
        const capture = this.capture;
        if (capture && !capture.overflow && this.stringEliding) {
          const marker = `\\u0000elided:${this.stringChars}"`;
          capture.parts.push(marker);
          capture.chars += marker.length;
          segment = end + 1;
        }
        this.inString = false;
        if (this.watching !== null && capture) {
          const raw = this.watchParts.join('');
          capture.watched.set(this.watching, raw.includes('\\') ? decodeJsonString(raw) : raw);
          this.watching = null;
        }
        if (this.stringIsKey) this.setKey();
        else if (capture && this.stack.length === capture.depth) {
          // A kept string value ends here.
          this.flushSegment(chunk, segment, end + 1);
          segment = end + 1;
          this.finishCapture(this.offset + end + 1);
        }
        i = end + 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      if (this.finished) {
        this.fail('not-json', 'there is more text after the end of the JSON document', i);
        return;
      }
      if (!this.started && c !== 0x7b) {
        this.fail(
          'not-json',
          c === 0x5b ? 'the file is a JSON list, not the JSON object a capture is' : 'the file does not start with "{", so it is not a JSON document',
          i,
        );
        return;
      }
      switch (c) {
        case QUOTE: {
          const frame = this.top();
          this.stringIsKey = frame !== undefined && !frame.array && frame.expectKey;
          if (!this.stringIsKey && !this.capture) this.maybeStartCapture(i, (start) => (segment = start));
          this.inString = true;
          this.escapePending = false;
          this.stringChars = 0;
          this.keyParts = [];
          this.keyChars = 0;
          this.stringEliding = false;
          if (this.capture && !this.capture.overflow) {
            // Keep everything up to and including the opening quote; the content is judged at its end.
            this.flushSegment(chunk, segment, i + 1);
            segment = i + 1;
            this.stringStartPart = this.capture.parts.length;
            this.stringStartChars = this.capture.chars;
            if (!this.stringIsKey && this.options.strings) this.applyStringRules();
          }
          i++;
          break;
        }
        case 0x7b: // {
        case 0x5b: {
          // [
          const frame = this.top();
          if (frame && !frame.array && frame.expectKey) {
            this.fail('not-json', 'a value stands where a key was expected', i);
            return;
          }
          if (!this.capture) this.maybeStartCapture(i, (start) => (segment = start));
          this.started = true;
          if (this.stack.length >= this.maxDepth) {
            this.fail('too-deep', `the JSON is nested more than ${this.maxDepth} levels deep`, i);
            return;
          }
          this.stack.push({ array: c === 0x5b, key: null, index: 0, expectKey: c === 0x7b });
          i++;
          break;
        }
        case 0x7d: // }
        case 0x5d: {
          // ]
          const frame = this.stack.pop();
          if (!frame || frame.array !== (c === 0x5d)) {
            this.fail('not-json', 'a closing bracket does not match the opening one', i);
            return;
          }
          i++;
          if (this.capture && this.stack.length === this.capture.depth) {
            this.flushSegment(chunk, segment, i);
            segment = i;
            this.finishCapture(this.offset + i);
          }
          if (this.stack.length === 0) this.finished = true;
          break;
        }
        case 0x3a: {
          // :
          const frame = this.top();
          if (!frame || frame.array || !frame.expectKey || frame.key === null) {
            this.fail('not-json', 'a colon stands out of place', i);
            return;
          }
          frame.expectKey = false;
          i++;
          break;
        }
        case 0x2c: {
          // ,
          const frame = this.top();
          if (!frame) {
            this.fail('not-json', 'a comma stands outside any object or list', i);
            return;
          }
          if (frame.array) frame.index++;
          else {
            frame.expectKey = true;
            frame.key = null;
          }
          i++;
          break;
        }
        default: {
          if (c >= 128 || LITERAL[c] !== 1) {
            this.fail('not-json', 'it holds characters that are not JSON', i);
            return;
          }
          // A number, true, false or null: never kept on its own; skip to the next structural character.
          i++;
          while (i < n) {
            const d = chunk.charCodeAt(i);
            if (d < 128 && LITERAL[d] === 1) i++;
            else break;
          }
        }
      }
    }
    if (this.capture && !this.capture.overflow) {
      if (this.inString && this.stringEliding) {
        // Nothing of an elided string is kept.
      } else this.flushSegment(chunk, segment, n);
    }
    this.offset += n;
  }

  /** Call after the last chunk: reports a truncated document. */
  end(): ScanProblem | null {
    if (this.problem) return this.problem;
    if (!this.started) {
      this.problem = { code: 'not-json', message: 'the file holds no JSON at all', offset: this.offset };
    } else if (!this.finished) {
      this.problem = { code: 'truncated', message: 'the file ends in the middle of the JSON document: it was cut short', offset: this.offset };
    }
    return this.problem;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private fail(code: ScanProblem['code'], message: string, at: number): void {
    this.problem = { code, message, offset: this.offset + at };
  }

  /** Scans string content from `from`; returns the closing quote's position, or -1 at the chunk's end. */
  private scanString(chunk: string, from: number): number {
    let i = from;
    if (this.escapePending) {
      this.escapePending = false;
      i++;
      this.countString(chunk, from, Math.min(i, chunk.length));
      if (i >= chunk.length) return -1;
    }
    const start = i;
    for (;;) {
      const q = chunk.indexOf('"', i);
      if (q < 0) {
        // Does the chunk end inside an escape?
        let backslashes = 0;
        for (let j = chunk.length - 1; j >= start && chunk.charCodeAt(j) === BACKSLASH; j--) backslashes++;
        this.escapePending = backslashes % 2 === 1;
        this.countString(chunk, start, chunk.length);
        return -1;
      }
      let backslashes = 0;
      for (let j = q - 1; j >= start && chunk.charCodeAt(j) === BACKSLASH; j--) backslashes++;
      if (backslashes % 2 === 1) {
        i = q + 1;
        continue;
      }
      this.countString(chunk, start, q);
      return q;
    }
  }

  /** Accounts for string content chunk[from, to): key text, length, elision. */
  private countString(chunk: string, from: number, to: number): void {
    const length = to - from;
    if (length <= 0) return;
    this.stringChars += length;
    if (this.watching !== null && this.stringChars - length < 200) this.watchParts.push(chunk.slice(from, Math.min(to, from + 200)));
    if (this.stringIsKey) {
      if (this.keyChars < KEY_LIMIT) {
        const part = chunk.slice(from, Math.min(to, from + KEY_LIMIT - this.keyChars));
        this.keyParts.push(part);
        this.keyChars += part.length;
      }
      return;
    }
    const capture = this.capture;
    if (capture && !capture.overflow && !this.stringEliding && this.stringChars > this.options.maxStringChars) {
      // Drop what was kept of this string; from here on it is only counted.
      capture.parts.length = this.stringStartPart;
      capture.chars = this.stringStartChars;
      this.stringEliding = true;
    }
  }

  private setKey(): void {
    const frame = this.top()!;
    const raw = this.keyParts.join('');
    frame.key = raw.includes('\\') ? decodeJsonString(raw) : raw;
    if (this.stack.length === 1 && this.rootKeys.length < 50) this.rootKeys.push(frame.key);
  }

  /** Inside a kept value, at the start of a string value: watch it, or leave it out by choice. */
  private applyStringRules(): void {
    const rules = this.options.strings!;
    const capture = this.capture!;
    const frame = this.top();
    if (!frame || frame.array || frame.key === null) return;
    const watch = this.watchKeys.has(frame.key);
    if (!watch && !rules.skipKeys.has(frame.key)) return;
    const path = this.stack.slice(capture.depth).map((f) => (f.array ? '*' : (f.key ?? '')));
    if (watch) {
      if (rules.watch.some((p) => p.length === path.length && p.every((key, k) => key === path[k]))) {
        this.watching = path.join('.');
        this.watchParts = [];
      }
    } else if (rules.skip(path, capture.watched)) {
      this.stringEliding = true;
    }
  }

  private currentPath(): string[] {
    const path: string[] = [];
    for (const frame of this.stack) path.push(frame.array ? '*' : (frame.key ?? ''));
    return path;
  }

  private maybeStartCapture(at: number, setSegment: (start: number) => void): void {
    if (this.stack.length === 0 || this.stack.length > this.longestPath) return;
    const path = this.currentPath();
    const wanted = this.options.paths.find((p) => p.length === path.length && p.every((key, k) => key === path[k]));
    if (!wanted) return;
    const frame = this.top()!;
    this.capture = {
      path: wanted,
      index: frame.array ? frame.index : 0,
      depth: this.stack.length,
      parts: [],
      chars: 0,
      overflow: false,
      startOffset: this.offset + at,
      watched: new Map(),
    };
    setSegment(at);
  }

  private flushSegment(chunk: string, from: number, to: number): void {
    const capture = this.capture;
    if (!capture || capture.overflow || to <= from) return;
    const length = to - from;
    if (capture.chars + length > this.options.maxValueChars) {
      capture.overflow = true;
      capture.parts = [];
      return;
    }
    capture.parts.push(chunk.slice(from, to));
    capture.chars += length;
  }

  private finishCapture(endOffset: number): void {
    const capture = this.capture!;
    this.capture = null;
    if (capture.overflow) {
      this.options.onSkipped?.(capture.path, capture.index, endOffset - capture.startOffset);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(capture.parts.join(''));
    } catch {
      // The parser's own message may quote the text (a password in a form body): never pass it on.
      this.problem = { code: 'not-json', message: 'a value in it is not valid JSON', offset: this.offset };
      return;
    }
    this.options.onValue(capture.path, value, capture.index);
  }
}

function decodeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
