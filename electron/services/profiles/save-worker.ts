/**
 * A tiny process that saves one profile over and over, for the crash test: it is killed with
 * SIGKILL at random moments, and the test then checks that the profile file holds a whole save
 * (the one before the kill or the one in progress), never half of one.
 *
 * Usage (after bundling, see tests/support/save-worker.ts):
 *   node save-worker.mjs <profiles-folder> [<saves>=1000000]
 * It creates a profile when the folder holds none, then updates it in a loop. Before each save it
 * prints `saving <revision>`, after it `saved <revision>` (one line each, stdout). Every save
 * writes `notes` as the revision number repeated to ~40 kB (under the 50 000-character limit of notes), so a torn write is detectable: a
 * whole save has `notes === marker(revision)`.
 */
import { ProfileStore } from './profile-store';
import { marker } from './save-worker-marker';
import { errorMessage } from '../../../shared/errors';

async function main(): Promise<void> {
  const [folder, savesArg] = process.argv.slice(2);
  if (!folder) {
    process.stderr.write('usage: save-worker <profiles-folder> [<saves>]\n');
    process.exit(2);
  }
  const saves = savesArg ? Number(savesArg) : 1_000_000;
  const store = new ProfileStore({ folder });
  const { profiles } = await store.list();
  let profile = profiles[0] ?? (await store.create({ name: 'Crash test', mode: 'flex-enhanced', idp: 'okta' }));
  for (let i = 0; i < saves; i += 1) {
    const revision = profile.revision + 1;
    process.stdout.write(`saving ${revision}\n`);
    profile = await store.update(profile.id, { notes: marker(revision), name: `Crash test ${revision}` });
    process.stdout.write(`saved ${profile.revision}\n`);
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`save-worker: ${errorMessage(error)}\n`);
  process.exit(1);
});
