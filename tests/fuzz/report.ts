import { errorMessage } from '../../shared/errors';

/** What every fuzz target hands back to scripts/fuzz-all.mjs. */
export interface FuzzFailure {
  /** Which case (replay it with `npm run fuzz -- --only <target> --seed <seed> --case <case>`). */
  case: number;
  /** What went wrong, in one line. */
  problem: string;
  /** The reproducing input, printable (argv as JSON, or the API call and its request). */
  input: string;
  /** The evidence (stderr, the answer), trimmed. */
  detail: string;
  /** True when `--case` replays it alone. */
  replayable?: boolean;
}

export interface TargetReport {
  target: string;
  seed: number;
  runs: number;
  failures: FuzzFailure[];
  /** Counts worth printing: runs per command or call, exit statuses, error codes. */
  breakdown: Record<string, number>;
  seconds: number;
}

export function clip(text: string, max = 600): string {
  const flat = text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  return flat;
}

/** Printable form of an input that may hold huge strings: long runs are summarised. */
export function printable(value: unknown, max = 2_000): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (v === undefined) return '(undefined)';
      if (typeof v === 'string' && v.length > 200) return `${v.slice(0, 80)}…(${v.length} chars)`;
      return v;
    });
  } catch (error) {
    text = `(not printable: ${errorMessage(error)})`;
  }
  return clip(text ?? String(value), max);
}
