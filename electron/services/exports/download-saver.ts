import { randomBytes } from 'node:crypto';
import { EXPORT_FORMAT_INFO } from '../../../shared/export-formats';
import { byteLength, withExtension, type FileSaver } from './file-saver';

/** How long a prepared download waits for the browser to fetch it. */
const DOWNLOAD_TTL_MS = 5 * 60_000;
/** Prepared downloads kept at once (older ones are dropped first). */
const MAX_WAITING = 20;

export interface PreparedDownload {
  fileName: string;
  mediaType: string;
  body: Buffer;
}

/**
 * Files waiting for the browser to download them: each under a random one-time token, fetched
 * once (GET /downloads/<token> on the web host, with the session cookie) and then forgotten, or
 * dropped after a few minutes. Held in memory only: nothing is written to disk on the way.
 */
export class DownloadShelf {
  private readonly waiting = new Map<string, PreparedDownload & { expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  put(download: PreparedDownload): string {
    this.drop();
    while (this.waiting.size >= MAX_WAITING) this.waiting.delete(this.waiting.keys().next().value!);
    const token = randomBytes(24).toString('base64url');
    this.waiting.set(token, { ...download, expires: this.now() + DOWNLOAD_TTL_MS });
    return token;
  }

  /** The download for this token, once; null when unknown, already fetched or expired. */
  take(token: string): PreparedDownload | null {
    this.drop();
    const found = this.waiting.get(token);
    this.waiting.delete(token);
    return found ? { fileName: found.fileName, mediaType: found.mediaType, body: found.body } : null;
  }

  private drop(): void {
    const now = this.now();
    for (const [token, entry] of this.waiting) if (entry.expires <= now) this.waiting.delete(token);
  }
}

/**
 * The web host's saver: a browser page cannot show a native save dialog, so the file goes through
 * the browser's own download (its downloads folder, or the place it asks for), named as suggested.
 */
export function createDownloadSaver(shelf: DownloadShelf): FileSaver {
  return {
    async save(request) {
      const content = await request.produce();
      if (request.signal?.aborted) return { outcome: 'cancelled' };
      const fileName = withExtension(request.suggestedName, request.format);
      const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      const token = shelf.put({ fileName, mediaType: EXPORT_FORMAT_INFO[request.format].mediaType, body });
      return { outcome: 'download', url: `/downloads/${token}`, fileName, bytes: byteLength(content) };
    },
  };
}

/** The Content-Disposition of a download: the name as given (UTF-8) and a plain ASCII fallback. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
