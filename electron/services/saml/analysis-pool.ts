/**
 * Where the main side runs SAML analysis: on a worker thread (analysis-worker.ts), so that the
 * main process keeps answering other API calls while a document is read, and so that a document
 * that needs too much memory or time ends that thread, not the app. The CLI, a process of its
 * own, runs the same analysis in-process (inProcessAnalysis).
 */
import { Worker } from 'node:worker_threads';
import { metadataFailureReport } from '../../../shared/saml/metadata';
import { inputFailureReport } from '../../../shared/saml/analyze';
import type { AnalysisReport, MetadataReport } from '../../../shared/saml/report';
import type { AnalyzeOptions, ImportMetadataOptions } from '../analysis';

export type AnalysisJob =
  { id: number; kind: 'response'; input: string; options: AnalyzeOptions } | { id: number; kind: 'metadata'; input: string; options: ImportMetadataOptions };

export type AnalysisJobResult = { id: number; ok: true; result: AnalysisReport | MetadataReport } | { id: number; ok: false; error: string };

export interface AnalysisRunner {
  /** Diagnoses a SAML response; never throws on a bad document. */
  analyzeResponse: (input: string, options?: AnalyzeOptions) => Promise<AnalysisReport>;
  /** Reads IdP metadata; never throws on a bad document. */
  importMetadata: (xml: string, options?: ImportMetadataOptions) => Promise<MetadataReport>;
  /** Starts the thread (and loads node-saml in it) ahead of the first job, e.g. when a login test starts. */
  warm: () => void;
  close: () => Promise<void>;
}

export interface WorkerAnalysisOptions {
  /** A job taking longer ends the thread (and the job) and a fresh one serves the next. */
  jobTimeoutMs?: number;
  /** The thread's heap limit: a document needing more ends the thread, not the main process. */
  maxHeapMb?: number;
}

const DEFAULT_JOB_TIMEOUT_MS = 30_000;
const DEFAULT_WORKER_HEAP_MB = 512;

interface Pending {
  job: AnalysisJob;
  resolve: (result: AnalysisReport | MetadataReport) => void;
  timer: NodeJS.Timeout;
}

function failure(job: AnalysisJob, message: string): AnalysisReport | MetadataReport {
  return job.kind === 'response'
    ? inputFailureReport('input-too-large', message, job.options.idp)
    : metadataFailureReport('input-too-large', message, job.options.idp);
}

/** Analysis on one worker thread (started on first use, restarted after a crash or a timeout). */
export function createWorkerAnalysis(workerScript: string | URL, options: WorkerAnalysisOptions = {}): AnalysisRunner {
  const jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_WORKER_HEAP_MB;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const settle = (id: number, result: AnalysisReport | MetadataReport): void => {
    const entry = pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(id);
    entry.resolve(result);
    if (pending.size === 0) worker?.unref();
  };

  /** Ends the thread; every job still on it gets a failure saying why. */
  const drop = (why: string): void => {
    const current = worker;
    worker = null;
    if (current) void current.terminate();
    for (const [id, entry] of [...pending]) settle(id, failure(entry.job, why));
  };

  const start = (): Worker => {
    if (worker) return worker;
    const created = new Worker(workerScript, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    created.on('message', (message: AnalysisJobResult) => {
      const entry = pending.get(message.id);
      if (!entry) return;
      settle(message.id, message.ok ? message.result : failure(entry.job, `The document could not be analysed (${message.error.split('\n')[0]}).`));
    });
    created.on('error', (error: Error & { code?: string }) => {
      if (worker !== created) return;
      drop(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `The document needed more than ${maxHeapMb} MB to read, far more than any SAML document; it was not read.`
          : `The document could not be analysed (${error.message.split('\n')[0]}).`,
      );
    });
    created.on('exit', () => {
      if (worker === created) drop('The analysis stopped before it finished; try again.');
    });
    created.unref();
    worker = created;
    return created;
  };

  const run = (job: AnalysisJob): Promise<AnalysisReport | MetadataReport> =>
    new Promise((resolve) => {
      const thread = start();
      const timer = setTimeout(() => {
        const limit = jobTimeoutMs >= 1000 ? `${Math.round(jobTimeoutMs / 1000)} seconds` : `${jobTimeoutMs} ms`;
        if (worker === thread) drop(`Reading the document took longer than ${limit}, far longer than any SAML document needs; it was stopped.`);
      }, jobTimeoutMs);
      timer.unref();
      pending.set(job.id, { job, resolve, timer });
      thread.ref();
      thread.postMessage(job);
    });

  return {
    analyzeResponse: async (input, jobOptions = {}) => (await run({ id: nextId++, kind: 'response', input, options: jobOptions })) as AnalysisReport,
    importMetadata: async (xml, jobOptions = {}) => (await run({ id: nextId++, kind: 'metadata', input: xml, options: jobOptions })) as MetadataReport,
    warm: () => void start(),
    close: async () => {
      drop('The analysis was closed.');
    },
  };
}
