import { mkdir, open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { UserFacingError } from '../errors';
import { writeFileAtomic } from '../profiles/atomic-file';
import { byteLength, withExtension, type FileSaver } from './file-saver';

/** Reserves a name in `folder` that no file has yet: `name.ext`, `name (2).ext`, … */
async function reserveName(folder: string, fileName: string): Promise<string> {
  const extension = extname(fileName);
  const stem = fileName.slice(0, fileName.length - extension.length);
  for (let n = 1; n < 1000; n += 1) {
    const candidate = join(folder, n === 1 ? fileName : `${stem} (${n})${extension}`);
    try {
      const handle = await open(candidate, 'wx', 0o600);
      await handle.close();
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new UserFacingError('The exports folder already holds too many files with that name.');
}

/**
 * The web host's saver (a browser page cannot show a native save dialog for us): every export is
 * written atomically under one folder, never replacing an earlier file, and its path is returned.
 */
export function createFolderSaver(folder: string): FileSaver {
  return {
    async save(request) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const content = await request.produce();
      if (request.signal?.aborted) return { outcome: 'cancelled' };
      const path = await reserveName(folder, withExtension(request.suggestedName, request.format));
      await writeFileAtomic(path, content);
      return { outcome: 'saved', path, bytes: byteLength(content) };
    },
  };
}
