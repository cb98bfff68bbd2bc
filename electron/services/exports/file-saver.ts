import type { SaveOutcome } from '../../../shared/api';
import { EXPORT_FORMAT_INFO, type ExportFormat } from '../../../shared/export-formats';

export type { ExportFormat };

export interface SaveRequest {
  /** A file name only; the user chooses the folder (save dialog, or the browser's downloads). */
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

/** How a host saves an export: Electron asks with a save dialog; the web host hands it to the browser's download. */
export interface FileSaver {
  save(request: SaveRequest): Promise<SaveOutcome>;
}

/** Prints self-contained HTML to PDF bytes (Electron: printToPDF; web host and CLI: Chromium). */
export type PdfRenderer = (html: string, signal?: AbortSignal) => Promise<Uint8Array>;

/** The save dialog's filter for each format. */
export const FORMAT_LABELS: Record<ExportFormat, { name: string; extension: string }> = Object.fromEntries(
  Object.entries(EXPORT_FORMAT_INFO).map(([format, info]) => [format, { name: info.name, extension: format }]),
) as Record<ExportFormat, { name: string; extension: string }>;

/** The suggested name with the format's extension (added when missing). */
export function withExtension(name: string, format: ExportFormat): string {
  const extension = `.${FORMAT_LABELS[format].extension}`;
  return name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`;
}

export function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}
