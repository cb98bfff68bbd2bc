import type { DesiredSetup } from '../../../shared/idp-admin/desired';
import { IdpAdminError } from './admin-http';
import { JOURNAL_FORMAT, type CreatedObject, type IdpAdminProvider, type Journal, type JournalEntry, type PlanStep, type SetupResult } from './types';

/**
 * The provider-independent engine: plan (what differs), apply (with progress, cancel and a journal
 * written after every step), undo (everything the journal says the wizard created, newest first).
 * A run that stopped part-way is resumed by planning again with its journal: the provider finds
 * what exists (by the journal's ids or the wizard's marker) and only the rest is planned.
 */

export interface EngineProgress {
  /** 0-based index of the step running, and how many there are. */
  index: number;
  total: number;
  title: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: EngineProgress) => void;
  /** Called with the journal after every step, to persist it (a file, the profile). */
  onJournal?: (journal: Journal) => void | Promise<void>;
  now?: () => Date;
}

export interface Plan {
  steps: PlanStep[];
  /** The journal to continue (a resumed run), or a fresh one. */
  journal: Journal;
}

function newJournal(provider: IdpAdminProvider, desired: DesiredSetup, now: Date): Journal {
  const at = now.toISOString();
  return {
    format: JOURNAL_FORMAT,
    idp: provider.idp,
    tenant: provider.tenant,
    marker: desired.marker,
    mode: desired.mode,
    state: 'applying',
    startedAt: at,
    updatedAt: at,
    entries: [],
    outputs: {},
    error: null,
  };
}

/** Checks a journal read from a file or a profile belongs to this provider and setup. */
function checkJournal(journal: Journal, provider: IdpAdminProvider, desired?: DesiredSetup): void {
  if (journal.format !== JOURNAL_FORMAT) throw new IdpAdminError('bad-request', `That file is not a journal of the wizard (format ${String(journal.format)}).`);
  if (journal.idp !== provider.idp) throw new IdpAdminError('bad-request', `That journal is for ${journal.idp}, not ${provider.idp}.`);
  if (journal.tenant !== provider.tenant) throw new IdpAdminError('bad-request', `That journal is for ${journal.tenant}, not ${provider.tenant}.`);
  if (desired && journal.marker !== desired.marker)
    throw new IdpAdminError('bad-request', `That journal is for another Twilio connection (${journal.marker}).`);
}

export async function planSetup(provider: IdpAdminProvider, desired: DesiredSetup, previous: Journal | null = null, options: RunOptions = {}): Promise<Plan> {
  const signal = options.signal ?? new AbortController().signal;
  if (previous) checkJournal(previous, provider, desired);
  const current = await provider.readCurrent(desired, previous?.outputs ?? {}, signal);
  const journal = previous ? structuredClone(previous) : newJournal(provider, desired, (options.now ?? (() => new Date()))());
  Object.assign(journal.outputs, current.found);
  return { steps: provider.plan(desired, current), journal };
}

function stamp(journal: Journal, now: () => Date): void {
  journal.updatedAt = now().toISOString();
}

/** Applies the steps in order; the journal says after each one what exists. Throws IdpAdminError on failure (the journal is already saved). */
export async function applySetup(provider: IdpAdminProvider, plan: Plan, options: RunOptions = {}): Promise<Journal> {
  const signal = options.signal ?? new AbortController().signal;
  const now = options.now ?? (() => new Date());
  const journal = structuredClone(plan.journal);
  journal.state = 'applying';
  journal.error = null;
  const save = async (): Promise<void> => {
    stamp(journal, now);
    await options.onJournal?.(structuredClone(journal));
  };
  await save();
  for (const [index, step] of plan.steps.entries()) {
    if (signal.aborted) {
      journal.state = 'cancelled';
      journal.error = `Cancelled before "${step.title}"; what was done so far stays and is listed here.`;
      await save();
      throw new IdpAdminError('cancelled', journal.error);
    }
    options.onProgress?.({ index, total: plan.steps.length, title: step.title });
    let entry: JournalEntry;
    try {
      const result = await provider.applyStep(step, { signal, outputs: { ...journal.outputs } });
      Object.assign(journal.outputs, result.outputs ?? {});
      entry = { stepId: step.id, title: step.title, state: 'done', at: now().toISOString(), created: result.created ?? [], undo: result.undo ?? [] };
      journal.entries.push(entry);
      await save();
    } catch (error) {
      const admin = error instanceof IdpAdminError ? error : null;
      const message = admin?.message ?? `The step "${step.title}" failed unexpectedly.`;
      journal.entries.push({ stepId: step.id, title: step.title, state: 'failed', at: now().toISOString(), error: message, created: [], undo: [] });
      journal.state = admin?.problem === 'cancelled' ? 'cancelled' : 'failed';
      journal.error = `${message} Done before it: ${doneSummary(journal)}`;
      await save();
      if (admin) throw new IdpAdminError(admin.problem, journal.error, admin.status);
      throw error;
    }
  }
  journal.state = 'applied';
  await save();
  return journal;
}

function doneSummary(journal: Journal): string {
  const done = journal.entries.filter((e) => e.state === 'done' && !e.undone);
  if (done.length === 0) return 'nothing (the IdP is unchanged).';
  return `${done.map((e) => e.title.replace(/\.$/, '')).join('; ')}.`;
}

/** Everything the wizard created that still exists, per the journal, with console links. */
export function createdObjects(journal: Journal): CreatedObject[] {
  return journal.entries.filter((e) => e.state === 'done' && !e.undone).flatMap((e) => e.created);
}

/** Takes back every change the journal records, newest first. Can be run again after a failure. */
export async function undoSetup(provider: IdpAdminProvider, previous: Journal, options: RunOptions = {}): Promise<Journal> {
  checkJournal(previous, provider);
  const signal = options.signal ?? new AbortController().signal;
  const now = options.now ?? (() => new Date());
  const journal = structuredClone(previous);
  journal.state = 'undoing';
  journal.error = null;
  const save = async (): Promise<void> => {
    stamp(journal, now);
    await options.onJournal?.(structuredClone(journal));
  };
  const pending = journal.entries.filter((e) => e.state === 'done' && !e.undone).reverse();
  const total = pending.reduce((n, e) => n + e.undo.length, 0);
  let index = 0;
  for (const entry of pending) {
    for (const action of [...entry.undo].reverse()) {
      if (signal.aborted) {
        journal.state = 'undo-failed';
        journal.error = 'Undo was cancelled part-way; run it again to finish.';
        await save();
        throw new IdpAdminError('cancelled', journal.error);
      }
      options.onProgress?.({ index, total, title: action.title });
      index += 1;
      try {
        await provider.undo(action, { signal, outputs: { ...journal.outputs } });
      } catch (error) {
        const admin = error instanceof IdpAdminError ? error : null;
        journal.state = 'undo-failed';
        journal.error = `${admin?.message ?? `"${action.title}" failed unexpectedly.`} Run undo again to finish; it skips what is already gone.`;
        await save();
        if (admin) throw new IdpAdminError(admin.problem, journal.error, admin.status);
        throw error;
      }
    }
    entry.undone = true;
    await save();
  }
  journal.state = 'undone';
  await save();
  return journal;
}

/** After apply (or a plan with nothing to do): the IdP's metadata and console links. */
export async function setupResult(provider: IdpAdminProvider, journal: Journal, options: RunOptions = {}): Promise<SetupResult> {
  return provider.result(journal.outputs, options.signal ?? new AbortController().signal);
}
