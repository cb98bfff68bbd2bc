import { randomUUID } from 'node:crypto';
import type { LoginTestPhase, TaskKind, TaskResult, TaskStatus } from '../../../shared/api';
import { errorMessage, UserFacingError, userFacingMessage } from '../errors';

export interface TaskProgress {
  /** 0..1, or null when it cannot be measured. */
  progress?: number | null;
  message?: string;
  phase?: LoginTestPhase | null;
}

export interface TaskContext {
  /** Aborted when the user cancels; long work must stop soon after. */
  readonly signal: AbortSignal;
  report: (update: TaskProgress) => void;
}

/** How a task ended: normally its result; a login test may also end failed with a result. */
export interface TaskFinish {
  result: TaskResult | null;
  state?: 'succeeded' | 'failed' | 'cancelled';
  error?: string;
}

export interface TaskRegistryOptions {
  /** How long a finished task's status stays readable. */
  keepFinishedMs?: number;
  maxFinished?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

interface Entry {
  status: TaskStatus;
  controller: AbortController;
  finishedAtMs: number | null;
}

const GENERIC_FAILURE = 'The work stopped unexpectedly; try again, and report it if it keeps happening.';

/**
 * Long work the renderer starts, polls and cancels: `start` answers a task id at once; `status`
 * answers progress and, at the end, the result. Identical over IPC and HTTP because it is only
 * request/response (no events to subscribe to).
 */
export class TaskRegistry {
  private readonly tasks = new Map<string, Entry>();
  private readonly keepFinishedMs: number;
  private readonly maxFinished: number;
  private readonly log: (line: string) => void;
  private readonly now: () => Date;

  constructor(options: TaskRegistryOptions = {}) {
    this.keepFinishedMs = options.keepFinishedMs ?? 15 * 60_000;
    this.maxFinished = options.maxFinished ?? 100;
    this.log = options.log ?? (() => {});
    this.now = options.now ?? (() => new Date());
  }

  start(kind: TaskKind, message: string, run: (context: TaskContext) => Promise<TaskFinish | TaskResult>): string {
    this.prune();
    const id = randomUUID();
    const controller = new AbortController();
    const entry: Entry = {
      controller,
      finishedAtMs: null,
      status: {
        id,
        kind,
        state: 'running',
        progress: null,
        message,
        phase: kind === 'login-test' ? 'starting' : null,
        startedAt: this.now().toISOString(),
        finishedAt: null,
        error: null,
        result: null,
      },
    };
    this.tasks.set(id, entry);
    const context: TaskContext = {
      signal: controller.signal,
      report: (update) => {
        if (entry.status.state !== 'running') return;
        if (update.progress !== undefined) entry.status.progress = update.progress === null ? null : Math.min(1, Math.max(0, update.progress));
        if (update.message !== undefined && !controller.signal.aborted) entry.status.message = update.message;
        if (update.phase !== undefined) entry.status.phase = update.phase;
      },
    };
    void Promise.resolve()
      .then(() => run(context))
      .then(
        (outcome) => {
          const finish: TaskFinish = 'kind' in outcome ? { result: outcome } : outcome;
          const state = finish.state ?? (controller.signal.aborted ? 'cancelled' : 'succeeded');
          this.finish(entry, state, finish.result, finish.error ?? null);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return this.finish(entry, 'cancelled', null, null);
          const message = userFacingMessage(error);
          if (message === null) this.log(`task ${kind} failed: ${errorMessage(error)}`);
          this.finish(entry, 'failed', null, message ?? GENERIC_FAILURE);
        },
      );
    return id;
  }

  private finish(entry: Entry, state: TaskStatus['state'], result: TaskResult | null, error: string | null): void {
    if (entry.status.state !== 'running') return;
    entry.status.state = state;
    entry.status.result = result;
    entry.status.error = state === 'failed' ? (error ?? GENERIC_FAILURE) : null;
    entry.status.finishedAt = this.now().toISOString();
    if (state === 'succeeded') entry.status.progress = 1;
    if (state === 'cancelled') entry.status.message = 'Cancelled.';
    entry.finishedAtMs = this.now().getTime();
  }

  private entry(id: string): Entry {
    const entry = this.tasks.get(id);
    if (!entry) throw new UserFacingError('That task is not known (it may have finished long ago, or the app was restarted).');
    return entry;
  }

  status(id: string): TaskStatus {
    return structuredClone(this.entry(id).status);
  }

  cancel(id: string): TaskStatus {
    const entry = this.entry(id);
    if (entry.status.state === 'running' && !entry.controller.signal.aborted) {
      entry.status.message = 'Cancelling…';
      entry.controller.abort();
    }
    return this.status(id);
  }

  /** Cancels everything still running (the app is quitting). */
  cancelAll(): void {
    for (const entry of this.tasks.values()) if (entry.status.state === 'running') entry.controller.abort();
  }

  private prune(): void {
    const now = this.now().getTime();
    const finished = [...this.tasks.entries()].filter(([, e]) => e.finishedAtMs !== null);
    for (const [id, e] of finished) if (now - (e.finishedAtMs ?? now) > this.keepFinishedMs) this.tasks.delete(id);
    const still = finished.filter(([id]) => this.tasks.has(id)).sort((a, b) => (a[1].finishedAtMs ?? 0) - (b[1].finishedAtMs ?? 0));
    while (still.length > this.maxFinished) this.tasks.delete(still.shift()![0]);
  }
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('cancelled'));
      },
      { once: true },
    );
  });
}
