import { createContext, useContext } from 'react';
import type { ApiClient, IdpConnection, LastTestResult, TaskStatus } from '../../../shared/api';
import type { Draft, FieldErrors } from './draft';
import type { ActionStep } from './progress';
import type { StepId } from './steps';

/** What the steps read from the wizard's state, and the actions they may take. */
export interface WizardContextValue {
  api: ApiClient;
  profileId: string | null;
  draft: Draft;
  errors: FieldErrors;
  update(patch: Partial<Draft>): void;
  /** Whether a field's error should be shown yet (typed into, left, or the admin tried to move on). */
  showError(field: keyof Draft): boolean;
  markTouched(field: keyof Draft): void;
  /** Each step's tick, by its own rule (see progress.ts). */
  done: Readonly<Record<StepId, boolean>>;
  /** The IdP's values were copied or set up, the Console's values copied, the export saved (or, `done` false, undone). */
  markStepDone(step: ActionStep, done?: boolean): void;
  /** The last login test of this session (with its full diagnosis). */
  lastTest: TaskStatus | null;
  /** null: a new test starts. `sentToTwilio`: the admin let that login continue to Twilio (so a real Worker may exist). */
  setLastTest(status: TaskStatus | null, sentToTwilio?: boolean): void;
  lastTestSentToTwilio: boolean;
  /** The last test result stored in the profile (from this or an earlier session). */
  storedTestResult: LastTestResult | null;
  /** Re-reads the profile after the main side changed it (e.g. a login test saved its result). */
  reloadProfile(): void;
  /** The profile's IdP connections (as last saved) and the one the steps after "identity provider" work on. */
  connections: IdpConnection[];
  activeConnectionId: string | null;
  /** True while a connection is being added, removed or switched. */
  connectionBusy: boolean;
  switchConnection(id: string): void;
  addConnection(): void;
  /** Removes a connection (never the last one). */
  removeConnection(id: string): void;
  /** Opens a step, when every step before it is complete (e.g. "Test the login now"). */
  goToStep(id: StepId): void;
  /** Starts over with a new customer. */
  startNew(): void;
}

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error('useWizard outside the wizard');
  return value;
}

export interface FieldStateProps {
  validationState?: 'error';
  validationMessage?: string;
  /** Where the wizard finds the field to focus it (the first invalid one, a link in the error summary). */
  'data-field': keyof Draft;
}

/** Props for a Fluent Field: which draft field it edits, and its error once it should be shown. */
export function useFieldState(field: keyof Draft): FieldStateProps {
  const { errors, showError } = useWizard();
  const message = errors[field];
  if (!message || !showError(field)) return { 'data-field': field };
  return { 'data-field': field, validationState: 'error', validationMessage: message };
}
