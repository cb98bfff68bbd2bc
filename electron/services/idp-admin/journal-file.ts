import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IdpAdminError } from './admin-http';
import { JOURNAL_FORMAT, type Journal } from './types';

/** The journal as a file (CLI): written atomically after every step; it holds ids, never secrets. */

export function defaultJournalPath(idp: string, marker: string): string {
  return join(process.cwd(), `flex-sso-${idp}-${marker.split(':').pop() ?? 'setup'}.journal.json`);
}

export async function readJournal(path: string): Promise<Journal | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  if (text.length > 2_000_000) throw new IdpAdminError('bad-request', `${path} is too large to be a journal of the wizard.`);
  let journal: Journal;
  try {
    journal = JSON.parse(text) as Journal;
  } catch {
    throw new IdpAdminError('bad-request', `${path} is not a journal of the wizard (not JSON). Move it away or give another --journal.`);
  }
  if (journal?.format !== JOURNAL_FORMAT || !Array.isArray(journal.entries) || typeof journal.outputs !== 'object') {
    throw new IdpAdminError('bad-request', `${path} is not a journal of the wizard. Move it away or give another --journal.`);
  }
  return journal;
}

export async function writeJournal(path: string, journal: Journal): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(journal, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}
