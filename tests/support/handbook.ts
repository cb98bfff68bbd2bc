/**
 * The team's handbook lives beside the repository at ../shared (corpus, specs, seeds). Tests read
 * it in place and never copy it in; in a clone without it they skip, printing why, so the suite
 * still passes elsewhere.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HANDBOOK_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), '..', 'shared');

export type HandbookFolder = 'corpus' | 'specs' | 'seeds' | 'reference';

const announced = new Set<string>();

/** The folder's path, or null after printing (once per folder and process) why its tests skip. */
export function handbookFolder(folder: HandbookFolder, usedFor: string): string | null {
  const path = join(HANDBOOK_DIR, folder);
  if (existsSync(path)) return path;
  const key = `${folder}:${usedFor}`;
  if (!announced.has(key)) {
    announced.add(key);
    process.stdout.write(`skipped: ${usedFor}: ../shared/${folder} is not beside this clone (${path}).\n`);
  }
  return null;
}
