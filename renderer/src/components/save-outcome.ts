import type { SaveOutcome } from '../../../shared/api';

export interface SaveNotice {
  intent: 'success' | 'info';
  /** What happened, in words. */
  text: string;
  /** Where the file is, when the wizard knows (Electron's save dialog). */
  path?: string;
}

/** Hands a prepared file to the browser's own download (the web host), named as the wizard promised. */
function startBrowserDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Finishes a save the main side answered: in the web host the browser downloads the file now; the
 * words say where it went (the path the admin chose, or the browser's downloads).
 */
export function finishSave(outcome: SaveOutcome): SaveNotice {
  switch (outcome.outcome) {
    case 'saved':
      return { intent: 'success', text: `Saved to ${outcome.path} (${Math.max(1, Math.round(outcome.bytes / 1024))} KB).`, path: outcome.path };
    case 'download':
      startBrowserDownload(outcome.url, outcome.fileName);
      return {
        intent: 'success',
        text: `Downloaded as ${outcome.fileName}: your browser keeps it with its other downloads (or asks you where, if it is set to).`,
      };
    case 'cancelled':
      return { intent: 'info', text: 'Not saved: the save was cancelled.' };
  }
}
