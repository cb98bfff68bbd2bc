import { UserFacingError } from '../api-dispatch';
import { ChromiumMissingError, htmlToPdf } from '../checklist-pdf';
import type { PdfRenderer } from './file-saver';

/** PDF through headless Chromium (playwright-core), as the CLI does: for the web host. */
export function createChromiumPdfRenderer(browser?: string): PdfRenderer {
  return async (html, signal) => {
    if (signal?.aborted) throw new UserFacingError('Cancelled.');
    try {
      return await htmlToPdf(html, browser ? { browser } : {});
    } catch (error) {
      if (error instanceof ChromiumMissingError) throw new UserFacingError(error.message);
      throw error;
    }
  };
}
