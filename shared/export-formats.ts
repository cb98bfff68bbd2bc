/**
 * The kinds of file the wizard saves, declared once: the contract's schemas, the save dialog's
 * filters and the web host's download types derive from this list.
 */
export const EXPORT_FORMATS = ['md', 'html', 'json', 'pdf', 'xml', 'tsv', 'js', 'txt', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The formats whose content the renderer makes itself (a PDF is printed on the main side). */
export const TEXT_EXPORT_FORMATS = ['md', 'html', 'json', 'xml', 'tsv', 'js', 'txt', 'ics'] as const satisfies readonly ExportFormat[];
export type TextExportFormat = (typeof TEXT_EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { name: string; mediaType: string }> = {
  md: { name: 'Markdown', mediaType: 'text/markdown; charset=utf-8' },
  html: { name: 'Web page (HTML)', mediaType: 'text/html; charset=utf-8' },
  json: { name: 'JSON', mediaType: 'application/json; charset=utf-8' },
  pdf: { name: 'PDF', mediaType: 'application/pdf' },
  xml: { name: 'XML', mediaType: 'application/xml; charset=utf-8' },
  tsv: { name: 'Tab-separated values', mediaType: 'text/tab-separated-values; charset=utf-8' },
  js: { name: 'JavaScript', mediaType: 'text/javascript; charset=utf-8' },
  txt: { name: 'Text', mediaType: 'text/plain; charset=utf-8' },
  ics: { name: 'Calendar (iCalendar)', mediaType: 'text/calendar; charset=utf-8' },
};

/** The format a file name ends with (a checklist artifact's name, say), or null when it is none of these. */
export function formatOfFileName(fileName: string): ExportFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (EXPORT_FORMATS as readonly string[]).includes(extension ?? '') ? (extension as ExportFormat) : null;
}
