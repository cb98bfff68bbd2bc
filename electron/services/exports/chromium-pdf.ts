import { UserFacingError } from '../errors';
import { htmlToPdf } from '../checklist-pdf';
import type { PdfRenderer } from './file-saver';

/** PDF through headless Chromium (playwright-core), as the CLI does: for the web host. */
export function createChromiumPdfRenderer(browser?: string): PdfRenderer {
  return async (html, signal) => {
    if (signal?.aborted) throw new UserFacingError('Cancelled.');
    // A missing Chromium (ChromiumMissingError) reaches the user through the task registry's mapping.
    return htmlToPdf(html, browser ? { browser } : {});
  };
}
