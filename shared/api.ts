import { z } from 'zod';
import type { ApiCallName } from './api-calls';

/**
 * The one contract between the renderer and the main side: for each call, the schema of its
 * request and of its response. The main side validates every request against it (and its own
 * responses, so that nothing outside the contract, such as a secret, can leak back).
 */
const ModeIdSchema = z.enum(['flex-enhanced', 'flex-legacy', 'frontline']);

const CatalogModeSchema = z.object({
  id: ModeIdSchema,
  label: z.string(),
  summary: z.string(),
  retired: z.boolean(),
});

const CatalogIdpSchema = z.object({
  id: z.string(),
  label: z.string(),
});

const EmptyRequest = z.object({}).strict();

export const apiContract = {
  getAppInfo: {
    request: EmptyRequest,
    response: z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'web']),
    }),
  },
  listCatalog: {
    request: EmptyRequest,
    response: z.object({
      modes: z.array(CatalogModeSchema),
      idps: z.array(CatalogIdpSchema),
    }),
  },
} satisfies Record<ApiCallName, { request: z.ZodType; response: z.ZodType }>;

export type ApiContract = typeof apiContract;
export type ApiRequest<K extends ApiCallName> = z.input<ApiContract[K]['request']>;
export type ApiResponse<K extends ApiCallName> = z.output<ApiContract[K]['response']>;

/** The typed client the renderer uses; it throws `ApiCallError` when the main side refuses. */
export type ApiClient = { [K in ApiCallName]: (request: ApiRequest<K>) => Promise<ApiResponse<K>> };

/** The main side's implementation of the contract; the hosts route calls to it. */
export type ApiHandlers = { [K in ApiCallName]: (request: z.output<ApiContract[K]['request']>) => Promise<ApiResponse<K>> };

export type CatalogMode = z.output<typeof CatalogModeSchema>;
export type CatalogIdp = z.output<typeof CatalogIdpSchema>;
