/**
 * Seeded randomness and garbage for the fuzzers: every run prints its seed, and the same seed gives
 * the same inputs, so a failure can be replayed (`npm run fuzz -- --seed N`).
 */

export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: [[weight, value], …]. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [weight, value] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![1];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }
}

/** Strings a user (or an attacker) might hand over. */
const SPECIAL_STRINGS = [
  '',
  ' ',
  '\t\n',
  '-',
  '--',
  '0',
  '-1',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '0x10',
  '9007199254740993',
  '3.5',
  '.5',
  'true',
  'false',
  'null',
  'undefined',
  '{}',
  '[]',
  '{"__proto__":{"polluted":1}}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '%s%s%s%n',
  '${process.exit(9)}',
  '$(touch fuzz-marker)',
  '`id`',
  '../../../../etc/passwd',
  '..',
  '.',
  'C:\\Windows\\system32',
  '\\\\?\\C:\\',
  'con',
  'NUL',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
  '\u0000',
  'a\u0000b',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '\u200b',
  'ǅǈǋ',
  'Ⅻ',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '👩‍👩‍👧‍👦',
  'ﷺ',
  'İstanbul',
  'ß'.repeat(3),
  'JQ',
  'JQ0123456789ABCDEF0123456789ABCDEF',
  'AC0123456789abcdef0123456789abcde',
  'JB0123456789abcdef0123456789abcdef0',
  'flex-enhanced ',
  'FLEX-ENHANCED',
  'okta\n',
];

const UNICODE_RANGES: Array<[number, number]> = [
  [0x20, 0x7e],
  [0x00, 0x1f],
  [0xa0, 0x2ff],
  [0x400, 0x4ff],
  [0x600, 0x6ff],
  [0x3040, 0x30ff],
  [0x4e00, 0x4fff],
  [0x1f300, 0x1f6ff],
  [0xfff0, 0xffff],
  [0x200b, 0x202e],
];

export function randomUnicode(rng: Rng, maxLength = 40): string {
  const length = rng.int(0, maxLength);
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = rng.pick(UNICODE_RANGES);
    out += String.fromCodePoint(rng.int(lo, hi));
  }
  return out;
}

export function hugeString(rng: Rng, length = rng.int(5_000, 300_000)): string {
  const unit = rng.pick(['a', 'é', '\u0000', ' ', '<', '&amp;', '9', '%', '👍', rng.hex(7)]);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

export function randomNumberText(rng: Rng): string {
  return rng.pick([
    '0',
    '-1',
    '-5',
    '1',
    '2',
    '15',
    '601',
    '3601',
    '1e3',
    '1e-9',
    '0.0001',
    '-0',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '0x1f',
    '0b11',
    '07',
    ' 3 ',
    '3s',
    '½',
    '٣',
    String(rng.int(-1e9, 1e9)),
    String(rng.next() * 1e6),
  ]);
}

/** Any string at all: special, unicode, numeric, huge or printable noise. */
export function randomString(rng: Rng): string {
  return rng.weighted<() => string>([
    [4, () => rng.pick(SPECIAL_STRINGS)],
    [3, () => randomUnicode(rng)],
    [2, () => randomNumberText(rng)],
    [1, () => hugeString(rng, rng.int(1_000, 40_000))],
    [2, () => rng.hex(rng.int(0, 40))],
  ])();
}

/** Any JSON-ish value, with the given nesting budget. */
export function randomValue(rng: Rng, depth = 3): unknown {
  const leaf = (): unknown =>
    rng.weighted<() => unknown>([
      [3, () => randomString(rng)],
      [1, () => rng.pick([0, -1, 1, 1.5, -0, 2 ** 53 + 1, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 1e21, 10, 300, 3601])],
      [1, () => rng.pick([true, false, null, undefined])],
      [1, () => BigInt(rng.int(0, 9)) as unknown],
    ])();
  if (depth <= 0) return leaf();
  return rng.weighted<() => unknown>([
    [5, leaf],
    [1, () => Array.from({ length: rng.int(0, 4) }, () => randomValue(rng, depth - 1))],
    [2, () => randomObject(rng, depth - 1)],
    [1, () => deepNesting(rng)],
  ])();
}

/** Keys that break naive merges: prototype pollution and friends. */
export const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then', ''];

export function randomObject(rng: Rng, depth = 2): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const count = rng.int(0, 5);
  for (let i = 0; i < count; i++) {
    const key = rng.chance(0.3)
      ? rng.pick(NASTY_KEYS)
      : rng.chance(0.5)
        ? rng.pick(['id', 'name', 'value', 'url', 'patch', 'mode', 'kind', 'taskId', 'profileId'])
        : randomUnicode(rng, 12);
    // defineProperty so that "__proto__" becomes an own key, as JSON.parse makes it.
    Object.defineProperty(object, key, { value: randomValue(rng, depth), enumerable: true, configurable: true, writable: true });
  }
  return object;
}

export function deepNesting(rng: Rng): unknown {
  const depth = rng.pick([50, 500, 5_000]);
  let value: unknown = rng.pick(['x', 1, null]);
  for (let i = 0; i < depth; i++) value = rng.chance(0.5) ? [value] : { a: value };
  return value;
}

/** The request with "__proto__" or "constructor" as an own key holding a payload, the way JSON.parse makes it. */
export function pollutedJson(rng: Rng, base: Record<string, unknown>): Record<string, unknown> {
  const key = rng.pick(['__proto__', 'constructor']);
  const payload = key === '__proto__' ? { polluted: 'yes', isAdmin: true } : { prototype: { polluted: 'yes' } };
  const polluted = JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(payload)}}`) as Record<string, unknown>;
  for (const [k, v] of Object.entries(base)) Object.defineProperty(polluted, k, { value: v, enumerable: true, configurable: true, writable: true });
  if (rng.chance(0.5)) {
    // Also one level down, where merges of nested objects (patches) happen.
    const nested = Object.keys(base).find((k) => typeof base[k] === 'object' && base[k] !== null && !Array.isArray(base[k]));
    if (nested) polluted[nested] = pollutedJson(rng, base[nested] as Record<string, unknown>);
  }
  return polluted;
}

/** A string with one random edit: a character changed, inserted, removed, or the whole thing doubled. */
export function mutateString(rng: Rng, value: string): string {
  if (value.length === 0) return randomString(rng);
  const at = rng.int(0, value.length - 1);
  return rng.weighted<() => string>([
    [2, () => value.slice(0, at) + String.fromCharCode(rng.int(0, 0xffff)) + value.slice(at + 1)],
    [2, () => value.slice(0, at) + randomUnicode(rng, 4) + value.slice(at)],
    [2, () => value.slice(0, at) + value.slice(at + 1)],
    [1, () => value.toUpperCase()],
    [1, () => ` ${value} `],
    [1, () => value.repeat(rng.int(2, 50))],
    [1, () => value.slice(0, rng.int(0, value.length))],
  ])();
}
