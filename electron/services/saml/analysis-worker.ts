/**
 * The analysis thread: SAML response analysis and metadata reading run here, off the main side's
 * event loop, so other API calls answer while a large or hostile document is being read. Started
 * by analysis-pool.ts; one message in, one message out, matched by id.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeSamlResponse, importMetadata } from '../analysis';
import type { AnalysisJob, AnalysisJobResult } from './analysis-pool';
import { errorMessage } from '../../../shared/errors';

if (!parentPort) throw new Error('analysis-worker runs as a worker thread');
const port = parentPort;

port.on('message', (job: AnalysisJob) => {
  const run: Promise<Extract<AnalysisJobResult, { ok: true }>['result']> =
    job.kind === 'response' ? analyzeSamlResponse(job.input, job.options) : importMetadata({ xml: job.input }, job.options);
  run.then(
    (result) => port.postMessage({ id: job.id, ok: true, result } satisfies AnalysisJobResult),
    (error: unknown) => port.postMessage({ id: job.id, ok: false, error: errorMessage(error) } satisfies AnalysisJobResult),
  );
});
