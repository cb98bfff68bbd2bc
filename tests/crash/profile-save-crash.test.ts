/**
 * `npm run test:crash`: a profile save killed with SIGKILL at random points, at least 200 times.
 * After every kill the real profile store loads the profile, and it must be exactly the last save
 * that finished or the one in progress, never lost, never half-written, never reported damaged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProfileStore } from '../../electron/services/profiles/profile-store';
import { bundleSaveWorker, marker } from '../support/save-worker';

const KILLS = Number(process.env.CRASH_KILLS ?? 200);

type KillMoment = 'during-start' | 'right-after-saving-line' | 'random-delay';

interface KillOutcome {
  moment: KillMoment;
  lastSaved: number;
  inProgress: number | null;
  loadedRevision: number | null;
}

let worker = '';
let folder = '';

beforeAll(async () => {
  worker = await bundleSaveWorker();
  folder = mkdtempSync(join(tmpdir(), 'flex-sso-crash-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function killOnce(moment: KillMoment): Promise<{ lastSaved: number; inProgress: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [worker, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // Kill on the Nth "saving" line, N random: the process is then inside the write.
    const targetSaving = 1 + Math.floor(Math.random() * 6);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (moment === 'right-after-saving-line' && (out.match(/^saving \d+$/gm)?.length ?? 0) >= targetSaving) kill();
      if (moment === 'random-delay' && /saved \d+/.test(out) && !killed) setTimeout(kill, Math.random() * 25);
    });
    if (moment === 'during-start') setTimeout(kill, Math.random() * 120);
    child.once('exit', () => {
      const saved = [...out.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]));
      const saving = [...out.matchAll(/^saving (\d+)$/gm)].map((m) => Number(m[1]));
      const lastSaved = saved.at(-1) ?? 0;
      const lastSaving = saving.at(-1) ?? null;
      resolve({ lastSaved, inProgress: lastSaving !== null && lastSaving > lastSaved ? lastSaving : null });
    });
  });
}

describe('a profile save killed at random points', () => {
  it(`loads as the old or the new version after each of ${KILLS} kills`, async () => {
    const moments: KillMoment[] = ['right-after-saving-line', 'random-delay', 'right-after-saving-line', 'during-start'];
    const outcomes: KillOutcome[] = [];
    let everSaved = 0;
    for (let round = 0; round < KILLS; round += 1) {
      const moment = moments[round % moments.length]!;
      const { lastSaved, inProgress } = await killOnce(moment);
      everSaved = Math.max(everSaved, lastSaved);
      const store = new ProfileStore({ folder });
      const { profiles, problems } = await store.list();
      expect(problems, `round ${round}: the store reported a damaged file`).toEqual([]);
      if (everSaved === 0 && profiles.length === 0) {
        outcomes.push({ moment, lastSaved, inProgress, loadedRevision: null });
        continue;
      }
      expect(profiles, `round ${round}: the profile was lost`).toHaveLength(1);
      const profile = await store.get(profiles[0]!.id);
      const allowed = [Math.max(everSaved, lastSaved), ...(inProgress !== null ? [inProgress] : [])];
      if (everSaved > 0) expect(allowed, `round ${round}: revision ${profile.revision}`).toContain(profile.revision);
      if (profile.revision > 1) expect(profile.notes, `round ${round}: half-written notes`).toBe(marker(profile.revision));
      everSaved = Math.max(everSaved, profile.revision);
      outcomes.push({ moment, lastSaved, inProgress, loadedRevision: profile.revision });
    }
    const midSave = outcomes.filter((o) => o.inProgress !== null);
    const newVersion = midSave.filter((o) => o.loadedRevision === o.inProgress).length;
    console.log(
      `crash test: ${outcomes.length} kills; ${midSave.length} landed while a save was in progress (${newVersion} loaded as the new version, ${midSave.length - newVersion} as the old); none lost or half-written`,
    );
    expect(outcomes).toHaveLength(KILLS);
    expect(midSave.length).toBeGreaterThan(KILLS / 4);
  }, 600_000);
});
