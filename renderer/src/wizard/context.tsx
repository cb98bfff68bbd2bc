import { createContext, useContext } from 'react';
import type { ApiClient, IdpConnection, LastTestResult, TaskStatus } from '../../../shared/api';
import type { Draft, FieldErrors } from './draft';
import type { StepId } from './steps';

export interface WizardContextValue {
  api: ApiClient;
  profileId: string | null;
  draft: Draft;
  errors: FieldErrors;
  update(patch: Partial<Draft>): void;
  /** Whether a field's error should be shown yet (typed into, left, or the admin tried to move on). */
  showError(field: keyof Draft): boolean;
  markTouched(field: keyof Draft): void;
  /** The last login test of this session (with its full diagnosis). */
  lastTest: TaskStatus | null;
  /** `sentToTwilio`: the admin let that login continue to Twilio (so a real Worker may exist). */
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
}

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error('useWizard outside the wizard');
  return value;
}

/** Props for a Fluent Field: the error message, once it should be shown. */
export function useFieldState(field: keyof Draft): { validationState?: 'error'; validationMessage?: string } {
  const { errors, showError } = useWizard();
  const message = errors[field];
  if (!message || !showError(field)) return {};
  return { validationState: 'error', validationMessage: message };
}
