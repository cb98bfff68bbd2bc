import { useCallback, useState } from 'react';
import type { ApiClient } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { formatOfFileName, type TextExportFormat } from '../../../shared/export-formats';
import { finishSave, type SaveNotice } from './save-outcome';

export type SaveFileNotice = SaveNotice | { intent: 'error'; text: string };

/**
 * Saves text the wizard made as a file named as promised (`okta-attribute-statements.tsv`): the
 * save dialog in the desktop app, the browser's own download in the web host.
 */
export function useSaveFile(api: ApiClient, onSaved?: () => void) {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<SaveFileNotice | null>(null);
  const save = useCallback(
    (fileName: string, content: string, format: TextExportFormat | null = null) => {
      const chosen = format ?? formatOfFileName(fileName);
      if (!chosen || chosen === 'pdf') {
        setNotice({ intent: 'error', text: `The wizard cannot save a file named ${fileName}.` });
        return;
      }
      setBusy(true);
      setNotice(null);
      api
        .saveExport({ format: chosen, suggestedName: fileName, content })
        .then((outcome) => {
          setNotice(finishSave(outcome));
          if (outcome.outcome !== 'cancelled') onSaved?.();
        })
        .catch((reason: unknown) => setNotice({ intent: 'error', text: errorMessage(reason) }))
        .finally(() => setBusy(false));
    },
    [api, onSaved],
  );
  return { save, busy, notice };
}
