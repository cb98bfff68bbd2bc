/** Exports: a text file through the saver, a PDF rendered as a task. */
import type { ApiHandlers } from '../../../shared/api';
import type { ApiServices } from '../api-services';

export function exportHandlers(services: ApiServices): Pick<ApiHandlers, 'saveExport' | 'startPdfExport'> {
  const { tasks } = services;
  return {
    saveExport: ({ format, suggestedName, content }) => services.saver.save({ suggestedName, format, title: 'Save the export', produce: async () => content }),
    startPdfExport: async ({ suggestedName, html }) => {
      const taskId = tasks.start('pdf-export', 'Choose where to save the PDF…', async ({ signal, report }) => {
        const saved = await services.saver.save({
          suggestedName,
          format: 'pdf',
          title: 'Save the checklist as PDF',
          signal,
          produce: async () => {
            report({ progress: 0.3, message: 'Rendering the PDF…' });
            const pdf = await services.renderPdf(html, signal);
            report({ progress: 0.9, message: 'Saving the PDF…' });
            return pdf;
          },
        });
        return { result: { kind: 'pdf-export', saved }, state: saved.outcome === 'cancelled' ? 'cancelled' : 'succeeded' };
      });
      return { taskId };
    },
  };
}
