/**
 * Reads a capture file the admin picked or dropped, in the window, chunk by chunk: the whole file
 * is never held (a HAR can be hundreds of MB), and only the digest leaves this function.
 */
import { CaptureReader, type CaptureReadResult } from '../../../shared/capture/reader';

/** Largest file read (memory does not grow with it; time does). */
export const MAX_CAPTURE_FILE_BYTES = 2_000_000_000;

export async function readCaptureBlob(file: Blob, onProgress: (fraction: number) => void): Promise<CaptureReadResult> {
  if (file.size === 0) return { ok: false, code: 'not-json', message: 'The file is empty.' };
  if (file.size > MAX_CAPTURE_FILE_BYTES) {
    return {
      ok: false,
      code: 'not-json',
      message: `The file is ${Math.round(file.size / 1_000_000)} MB, more than a capture may be; ask for a capture of just the failing login.`,
    };
  }
  const reader = new CaptureReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = file.stream().getReader();
  let done = 0;
  try {
    for (;;) {
      const next = await stream.read();
      if (next.done) break;
      done += next.value.length;
      reader.push(decoder.decode(next.value, { stream: true }));
      onProgress(done / file.size);
      if (reader.failed) {
        await stream.cancel();
        break;
      }
    }
    if (!reader.failed) reader.push(decoder.decode());
  } catch (error) {
    if (error instanceof TypeError) {
      return {
        ok: false,
        code: 'not-json',
        message:
          "The file is not a HAR file or SAML-tracer export: it holds bytes that are not text. Ask for the capture again, exported from the browser's Network tab or from SAML-tracer.",
      };
    }
    return { ok: false, code: 'not-json', message: 'The file could not be read to the end.' };
  }
  return reader.finish();
}
