import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons/svg/arrow-left';
import { ArrowRightRegular } from '@fluentui/react-icons/svg/arrow-right';
import type { ApiClient } from '../../../shared/api';
import { EMPTY_DRAFT, fieldErrors, type Draft } from './draft';
import { WizardContext, type WizardContextValue } from './context';
import { ProgressRail } from './ProgressRail';
import { STEPS, reachableUntil, stepComplete } from './steps';
import { ProfileStore, connectionName, draftFromProfile, newConnectionId, patchFromDraft, type ProfileSummary, type StoreProblem } from './profile-store';
import type { IdpConnection, LastTestResult, Profile, TaskStatus } from '../../../shared/api';
import { StepContent } from '../steps/StepContent';

const useStyles = makeStyles({
  shell: { display: 'flex', flexDirection: 'column', height: '100vh' },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  body: { display: 'flex', flex: 1, minHeight: 0 },
  main: { flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  scroll: { flex: 1, overflowY: 'auto', padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  content: { maxWidth: '860px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold, outline: 'none' },
  footer: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXXL}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  saved: { color: tokens.colorNeutralForeground2 },
});

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export function Wizard({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const store = useMemo(() => new ProfileStore(api), [api]);
  const [profiles, setProfiles] = useState<ProfileSummary[]>([]);
  // A damaged file is reported by the one listing that set it aside: keep the warning until dismissed.
  const [problems, setProblems] = useState<StoreProblem[]>([]);
  const [profileId, setProfileId] = useState<string | null>(null);
  const profileRef = useRef<Profile | null>(null);
  const creating = useRef(false);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  // The latest draft and a queue for every write to the profile: saves and connection changes run
  // one after another, each on the profile the previous one returned.
  const draftRef = useRef<Draft>(EMPTY_DRAFT);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const enqueue = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const run = queue.current.then(work, work);
    queue.current = run.catch(() => undefined);
    return run;
  }, []);
  const replaceDraft = useCallback((next: Draft) => {
    draftRef.current = next;
    setDraft(next);
  }, []);
  const [connections, setConnections] = useState<IdpConnection[]>([]);
  const [activeConnectionId, setActiveConnectionId] = useState<string | null>(null);
  const adopt = useCallback((profile: Profile | null) => {
    profileRef.current = profile;
    setConnections(profile?.connections ?? []);
    setActiveConnectionId(profile?.activeConnectionId ?? null);
  }, []);
  const [stepIndex, setStepIndexRaw] = useState(0);
  const [furthest, setFurthest] = useState(0);
  const setStepIndex = useCallback((index: number) => {
    setStepIndexRaw(index);
    setFurthest((previous) => Math.max(previous, index));
  }, []);
  const [touched, setTouched] = useState<ReadonlySet<keyof Draft>>(new Set());
  const [attempted, setAttempted] = useState<ReadonlySet<number>>(new Set());
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState('');
  const [lastTest, setLastTestStatus] = useState<TaskStatus | null>(null);
  const [lastTestSentToTwilio, setLastTestSentToTwilio] = useState(false);
  const setLastTest = useCallback((status: TaskStatus | null, sentToTwilio = false) => {
    setLastTestStatus(status);
    setLastTestSentToTwilio(status !== null && sentToTwilio);
  }, []);
  const [storedTestResult, setStoredTestResult] = useState<LastTestResult | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const refreshProfiles = useCallback(() => {
    store
      .list()
      .then((listing) => {
        setProfiles(listing.profiles);
        // The main side keeps reporting damaged files until the user dismisses them.
        setProblems(listing.problems);
      })
      .catch(() => setProfiles([]));
  }, [store]);
  useEffect(refreshProfiles, [refreshProfiles]);

  const errors = useMemo(() => fieldErrors(draft), [draft]);
  const reachable = reachableUntil(errors);
  const complete = STEPS.map((item) => stepComplete(item, errors));
  const step = STEPS[stepIndex]!;

  // The profile is created the moment the customer has a name; from then on every change is kept.
  useEffect(() => {
    if (profileId || creating.current || draft.profileName.trim() === '') return;
    creating.current = true;
    setSaveState('saving');
    store
      .create(draft)
      .then((profile) => {
        adopt(profile);
        setProfileId(profile.id);
      })
      .catch((reason: unknown) => {
        setSaveState('failed');
        setSaveError(reason instanceof Error ? reason.message : String(reason));
      })
      .finally(() => {
        creating.current = false;
      });
  }, [draft, profileId, store, adopt]);

  // Autosave: each change reaches the profile half a second after the admin stops typing.
  useEffect(() => {
    if (!profileId) return;
    const stepId = step.id;
    const timer = window.setTimeout(() => {
      enqueue(async () => {
        const current = profileRef.current;
        if (!current) return;
        adopt(await store.save(current, draftRef.current, stepId));
        setSaveState('saved');
      }).catch((reason: unknown) => {
        setSaveState('failed');
        setSaveError(reason instanceof Error ? reason.message : String(reason));
      });
    }, 500);
    return () => window.clearTimeout(timer);
  }, [draft, profileId, store, step.id, enqueue, adopt]);

  // Move focus to the new step's heading so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [stepIndex]);

  const reloadProfile = useCallback(() => {
    enqueue(async () => {
      const current = profileRef.current;
      if (!current) return;
      const profile = await store.load(current.id);
      adopt(profile);
      setStoredTestResult(activeTestResult(profile));
    }).catch(() => undefined);
  }, [store, enqueue, adopt]);

  const update = useCallback((patch: Partial<Draft>) => {
    setDraft((previous) => {
      const next = { ...previous, ...patch };
      draftRef.current = next;
      return next;
    });
    if (profileRef.current) setSaveState('saving');
  }, []);

  // IdP connections: what is typed is saved into the active one first, then the list changes and
  // the draft shows the (new) active connection's values.
  const [connectionBusy, setConnectionBusy] = useState(false);
  const changeConnections = useCallback(
    (change: (list: IdpConnection[], active: string) => { connections: IdpConnection[]; activeConnectionId: string }) => {
      setConnectionBusy(true);
      const stepId = step.id;
      enqueue(async () => {
        const current = profileRef.current;
        if (!current) return;
        const merged = patchFromDraft(draftRef.current, current, stepId);
        const saved = await store.save(current, draftRef.current, stepId, change(merged.connections ?? current.connections, merged.activeConnectionId ?? current.connections[0]!.id));
        adopt(saved);
        const loaded = draftFromProfile(saved);
        replaceDraft(loaded);
        setTouched(new Set());
        setAttempted(new Set());
        setLastTest(null);
        setStoredTestResult(activeTestResult(saved));
        setFurthest((previous) => Math.min(previous, reachableUntil(fieldErrors(loaded))));
        setSaveState('saved');
      })
        .catch((reason: unknown) => {
          setActiveConnectionId(profileRef.current?.activeConnectionId ?? null);
          setSaveState('failed');
          setSaveError(reason instanceof Error ? reason.message : String(reason));
        })
        .finally(() => setConnectionBusy(false));
    },
    [enqueue, store, adopt, replaceDraft, step.id, setLastTest],
  );
  const switchConnection = useCallback(
    (id: string) => {
      setActiveConnectionId(id); // shown chosen at once; its values arrive once the current ones are saved
      changeConnections((list) => ({ connections: list, activeConnectionId: id }));
    },
    [changeConnections],
  );
  const addConnection = useCallback(
    () =>
      changeConnections((list) => {
        const id = newConnectionId();
        const added: IdpConnection = {
          id,
          label: '',
          idp: null,
          idpValues: { issuer: '', ssoUrl: '', certificatePem: '', idpInitiatedUrl: '', metadataUrl: '', auth0ClientId: '' },
          notes: '',
          lastTest: null,
          loginStart: 'sp',
          // Each IdP is its own SSO connection in the Twilio Console, with its own id.
          ssoConnection: { connectionId: '', acsUrl: '' },
        };
        return { connections: [...list, added], activeConnectionId: id };
      }),
    [changeConnections],
  );
  const removeConnection = useCallback(
    (id: string) =>
      changeConnections((list, active) => {
        if (list.length <= 1) return { connections: list, activeConnectionId: active };
        const rest = list.filter((connection) => connection.id !== id);
        return { connections: rest, activeConnectionId: active === id ? rest[0]!.id : active };
      }),
    [changeConnections],
  );

  const context = useMemo<WizardContextValue>(
    () => ({
      api,
      profileId,
      draft,
      errors,
      update,
      showError: (field) => touched.has(field) || attempted.has(stepIndex) || String(draft[field] ?? '').trim() !== '',
      markTouched: (field) => setTouched((previous) => (previous.has(field) ? previous : new Set(previous).add(field))),
      lastTest,
      setLastTest,
      lastTestSentToTwilio,
      storedTestResult,
      reloadProfile,
      connections,
      activeConnectionId,
      connectionBusy,
      switchConnection,
      addConnection,
      removeConnection,
      goToStep: (id) => {
        const index = STEPS.findIndex((item) => item.id === id);
        if (index >= 0 && index <= reachable) setStepIndex(index);
      },
    }),
    [api, profileId, draft, errors, update, touched, attempted, stepIndex, lastTest, setLastTest, lastTestSentToTwilio, storedTestResult, reloadProfile, connections, activeConnectionId, connectionBusy, switchConnection, addConnection, removeConnection, reachable, setStepIndex],
  );

  const openProfile = useCallback(
    async (id: string) => {
      try {
        const profile = await enqueue(() => store.load(id));
        const loaded = draftFromProfile(profile);
        adopt(profile);
        setProfileId(profile.id);
        replaceDraft(loaded);
        setTouched(new Set());
        setAttempted(new Set());
        setSaveState('saved');
        setLastTest(null);
        setStoredTestResult(activeTestResult(profile));
        const resume = STEPS.findIndex((item) => item.id === profile.wizardStep);
        const limit = reachableUntil(fieldErrors(loaded));
        const resumeAt = resume > 0 ? Math.min(resume, limit) : 0;
        // Ticks only up to where the admin had got: later steps without fields (test, summary)
        // are "complete" by their fields but were never done.
        setFurthest(resumeAt);
        setStepIndex(resumeAt);
      } catch (reason) {
        setSaveState('failed');
        setSaveError(reason instanceof Error ? reason.message : String(reason));
      }
    },
    [store, setStepIndex, enqueue, adopt, replaceDraft, setLastTest],
  );
  const startNew = useCallback(() => {
    adopt(null);
    setProfileId(null);
    replaceDraft(EMPTY_DRAFT);
    setTouched(new Set());
    setAttempted(new Set());
    setSaveState('idle');
    setLastTest(null);
    setStoredTestResult(null);
    setFurthest(0);
    setStepIndex(0);
    refreshProfiles();
  }, [refreshProfiles, setStepIndex, adopt, replaceDraft, setLastTest]);

  const goTo = (index: number) => {
    if (index < 0 || index >= STEPS.length || index > reachable) return;
    setStepIndex(index);
  };
  const next = () => {
    if (!complete[stepIndex]) {
      setAttempted((previous) => new Set(previous).add(stepIndex));
      return;
    }
    goTo(stepIndex + 1);
  };

  return (
    <WizardContext.Provider value={context}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <Text weight="semibold" size={400}>
            Flex SSO Wizard{draft.profileName.trim() ? ` · ${draft.profileName.trim()}` : ''}
            {connections.length > 1 ? ` · ${connectionName({ label: draft.connectionLabel }, Math.max(0, connections.findIndex((item) => item.id === activeConnectionId)))}` : ''}
          </Text>
          <Text role="status" size={200} className={styles.saved} data-testid="save-state">
            {saveState === 'saving' ? 'Saving…' : saveState === 'saved' ? 'Saved' : saveState === 'failed' ? `Not saved: ${saveError}` : ''}
          </Text>
        </header>
        <div className={styles.body}>
          <ProgressRail current={stepIndex} reachable={reachable} complete={complete.map((done, index) => done && index <= furthest)} onSelect={goTo} />
          <main className={styles.main}>
            <div className={styles.scroll}>
              <div className={styles.content}>
                <h1 ref={headingRef} tabIndex={-1} className={styles.title}>
                  {stepHeading(step.id)}
                </h1>
                <StepContent
                  step={step.id}
                  profiles={{
                    profiles,
                    problems,
                    onOpen: (id) => void openProfile(id),
                    onNew: startNew,
                    onRefresh: refreshProfiles,
                    onDismissProblems: () => {
                      setProblems([]);
                      void store.dismissProblems().catch(() => undefined);
                    },
                    onDeleted: (id) => (id === profileId ? startNew() : refreshProfiles()),
                  }}
                />
              </div>
            </div>
            <div className={styles.footer}>
              <Button icon={<ArrowLeftRegular />} disabled={stepIndex === 0} onClick={() => goTo(stepIndex - 1)}>
                Back
              </Button>
              <Text size={200}>
                Step {stepIndex + 1} of {STEPS.length}
              </Text>
              {stepIndex < STEPS.length - 1 ? (
                <Button appearance="primary" icon={<ArrowRightRegular />} iconPosition="after" onClick={next}>
                  Next: {STEPS[stepIndex + 1]!.title}
                </Button>
              ) : (
                <Button onClick={startNew}>Set up another customer</Button>
              )}
            </div>
          </main>
        </div>
      </div>
    </WizardContext.Provider>
  );
}

/** The last test of the connection being worked on (a profile from before connections: the profile's). */
function activeTestResult(profile: Profile): LastTestResult | null {
  const active = profile.connections.find((connection) => connection.id === profile.activeConnectionId);
  return active?.lastTest ?? (profile.connections.length === 1 ? profile.lastTestResult : null);
}

function stepHeading(id: (typeof STEPS)[number]['id']): string {
  switch (id) {
    case 'profile':
      return 'Which customer are you setting up?';
    case 'product':
      return 'Which Twilio product, and which kind of SSO?';
    case 'idp':
      return 'Where do the users sign in?';
    case 'ids':
      return 'The ids from Twilio';
    case 'configure':
      return 'Set up the app in your identity provider';
    case 'bring-back':
      return 'Bring back the identity provider\u2019s values';
    case 'console':
      return 'Fill in the Twilio Console';
    case 'test':
      return 'Test a login';
    case 'summary':
      return 'Summary and export';
  }
}
