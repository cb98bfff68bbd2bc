import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Flushes a folder's entry table so a rename inside it survives a power cut (no-op where unsupported). */
async function fsyncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or sync a folder; its renames are durable enough for a profile
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes `content` to a fresh temporary file next to `target`, flushed to disk; returns its path. */
async function writeFlushedTemp(target: string, content: string | Uint8Array): Promise<string> {
  const temp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

/**
 * Replaces `target` with `content` so that, whatever moment the process dies at, the file holds
 * either the whole old content or the whole new content: temporary file, fsync, rename over the
 * target, fsync the folder.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  const temp = await writeFlushedTemp(target, content);
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncFolder(dirname(target));
}

/** True for the temporary files writeFileAtomic leaves behind when the process died mid-write. */
export function isAtomicTempFile(name: string): boolean {
  return /^\..+\.tmp-\d+-[0-9a-f]{8}$/.test(name);
}
