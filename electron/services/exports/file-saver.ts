import type { SaveOutcome } from '../../../shared/api';

export type ExportFormat = 'md' | 'html' | 'json' | 'pdf';

export interface SaveRequest {
  /** A file name only; the saver chooses (dialog) or fixes (exports folder) the folder. */
  suggestedName: string;
  format: ExportFormat;
  /** The dialog's title. */
  title: string;
  /**
   * Produces the bytes, called only once a place to save is known (so a PDF is rendered after the
   * user picked the file, and not at all when they cancel).
   */
  produce: () => Promise<string | Uint8Array>;
  signal?: AbortSignal;
}

/** How a host saves an export: Electron asks with a save dialog; the web host writes to a folder. */
export interface FileSaver {
  save(request: SaveRequest): Promise<SaveOutcome>;
}

/** Prints self-contained HTML to PDF bytes (Electron: printToPDF; web host and CLI: Chromium). */
export type PdfRenderer = (html: string, signal?: AbortSignal) => Promise<Uint8Array>;

export const FORMAT_LABELS: Record<ExportFormat, { name: string; extension: string }> = {
  md: { name: 'Markdown', extension: 'md' },
  html: { name: 'Web page (HTML)', extension: 'html' },
  json: { name: 'JSON', extension: 'json' },
  pdf: { name: 'PDF', extension: 'pdf' },
};

/** The suggested name with the format's extension (added when missing). */
export function withExtension(name: string, format: ExportFormat): string {
  const extension = `.${FORMAT_LABELS[format].extension}`;
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}

export function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}
