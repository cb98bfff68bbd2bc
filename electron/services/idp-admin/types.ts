import type { AdminIdpId, DesiredSetup } from '../../../shared/idp-admin/desired';

/** One change the wizard will make in the IdP, said in plain words with the permission it needs. */
export interface PlanStep {
  /** Stable id within a provider (e.g. `create-app`, `assign-group:00g…`). */
  id: string;
  /** What it changes, in the IdP console's words, as one sentence. */
  title: string;
  /** The permission or scope this call needs, in the IdP's words. */
  permission: string;
  /** Provider-specific, serialisable parameters. */
  params: Record<string, unknown>;
}

/** Something the wizard created, with a link to it in the IdP's console. */
export interface CreatedObject {
  kind: string;
  id: string;
  label: string;
  consoleUrl: string | null;
}

/** How to take back one change; run in reverse order by undo. */
export interface UndoAction {
  kind: string;
  title: string;
  params: Record<string, unknown>;
}

export const JOURNAL_FORMAT = 'flex-sso-idp-journal/1';
export { type JournalState } from '../../../shared/idp-admin/journal';
import type { JournalState } from '../../../shared/idp-admin/journal';

export interface JournalEntry {
  stepId: string;
  title: string;
  state: 'done' | 'failed';
  at: string;
  error?: string;
  created: CreatedObject[];
  undo: UndoAction[];
  /** Set once undo has taken this entry's changes back. */
  undone?: boolean;
}

/**
 * What the wizard did in an IdP: enough to resume an interrupted run, say what exists now, and
 * undo it. Holds ids and URLs only, never a token or secret.
 */
export interface Journal {
  format: typeof JOURNAL_FORMAT;
  idp: AdminIdpId;
  /** The tenant / org / domain, as the admin knows it. */
  tenant: string;
  marker: string;
  mode: string;
  state: JournalState;
  startedAt: string;
  updatedAt: string;
  entries: JournalEntry[];
  /** Ids learnt along the way (app id, service principal id, …), read by later steps. */
  outputs: Record<string, string>;
  /** The last error, in the admin's words. */
  error: string | null;
}

export interface StepContext {
  signal: AbortSignal;
  /** Outputs of earlier steps (this run and the journal's). */
  outputs: Record<string, string>;
}

export interface StepResult {
  outputs?: Record<string, string>;
  created?: CreatedObject[];
  undo?: UndoAction[];
}

/** What the IdP publishes once set up: its SAML metadata, and where things are in its console. */
export interface SetupResult {
  metadataXml: string;
  metadataUrl: string | null;
  links: CreatedObject[];
}

/** One IdP's admin API behind a provider-independent face. */
/** What a provider read from the IdP; `found` holds the ids later steps need (app id, …). */
export interface CurrentState {
  found: Record<string, string>;
}

export interface IdpAdminProvider<Current extends CurrentState = CurrentState> {
  readonly idp: AdminIdpId;
  /** The tenant / org / domain, for the journal and messages. */
  readonly tenant: string;
  /** A cheap read that proves the sign-in works (sign-in checks it before storing a credential). */
  checkAccess(signal: AbortSignal): Promise<void>;
  /** Reads what exists now: the wizard's app (found by its marker, or the journal's ids) and its settings. */
  readCurrent(desired: DesiredSetup, known: Record<string, string>, signal: AbortSignal): Promise<Current>;
  /** The difference between desired and current, as steps (empty: nothing to do). Pure. */
  plan(desired: DesiredSetup, current: Current): PlanStep[];
  applyStep(step: PlanStep, context: StepContext): Promise<StepResult>;
  undo(action: UndoAction, context: StepContext): Promise<void>;
  /** After apply: the metadata and console links for the app. */
  result(outputs: Record<string, string>, signal: AbortSignal): Promise<SetupResult>;
}
