import { app, type BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { byteLength, FORMAT_LABELS, withExtension, type FileSaver } from '../services/exports/file-saver';
import { writeFileAtomic } from '../services/profiles/atomic-file';

/**
 * Electron's saver: the native save dialog (the user picks the file, so the renderer never names a
 * path), then an atomic write. The content is produced only after the user chose a file.
 */
export function createSaveDialogSaver(parent: () => BrowserWindow | null): FileSaver {
  return {
    async save(request) {
      const label = FORMAT_LABELS[request.format];
      const options = {
        title: request.title,
        defaultPath: join(app.getPath('documents'), withExtension(request.suggestedName, request.format)),
        filters: [{ name: label.name, extensions: [label.extension] }],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const window = parent();
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath || request.signal?.aborted) return { outcome: 'cancelled' };
      const content = await request.produce();
      if (request.signal?.aborted) return { outcome: 'cancelled' };
      await writeFileAtomic(choice.filePath, content);
      return { outcome: 'saved', path: choice.filePath, bytes: byteLength(content) };
    },
  };
}
