import { readFileSync } from 'node:fs';

/** The unique values scripts/canary.mjs makes for one run (handed over in a private file). */
export interface CanaryValues {
  /** A Twilio Auth Token. */
  secret: string;
  /** A password typed at the IdP's login form. */
  password: string;
  /** An IdP admin API token (Okta). */
  idpToken: string;
  /** An Auth0 machine-to-machine client secret. */
  clientSecret: string;
  /** OS temp entries that existed before the run. */
  tmpBefore: string[];
  /** The folder holding the values file (not scanned: it is the canary's own). */
  ownDir: string;
}

export function canaryValues(): CanaryValues {
  const file = process.env.FLEX_SSO_CANARY_FILE;
  if (!file) throw new Error('run the canary with `npm run test:canary` (scripts/canary.mjs makes the unique values)');
  return JSON.parse(readFileSync(file, 'utf8')) as CanaryValues;
}

/** Everything this process writes to stdout/stderr from now on (the harness, the IdP and the services run here). */
export function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap = (original: typeof process.stdout.write) =>
    ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tap(originals.out);
  process.stderr.write = tap(originals.err);
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}
