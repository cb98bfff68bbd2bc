import { CHROMIUM_QUIET_FLAGS, chromiumSandboxFlags, requireChromium } from './chromium';

import { ChromiumMissingError } from './errors';

export { ChromiumMissingError };

/**
 * Prints a self-contained HTML page to PDF with headless Chromium. Every network request is
 * refused: the checklist HTML needs none. playwright-core is loaded only here, on demand.
 */
export async function htmlToPdf(html: string, options: { browser?: string } = {}): Promise<Uint8Array> {
  const executablePath = requireChromium('PDF', options.browser);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_QUIET_FLAGS, ...chromiumSandboxFlags()],
  });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    // Tagged: the PDF carries its structure (headings, lists, tables) for screen readers; the outline lists the headings.
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
