import { BrowserWindow, session } from 'electron';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfRenderer } from '../services/exports/file-saver';
import { denyAllPermissions } from './window-security';

/**
 * PDF through `webContents.printToPDF` of a hidden window that loads the self-contained checklist
 * HTML from a temporary file: JavaScript off, sandboxed, no preload, its own in-memory session in
 * which every request but that one file is cancelled.
 */
export const printHtmlToPdf: PdfRenderer = async (html, signal) => {
  const folder = await mkdtemp(join(tmpdir(), 'flex-sso-pdf-'));
  const file = join(folder, 'checklist.html');
  await writeFile(file, html, { mode: 0o600 });
  const allowed = pathToFileURL(file).href;
  const partition = session.fromPartition(`pdf-${randomUUID()}`, { cache: false });
  denyAllPermissions(partition);
  partition.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== allowed && !details.url.startsWith('data:') }));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { session: partition, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, images: true },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  const onAbort = (): void => window.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await window.loadURL(allowed);
    // Tagged (accessible): the structure of the page travels into the PDF; the outline lists its headings.
    const pdf = await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      margins: { top: 0.6, bottom: 0.6, left: 0.55, right: 0.55 },
    });
    return new Uint8Array(pdf);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!window.isDestroyed()) window.destroy();
    await partition.clearStorageData().catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  }
};
