/**
 * Every input the CLI reads (a response, metadata, a certificate) comes through here: a regular
 * file or a pipe on stdin, read through a bounded stream, never more than the limit. Anything it
 * cannot bound is refused with one line (exit 2) before a byte is read: a named pipe (reading one
 * waits for a writer that may never come), a device such as /dev/zero (endless), a folder, a
 * terminal on stdin (nothing was piped in).
 */
import { constants, type Stats } from 'node:fs';
import { fstat } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { CliUsageError } from './errors';

function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${Math.round(bytes / 1_000_000)} MB` : `${Math.round(bytes / 1000)} kB`;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice()) return 'a device';
  if (info.isBlockDevice()) return 'a disk device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooLarge(where: string, what: string, maxBytes: number): CliUsageError {
  return new CliUsageError(`${where} is larger than ${sizeText(maxBytes)}, far more than a ${what}; refused`);
}

async function readBounded(handle: FileHandle, maxBytes: number, where: string, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(where, what, maxBytes);
    chunks.push(chunk.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks, total);
}

async function readStdin(maxBytes: number, what: string): Promise<Buffer> {
  let info: Stats;
  try {
    info = await promisify(fstat)(0);
  } catch {
    throw new CliUsageError(`nothing can be read on stdin; pipe the ${what} in, or name a file`);
  }
  if (process.stdin.isTTY) throw new CliUsageError(`nothing was piped in on stdin; pipe the ${what} in, or name a file`);
  if (!info.isFile() && !info.isFIFO() && !info.isSocket()) {
    throw new CliUsageError(`the standard input (stdin) is ${kindOf(info)}, not a file or a pipe; pipe the ${what} in, or name a file`);
  }
  if (info.isFile() && info.size > maxBytes) throw tooLarge('the input on stdin', what, maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buffer.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw tooLarge(`the ${what} on stdin`, what, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

async function readFileBounded(source: string, maxBytes: number, what: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer before it can be refused.
    handle = await open(source, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliUsageError(
      code === 'ENOENT'
        ? `there is no file ${resolve(source)}`
        : code === 'EACCES'
          ? `${source} cannot be read (permission denied)`
          : `cannot read ${source} (${code ?? 'error'})`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new CliUsageError(`${source} is ${kindOf(info)}, not a file; save the ${what} to a file, or pipe it in with -`);
    if (info.size > maxBytes) throw tooLarge(source, what, maxBytes);
    return await readBounded(handle, maxBytes, source, what);
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`cannot read ${source} (${(error as { code?: string }).code ?? 'error'})`);
  } finally {
    await handle.close();
  }
}

/**
 * Reads FILE or - (stdin) as UTF-8 text, at most `maxBytes`; `what` names it in messages ("SAML
 * response"). Unreadable, unbounded or empty input is a usage error (exit 2).
 */
export async function readInput(source: string, maxBytes: number, what: string): Promise<string> {
  const bytes = source === '-' ? await readStdin(maxBytes, what) : await readFileBounded(source, maxBytes, what);
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new CliUsageError(source === '-' ? `nothing was given on stdin; pipe the ${what} in, or name a file` : `${source} is empty`);
  return text;
}
