import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { ApiClient, IdpConnection, Profile, TaskStatus } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import type { Draft } from './draft';
import { ProfileClient, emptyConnection, patchFromDraft } from './profile-client';
import type { ActionStep } from './progress';
import { INITIAL_STATE, pendingSave, viewOf, wizardReducer, type WizardState, type WizardView } from './state';
import type { StepId } from './steps';

const AUTOSAVE_DELAY_MS = 500;

type ConnectionChange = (list: IdpConnection[], active: string) => { connections: IdpConnection[]; activeConnectionId: string };

export interface WizardCommands {
  update(patch: Partial<Draft>): void;
  markTouched(field: keyof Draft): void;
  goTo(step: StepId): void;
  next(): void;
  markStepDone(step: ActionStep, done?: boolean): void;
  refreshProfiles(): void;
  dismissProblems(): void;
  openProfile(id: string): void;
  startNew(): void;
  /** The customer was deleted from the list: a fresh start if it was the open one. */
  profileDeleted(id: string): void;
  switchConnection(id: string): void;
  addConnection(): void;
  removeConnection(id: string): void;
  testStarted(): void;
  testFinished(status: TaskStatus, sentToTwilio: boolean): void;
  /** Re-reads the profile after the main side changed it (e.g. a login test saved its result). */
  reloadProfile(): void;
}

/**
 * The wizard's controller: the reducer plus the calls to the main side it needs (listing, creating,
 * autosaving, loading). Every write to the profile runs through one queue, each on the profile the
 * previous one returned.
 */
export function useWizardController(api: ApiClient): { state: WizardState; view: WizardView; commands: WizardCommands } {
  const client = useMemo(() => new ProfileClient(api), [api]);
  const [state, dispatch] = useReducer(wizardReducer, INITIAL_STATE);
  const view = useMemo(() => viewOf(state), [state]);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const enqueue = useCallback(<T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(work, work);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const refreshProfiles = useCallback(() => {
    client
      .list()
      .then((listing) => dispatch({ type: 'listed', ...listing }))
      .catch((reason: unknown) => dispatch({ type: 'list-failed', message: errorMessage(reason) }));
  }, [client]);
  useEffect(refreshProfiles, [refreshProfiles]);

  // The profile is created the moment the customer has a name; from then on every change is kept.
  const wantsProfile = state.profile === null && !state.creating && state.saveFailure === null && state.draft.profileName.trim() !== '';
  useEffect(() => {
    if (!wantsProfile) return;
    dispatch({ type: 'create-started' });
    enqueue(() => client.create(stateRef.current.draft))
      .then((profile) => {
        dispatch({ type: 'created', profile });
        refreshProfiles();
      })
      .catch((reason: unknown) => dispatch({ type: 'save-failed', message: errorMessage(reason) }));
  }, [wantsProfile, client, enqueue, refreshProfiles]);

  // Autosave: a change reaches the profile half a second after the admin stops typing. Nothing is
  // written while the stored profile already holds what the wizard shows.
  const pendingKey = view.pendingSave ? JSON.stringify(view.pendingSave) : null;
  useEffect(() => {
    if (pendingKey === null) return;
    const timer = window.setTimeout(() => {
      enqueue(async () => {
        const latest = stateRef.current;
        const patch = pendingSave(latest);
        if (!patch || !latest.profile) return;
        dispatch({ type: 'saved', profile: await client.save(latest.profile.id, patch) });
      }).catch((reason: unknown) => dispatch({ type: 'save-failed', message: errorMessage(reason) }));
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [pendingKey, client, enqueue]);

  const loadInto = useCallback(
    (id: string, type: 'opened' | 'profile-reloaded') =>
      enqueue(() => client.load(id))
        .then((profile: Profile) => dispatch({ type, profile }))
        .catch((reason: unknown) => dispatch({ type: 'save-failed', message: errorMessage(reason) })),
    [client, enqueue],
  );

  // IdP connections: what is typed is saved into the active one first, then the list changes and
  // the draft shows the (new) active connection's values.
  const changeConnections = useCallback(
    (change: ConnectionChange, activeConnectionId: string | null = null) => {
      dispatch({ type: 'connection-change-started', activeConnectionId });
      enqueue(async () => {
        const latest = stateRef.current;
        const current = latest.profile;
        if (!current) return;
        const merged = patchFromDraft(latest.draft, current, { wizardStep: latest.resumeAt, doneSteps: latest.marks });
        const changed = change(merged.connections ?? current.connections, merged.activeConnectionId ?? current.connections[0]!.id);
        dispatch({ type: 'connections-changed', profile: await client.save(current.id, { ...merged, ...changed }) });
      }).catch((reason: unknown) => dispatch({ type: 'connection-change-failed', message: errorMessage(reason) }));
    },
    [client, enqueue],
  );

  const commands = useMemo<WizardCommands>(
    () => ({
      update: (patch) => dispatch({ type: 'edited', patch }),
      markTouched: (field) => dispatch({ type: 'field-left', field }),
      goTo: (step) => dispatch({ type: 'go-to', step }),
      next: () => dispatch({ type: 'next' }),
      markStepDone: (step, done = true) => dispatch({ type: done ? 'step-done' : 'step-undone', step }),
      refreshProfiles,
      dismissProblems: () => {
        dispatch({ type: 'problems-dismissed' });
        void client.dismissProblems().catch(() => undefined);
      },
      openProfile: (id) => void loadInto(id, 'opened'),
      startNew: () => {
        dispatch({ type: 'new-customer' });
        refreshProfiles();
      },
      profileDeleted: (id) => {
        if (stateRef.current.profile?.id === id) dispatch({ type: 'new-customer' });
        refreshProfiles();
      },
      switchConnection: (id) => changeConnections((list) => ({ connections: list, activeConnectionId: id }), id),
      addConnection: () =>
        changeConnections((list) => {
          const added = emptyConnection();
          return { connections: [...list, added], activeConnectionId: added.id };
        }),
      removeConnection: (id) =>
        changeConnections((list, active) => {
          if (list.length <= 1) return { connections: list, activeConnectionId: active };
          const rest = list.filter((connection) => connection.id !== id);
          return { connections: rest, activeConnectionId: active === id ? rest[0]!.id : active };
        }),
      testStarted: () => dispatch({ type: 'test-started' }),
      testFinished: (status, sentToTwilio) => dispatch({ type: 'test-finished', status, sentToTwilio }),
      reloadProfile: () => {
        const id = stateRef.current.profile?.id;
        if (id) void loadInto(id, 'profile-reloaded');
      },
    }),
    [client, refreshProfiles, loadInto, changeConnections],
  );

  return { state, view, commands };
}
