import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CaptureReader, type CaptureReadResult } from '../../../shared/capture/reader';

/** Largest capture file read. Memory does not grow with the file (it is streamed); time does. */
const MAX_CAPTURE_FILE_BYTES = 2_000_000_000;

export interface CaptureFileOptions {
  maxBytes?: number;
}

export type CaptureFileResult = CaptureReadResult | { ok: false; code: 'unreadable-file' | 'too-large' | 'not-text'; message: string };

/**
 * Streams a capture file through the reader: never more than one chunk of the file in memory, and
 * reading stops at the first sign that it is not a capture (binary junk is refused after 64 KB).
 */
export async function readCaptureFile(path: string, options: CaptureFileOptions = {}): Promise<CaptureFileResult> {
  const maxBytes = options.maxBytes ?? MAX_CAPTURE_FILE_BYTES;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile())
      return { ok: false, code: 'unreadable-file', message: `${path} is not a regular file (a folder, device or pipe); give the exported .har or .json file.` };
    size = info.size;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      ok: false,
      code: 'unreadable-file',
      message: code === 'ENOENT' ? `There is no file ${resolve(path)}.` : `${path} cannot be read (${code ?? 'error'}).`,
    };
  }
  if (size === 0) return { ok: false, code: 'unreadable-file', message: `${path} is empty.` };
  if (size > maxBytes) {
    return {
      ok: false,
      code: 'too-large',
      message: `${path} is ${Math.round(size / 1_000_000)} MB, more than the ${Math.round(maxBytes / 1_000_000)} MB a capture may be; ask for a capture of just the failing login.`,
    };
  }
  const reader = new CaptureReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      reader.push(decoder.decode(chunk as Buffer, { stream: true }));
      if (reader.failed) break;
    }
    if (!reader.failed) reader.push(decoder.decode());
  } catch (error) {
    if (error instanceof TypeError) {
      return {
        ok: false,
        code: 'not-text',
        message: `${path} is not a HAR file or SAML-tracer export: it holds bytes that are not text (UTF-8). Ask for the capture again, exported from the browser's Network tab or from SAML-tracer.`,
      };
    }
    const code = (error as { code?: string }).code;
    return { ok: false, code: 'unreadable-file', message: `${path} could not be read to the end (${code ?? 'error'}).` };
  } finally {
    stream.destroy();
  }
  return reader.finish();
}
