/** The IdP's metadata: pasted, or downloaded as a task; analysed on the analysis thread. */
import type { ApiHandlers } from '../../../shared/api';
import type { ApiServices } from '../api-services';
import { UserFacingError } from '../errors';
import { fetchMetadata } from '../saml/fetch';
import { metadataDto } from './dto';

export function metadataHandlers(services: ApiServices): Pick<ApiHandlers, 'importMetadataText' | 'startMetadataDownload'> {
  const { tasks } = services;
  return {
    importMetadataText: async ({ xml, entityId, idp }) => ({
      report: metadataDto(await services.analysis.importMetadata(xml, { ...(entityId ? { entityId } : {}), ...(idp ? { idp } : {}) })),
    }),
    startMetadataDownload: async ({ url, entityId, idp }) => {
      let host: string;
      try {
        host = new URL(url.trim()).host;
      } catch {
        throw new UserFacingError(`"${url.slice(0, 100)}" is not a URL.`);
      }
      const taskId = tasks.start('metadata-download', `Downloading the metadata from ${host}…`, async ({ signal, report }) => {
        const xml = await fetchMetadata(url, { timeoutMs: 15_000, maxBytes: 5_000_000, signal });
        report({ progress: 0.8, message: 'Reading the metadata…' });
        const analysed = await services.analysis.importMetadata(xml, { ...(entityId ? { entityId } : {}), ...(idp ? { idp } : {}) });
        return { kind: 'metadata-download', url, bytes: Buffer.byteLength(xml, 'utf8'), report: metadataDto(analysed) };
      });
      return { taskId };
    },
  };
}
