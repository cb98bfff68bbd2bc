/**
 * The wizard's state as one reducer: the customer being set up (draft and stored profile), where
 * the admin is, what they tried, and what is being saved. Views read it and dispatch actions;
 * the side effects (API calls) live in use-wizard-controller.ts. Unit-tested in state.test.ts.
 */
import type { Profile, ProfilePatch, ProfileSummary, StepDone, StoreProblem, TaskStatus } from '../../../shared/api';
import { isWizardStepId } from '../../../shared/wizard-steps';
import { EMPTY_DRAFT, fieldErrors, type Draft, type FieldErrors } from './draft';
import { activeConnection, activeTestResult, draftFromProfile, patchFromDraft } from './profile-client';
import { stepsDone, testPassed, withStepDone, type ActionStep } from './progress';
import { STEPS, fieldsValid, reachableUntil, stepAt, stepIndex, type StepId } from './steps';

/** Where keyboard focus goes next (the view moves it; `seq` tells one request from the next). */
export type FocusTarget = { kind: 'heading' } | { kind: 'field'; field: keyof Draft };

export interface WizardState {
  /** The saved customers as last listed, and the damaged files reported with them. */
  saved: { profiles: ProfileSummary[]; problems: StoreProblem[]; failure: string | null };
  /** The customer as the main side last returned it; null until it has a name (then it is created). */
  profile: Profile | null;
  creating: boolean;
  draft: Draft;
  /** The action steps done for the connection being worked on (saved with the draft). */
  marks: StepDone[];
  step: StepId;
  /** Where this customer resumes: the last step visited past the customer step (where customers are switched). */
  resumeAt: StepId | null;
  /** Fields typed into and then left: their errors show. */
  touched: (keyof Draft)[];
  /**
   * Fields typed into (or changed) in this session. Leaving a field only counts once it was typed
   * into: a field the wizard focused and the admin clicked away from shows no error before Next.
   */
  typed: (keyof Draft)[];
  /** Steps where the admin pressed Next with errors: their errors show even in untouched fields. */
  attempted: StepId[];
  /** The last save's failure, in the user's words. */
  saveFailure: string | null;
  /** The connection chosen (shown at once, while the switch is saved). */
  activeConnectionId: string | null;
  connectionBusy: boolean;
  /** The last login test of this session (with its full diagnosis). */
  lastTest: TaskStatus | null;
  /** The admin let that login continue to Twilio (so a real Worker may exist). */
  lastTestSentToTwilio: boolean;
  focus: { target: FocusTarget; seq: number } | null;
}

export type WizardAction =
  | { type: 'listed'; profiles: ProfileSummary[]; problems: StoreProblem[] }
  | { type: 'list-failed'; message: string }
  | { type: 'problems-dismissed' }
  | { type: 'edited'; patch: Partial<Draft> }
  | { type: 'field-left'; field: keyof Draft }
  | { type: 'go-to'; step: StepId }
  | { type: 'next' }
  | { type: 'step-done'; step: ActionStep }
  | { type: 'step-undone'; step: ActionStep }
  | { type: 'create-started' }
  | { type: 'created'; profile: Profile }
  | { type: 'saved'; profile: Profile }
  | { type: 'save-failed'; message: string }
  | { type: 'opened'; profile: Profile }
  | { type: 'new-customer' }
  | { type: 'connection-change-started'; activeConnectionId: string | null }
  | { type: 'connections-changed'; profile: Profile }
  | { type: 'connection-change-failed'; message: string }
  | { type: 'test-started' }
  | { type: 'test-finished'; status: TaskStatus; sentToTwilio: boolean }
  | { type: 'profile-reloaded'; profile: Profile };

export const INITIAL_STATE: WizardState = {
  saved: { profiles: [], problems: [], failure: null },
  profile: null,
  creating: false,
  draft: EMPTY_DRAFT,
  marks: [],
  step: 'profile',
  resumeAt: null,
  touched: [],
  typed: [],
  attempted: [],
  saveFailure: null,
  activeConnectionId: null,
  connectionBusy: false,
  lastTest: null,
  lastTestSentToTwilio: false,
  focus: null,
};

function focusOn(state: WizardState, target: FocusTarget): WizardState['focus'] {
  return { target, seq: (state.focus?.seq ?? 0) + 1 };
}

/** Moves to a step (when it may be opened), remembering it as this customer's place unless it is the customer step. */
function moveTo(state: WizardState, step: StepId): WizardState {
  if (stepIndex(step) > reachableUntil(fieldErrors(state.draft))) return state;
  if (step === state.step) return state;
  return { ...state, step, resumeAt: step === 'profile' ? state.resumeAt : step, focus: focusOn(state, { kind: 'heading' }) };
}

function summaryOf(profile: Profile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    mode: profile.mode,
    idps: profile.connections.map((connection) => connection.idp),
    updatedAt: profile.updatedAt,
    lastTestOutcome: profile.lastTestResult?.outcome ?? null,
  };
}

/** The saved list with this profile in it: its entry updated where it is (the list is not re-sorted), or added first. */
function listedWith(profiles: ProfileSummary[], profile: Profile): ProfileSummary[] {
  const summary = summaryOf(profile);
  return profiles.some((item) => item.id === profile.id) ? profiles.map((item) => (item.id === profile.id ? summary : item)) : [summary, ...profiles];
}

/**
 * Where a reopened customer starts: the step they were on (as far as their values still allow);
 * for a profile that never recorded one, the first step not done yet.
 */
export function resumeStep(profile: Profile): StepId {
  const draft = draftFromProfile(profile);
  const errors = fieldErrors(draft);
  const reachable = reachableUntil(errors);
  if (isWizardStepId(profile.wizardStep) && profile.wizardStep !== 'profile') return stepAt(Math.min(stepIndex(profile.wizardStep), reachable)).id;
  const done = stepsDone({ draft, errors, marks: activeConnection(profile).doneSteps, testPassed: testPassed(null, activeTestResult(profile)) });
  const firstOpen = STEPS.findIndex((step) => !done[step.id]);
  return stepAt(Math.min(firstOpen < 0 ? STEPS.length - 1 : firstOpen, reachable)).id;
}

/** A customer's values as loaded: nothing typed, tried or tested in this session yet. */
function loaded(state: WizardState, profile: Profile): WizardState {
  return {
    ...state,
    profile,
    draft: draftFromProfile(profile),
    marks: [...activeConnection(profile).doneSteps],
    touched: [],
    typed: [],
    attempted: [],
    saveFailure: null,
    activeConnectionId: profile.activeConnectionId,
    connectionBusy: false,
    lastTest: null,
    lastTestSentToTwilio: false,
  };
}

function withTyped(typed: (keyof Draft)[], patch: Partial<Draft>): (keyof Draft)[] {
  const fields = (Object.keys(patch) as (keyof Draft)[]).filter((field) => !typed.includes(field));
  return fields.length === 0 ? typed : [...typed, ...fields];
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'listed': {
      // A customer created since the listing started stays in the list.
      const profiles =
        state.profile && !action.profiles.some((item) => item.id === state.profile!.id) ? listedWith(action.profiles, state.profile) : action.profiles;
      return { ...state, saved: { profiles, problems: action.problems, failure: null } };
    }
    case 'list-failed':
      return { ...state, saved: { ...state.saved, failure: action.message } };
    case 'problems-dismissed':
      return { ...state, saved: { ...state.saved, problems: [] } };
    case 'edited':
      // A customer that could not be created is tried again with the next change.
      return {
        ...state,
        draft: { ...state.draft, ...action.patch },
        typed: withTyped(state.typed, action.patch),
        saveFailure: state.profile ? state.saveFailure : null,
      };
    case 'field-left':
      return state.touched.includes(action.field) || !state.typed.includes(action.field) ? state : { ...state, touched: [...state.touched, action.field] };
    case 'go-to':
      return moveTo(state, action.step);
    case 'next': {
      const current = stepAt(stepIndex(state.step));
      const errors = fieldErrors(state.draft);
      if (!fieldsValid(current, errors)) {
        const firstInvalid = current.fields.find((field) => errors[field] !== undefined)!;
        const attempted = state.attempted.includes(current.id) ? state.attempted : [...state.attempted, current.id];
        return { ...state, attempted, focus: focusOn(state, { kind: 'field', field: firstInvalid }) };
      }
      const following = STEPS[stepIndex(state.step) + 1];
      return following ? moveTo(state, following.id) : state;
    }
    case 'step-done':
      return { ...state, marks: withStepDone(state.marks, action.step, state.draft) };
    case 'step-undone':
      return { ...state, marks: state.marks.filter((mark) => mark.step !== action.step) };
    case 'create-started':
      return { ...state, creating: true };
    case 'created':
      return {
        ...state,
        creating: false,
        profile: action.profile,
        activeConnectionId: action.profile.activeConnectionId,
        saveFailure: null,
        saved: { ...state.saved, profiles: listedWith(state.saved.profiles, action.profile) },
      };
    case 'saved':
      return {
        ...state,
        profile: action.profile,
        saveFailure: null,
        creating: false,
        saved: { ...state.saved, profiles: listedWith(state.saved.profiles, action.profile) },
      };
    case 'save-failed':
      return { ...state, creating: false, saveFailure: action.message };
    case 'opened': {
      const step = resumeStep(action.profile);
      const next = loaded(state, action.profile);
      return {
        ...next,
        step,
        resumeAt: isWizardStepId(action.profile.wizardStep) ? action.profile.wizardStep : step === 'profile' ? null : step,
        focus: focusOn(state, { kind: 'heading' }),
      };
    }
    case 'new-customer':
      return { ...INITIAL_STATE, saved: state.saved, focus: focusOn(state, { kind: 'field', field: 'profileName' }) };
    case 'connection-change-started':
      return { ...state, connectionBusy: true, activeConnectionId: action.activeConnectionId ?? state.activeConnectionId };
    case 'connections-changed': {
      const next = loaded(state, action.profile);
      const reachable = reachableUntil(fieldErrors(next.draft));
      return { ...next, step: stepIndex(state.step) > reachable ? stepAt(reachable).id : state.step };
    }
    case 'connection-change-failed':
      return { ...state, connectionBusy: false, activeConnectionId: state.profile?.activeConnectionId ?? null, saveFailure: action.message };
    case 'test-started':
      return { ...state, lastTest: null, lastTestSentToTwilio: false };
    case 'test-finished':
      return { ...state, lastTest: action.status, lastTestSentToTwilio: action.sentToTwilio };
    case 'profile-reloaded':
      // Only what the main side wrote (the test result) is taken; what is typed stays the draft's.
      return state.profile && action.profile.id === state.profile.id
        ? { ...state, profile: action.profile, saved: { ...state.saved, profiles: listedWith(state.saved.profiles, action.profile) } }
        : state;
  }
}

// ---------------------------------------------------------------------------------------------
// What the views read
// ---------------------------------------------------------------------------------------------

export interface WizardView {
  errors: FieldErrors;
  /** The index of the furthest step that may be opened. */
  reachable: number;
  done: Record<StepId, boolean>;
  /** The stored result of the last test of the connection being worked on. */
  storedTestResult: ReturnType<typeof activeTestResult>;
  /** What autosave would write now; null when the stored profile already says it all. */
  pendingSave: ProfilePatch | null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** The autosave patch when it would change the stored profile, else null (opening a customer writes nothing). */
export function pendingSave(state: WizardState): ProfilePatch | null {
  if (!state.profile) return null;
  const patch = patchFromDraft(state.draft, state.profile, { wizardStep: state.resumeAt, doneSteps: state.marks });
  const stored = state.profile as unknown as Record<string, unknown>;
  const changed = Object.entries(patch).some(([key, value]) => !sameValue(value, stored[key]));
  return changed ? patch : null;
}

export function viewOf(state: WizardState): WizardView {
  const errors = fieldErrors(state.draft);
  const storedTestResult = state.profile ? activeTestResult(state.profile) : null;
  return {
    errors,
    reachable: reachableUntil(errors),
    done: stepsDone({ draft: state.draft, errors, marks: state.marks, testPassed: testPassed(state.lastTest, storedTestResult) }),
    storedTestResult,
    pendingSave: pendingSave(state),
  };
}

/** Whether a field's error shows yet: typed into and left, holding a value, or the admin pressed Next on its step. */
export function errorShown(state: WizardState, field: keyof Draft): boolean {
  return state.touched.includes(field) || state.attempted.includes(state.step) || String(state.draft[field] ?? '').trim() !== '';
}

/** The errors of the current step that show now, in the step's order (for the error summary). */
export function shownStepErrors(state: WizardState, errors: FieldErrors): Array<{ field: keyof Draft; message: string }> {
  if (!state.attempted.includes(state.step)) return [];
  const step = stepAt(stepIndex(state.step));
  return step.fields.flatMap((field) => (errors[field] !== undefined ? [{ field, message: errors[field]! }] : []));
}
