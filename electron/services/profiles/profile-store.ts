import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  ProfilePatchSchema,
  ProfileSchema,
  type LastTestResult,
  type ModeIdSchema,
  type Profile,
  type ProfilePatchInput,
  type StoreProblem,
} from '../../../shared/api';
import type { z } from 'zod';
import { UserFacingError } from '../errors';
import { newConnectionId } from '../../../shared/domain/connection-ids';
import { errorMessage } from '../../../shared/errors';
import { isAtomicTempFile, writeFileAtomic } from './atomic-file';
import {
  PROFILE_EXPORT_FORMAT,
  PROFILE_FILE_FORMAT,
  ProfileFormatError,
  decodeProfileText,
  otherKindOfFile,
  encodeProfileExport,
  encodeProfileFile,
  withUniqueConnectionIds,
} from './profile-format';

/** The profile without what only says where the admin is in the wizard (the step, the steps done), nor its bookkeeping. */
function withoutWizardPosition(profile: Profile): unknown {
  const { wizardStep: _step, revision: _revision, updatedAt: _updatedAt, ...rest } = profile;
  return { ...rest, connections: profile.connections.map(({ doneSteps: _done, ...connection }) => connection) };
}

const PROFILE_FILE = /^([a-z0-9][a-z0-9-]{0,63})\.json$/;

export interface ProfileStoreOptions {
  /** The folder that holds one `<id>.json` per profile (created when missing). */
  folder: string;
  now?: () => Date;
  newId?: () => string;
}

export interface ProfileListing {
  profiles: Profile[];
  problems: StoreProblem[];
}

type ModeId = z.output<typeof ModeIdSchema>;

/**
 * Customer profiles as versioned JSON files, one per profile, in the user-data folder.
 *
 * - Every save is atomic (see writeFileAtomic), and the version it replaces is first kept as
 *   `<id>.json.bak` (itself written atomically), so a crash at any moment leaves the old or the
 *   new profile, never half of one.
 * - A file that cannot be read is never overwritten: it is renamed `<id>.json.damaged-<time>`,
 *   reported, and the backup (when it is readable) is put back in its place.
 * - Files from an older schema are migrated when read and written in the current schema on the
 *   next save (the old file becomes the backup); files from a newer app are left alone.
 * - Saves are serialised within the process.
 */
export class ProfileStore {
  readonly folder: string;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Damaged files found so far and not yet dismissed by the user. A damaged file is moved aside
   * when found, so only the listing that finds it could see it; keeping the report here means
   * every listing carries it (whichever window or reload asks) until the user dismisses it.
   */
  private unacknowledgedProblems: StoreProblem[] = [];

  constructor(options: ProfileStoreOptions) {
    this.folder = options.folder;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => randomUUID());
  }

  private pathOf(id: string): string {
    return join(this.folder, `${id}.json`);
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ensureFolder(): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
  }

  /**
   * The folder's file names, sorted. A folder that cannot be made or read is an error in the user's
   * words, never an empty list: "no customers" would hide every saved customer.
   */
  private async folderEntries(): Promise<string[]> {
    try {
      await this.ensureFolder();
      return (await readdir(this.folder)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'EACCES' || code === 'EPERM'
          ? 'this user may not read it'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a file of that name is in the way'
            : errorMessage(error);
      throw new UserFacingError(
        `The saved customers could not be listed: the folder ${this.folder} cannot be read (${why}). Check that folder, then open the app again.`,
      );
    }
  }

  /** Reads one profile file; a damaged one is kept aside and the backup restored when possible. */
  private async readOne(id: string, problems: StoreProblem[]): Promise<Profile | null> {
    const path = this.pathOf(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      problems.push({
        file: `${id}.json`,
        message: `The profile file ${id}.json could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        keptAs: null,
        restoredFromBackup: false,
      });
      return null;
    }
    try {
      const decoded = decodeProfileText(text);
      if (decoded.profile.id !== id) throw new ProfileFormatError('the profile inside does not match its file name', 'damaged');
      return decoded.profile;
    } catch (error) {
      if (!(error instanceof ProfileFormatError)) throw error;
      if (error.reason === 'newer') {
        problems.push({
          file: `${id}.json`,
          message: `The profile file ${id}.json was left untouched: ${error.message}.`,
          keptAs: `${id}.json`,
          restoredFromBackup: false,
        });
        return null;
      }
      return this.quarantine(id, error.message, problems);
    }
  }

  private async quarantine(id: string, reason: string, problems: StoreProblem[]): Promise<Profile | null> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const keptAs = `${id}.json.damaged-${stamp}`;
    await rename(this.pathOf(id), join(this.folder, keptAs));
    let restored: Profile | null = null;
    try {
      const backupText = await readFile(`${this.pathOf(id)}.bak`, 'utf8');
      const decoded = decodeProfileText(backupText);
      if (decoded.profile.id === id) {
        await writeFileAtomic(this.pathOf(id), backupText);
        restored = decoded.profile;
      }
    } catch {
      // no usable backup: the profile is reported as lost, its damaged file kept for inspection
    }
    const name = restored ? `"${restored.name}"` : id;
    problems.push({
      file: `${id}.json`,
      message: restored
        ? `The profile ${name} was damaged (${reason}); its previous version was restored. The damaged file was kept as ${keptAs}.`
        : `A profile file was damaged (${reason}) and no earlier version could be read. It was kept as ${keptAs} and is not listed.`,
      keptAs,
      restoredFromBackup: restored !== null,
    });
    return restored;
  }

  async list(): Promise<ProfileListing> {
    return this.serialise(async () => {
      const problems: StoreProblem[] = [];
      const profiles: Profile[] = [];
      for (const name of await this.folderEntries()) {
        if (isAtomicTempFile(name)) {
          await this.removeStaleTemp(name);
          continue;
        }
        const match = PROFILE_FILE.exec(name);
        if (!match?.[1]) continue;
        const profile = await this.readOne(match[1], problems);
        if (profile) profiles.push(profile);
      }
      profiles.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name));
      this.unacknowledgedProblems.push(...problems);
      return { profiles, problems: [...this.unacknowledgedProblems] };
    });
  }

  /** The user has read the damaged-file report: later listings leave those problems out. */
  dismissProblems(): void {
    this.unacknowledgedProblems = [];
  }

  /** A temporary file older than a minute is what a crash mid-save left behind. */
  private async removeStaleTemp(name: string): Promise<void> {
    const path = join(this.folder, name);
    try {
      if (this.now().getTime() - (await stat(path)).mtimeMs > 60_000) await rm(path, { force: true });
    } catch {
      // already gone
    }
  }

  async get(id: string): Promise<Profile> {
    return this.serialise(() => this.getUnlocked(id));
  }

  private async getUnlocked(id: string): Promise<Profile> {
    await this.ensureFolder();
    const problems: StoreProblem[] = [];
    const profile = await this.readOne(id, problems);
    if (profile) return profile;
    throw new UserFacingError(problems[0]?.message ?? 'That profile no longer exists; it may have been deleted.');
  }

  /** Writes the profile (the previous version becomes the backup). */
  private async write(profile: Profile): Promise<Profile> {
    const checked = ProfileSchema.parse(profile);
    const path = this.pathOf(checked.id);
    try {
      const previous = await readFile(path);
      await writeFileAtomic(`${path}.bak`, previous);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await writeFileAtomic(path, encodeProfileFile(checked, this.now()));
    return checked;
  }

  async create(input: { name: string; mode?: ModeId | null; idp?: string | null }): Promise<Profile> {
    return this.serialise(async () => {
      await this.ensureFolder();
      const at = this.now().toISOString();
      const connectionId = newConnectionId();
      const profile = ProfileSchema.parse({
        id: this.newId(),
        createdAt: at,
        updatedAt: at,
        revision: 1,
        name: input.name.trim() || 'New customer',
        mode: input.mode ?? null,
        ids: {},
        twilio: {},
        connections: [{ id: connectionId, idp: input.idp ?? null }],
        activeConnectionId: connectionId,
        trustedDomains: [],
        notes: '',
        wizardStep: null,
        lastTestResult: null,
      });
      return this.write(profile);
    });
  }

  async update(id: string, input: ProfilePatchInput): Promise<Profile> {
    const patch = ProfilePatchSchema.parse(input);
    return this.serialise(async () => {
      const current = await this.getUnlocked(id);
      const next: Profile = { ...current, ...patch, id, createdAt: current.createdAt, updatedAt: current.updatedAt, revision: current.revision + 1 };
      // "Last changed" is about what the admin entered: where they are in the wizard is not a change.
      if (!isDeepStrictEqual(withoutWizardPosition(next), withoutWizardPosition(current))) next.updatedAt = this.now().toISOString();
      if (next.activeConnectionId !== null && !next.connections.some((c) => c.id === next.activeConnectionId)) {
        next.activeConnectionId = next.connections[0]?.id ?? null;
      }
      const ids = new Set(next.connections.map((c) => c.id));
      if (ids.size !== next.connections.length) throw new UserFacingError('Two IdP connections of this profile have the same id.');
      return this.write(next);
    });
  }

  /** Records a login test's outcome on the profile and on the connection it tested. */
  async recordTestResult(id: string, result: LastTestResult): Promise<Profile> {
    return this.serialise(async () => {
      const current = await this.getUnlocked(id);
      const connections = current.connections.map((c) => (c.id === result.connectionId ? { ...c, lastTest: result } : c));
      return this.write({ ...current, connections, lastTestResult: result, updatedAt: this.now().toISOString(), revision: current.revision + 1 });
    });
  }

  async duplicate(id: string, name?: string): Promise<Profile> {
    return this.serialise(async () => {
      const source = await this.getUnlocked(id);
      const at = this.now().toISOString();
      return this.write({ ...source, id: this.newId(), name: name?.trim() || `${source.name} (copy)`, createdAt: at, updatedAt: at, revision: 1 });
    });
  }

  /** Deletes the profile and its backup (damaged copies kept aside stay, for the user to inspect). */
  async delete(id: string): Promise<void> {
    return this.serialise(async () => {
      await rm(this.pathOf(id), { force: true });
      await rm(`${this.pathOf(id)}.bak`, { force: true });
    });
  }

  /** The profile as an export file's text. Profiles hold no secrets, so nothing needs removing. */
  async exportText(id: string): Promise<{ profile: Profile; text: string }> {
    const profile = await this.get(id);
    return { profile, text: encodeProfileExport(profile, this.now()) };
  }

  /** Imports an exported profile (or a profile file copied from another machine) as a new profile. */
  async importText(text: string): Promise<{ profile: Profile; warnings: string[] }> {
    let decoded;
    try {
      decoded = decodeProfileText(text, [PROFILE_EXPORT_FORMAT, PROFILE_FILE_FORMAT]);
    } catch (error) {
      if (error instanceof ProfileFormatError) throw new UserFacingError(otherKindOfFile(text) ?? `This file cannot be imported: ${error.message}.`);
      throw error;
    }
    const warnings: string[] = [];
    if (decoded.fromVersion < 2) warnings.push(`The file was made by an older version of the app (profile format ${decoded.fromVersion}) and was converted.`);
    const unique = withUniqueConnectionIds(decoded.profile);
    if (unique.renamed > 0) {
      warnings.push(
        `${unique.renamed === 1 ? 'One IdP connection' : `${unique.renamed} IdP connections`} in the file had the same id as another and ${unique.renamed === 1 ? 'was' : 'were'} given a new one; nothing else was changed.`,
      );
    }
    decoded = { ...decoded, profile: unique.profile };
    const { profiles } = await this.list();
    let name = decoded.profile.name;
    if (profiles.some((p) => p.name === name)) {
      let n = 2;
      while (profiles.some((p) => p.name === `${decoded.profile.name} (${n})`)) n += 1;
      name = `${decoded.profile.name} (${n})`;
      warnings.push(`A profile named "${decoded.profile.name}" already exists, so the imported one is named "${name}".`);
    }
    warnings.push('Secrets are never exported: enter the Twilio credentials again for this profile if you need them.');
    return this.serialise(async () => {
      await this.ensureFolder();
      const at = this.now().toISOString();
      const profile = await this.write({ ...decoded.profile, id: this.newId(), name, createdAt: at, updatedAt: at, revision: 1 });
      return { profile, warnings };
    });
  }
}
