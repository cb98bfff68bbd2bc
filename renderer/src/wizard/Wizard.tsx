import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons/svg/arrow-left';
import { ArrowRightRegular } from '@fluentui/react-icons/svg/arrow-right';
import type { ApiClient } from '../../../shared/api';
import { helpLinks } from '../../../shared/help-links';
import { isIdpId } from '../../../shared/idps/ids';
import { WizardContext, type WizardContextValue } from './context';
import { enterAdvances, focusElement, focusField } from './focus';
import { ProgressRail } from './ProgressRail';
import { connectionName } from './profile-client';
import { errorShown, shownStepErrors } from './state';
import { STEPS, stepIndex } from './steps';
import { useWizardController } from './use-wizard-controller';
import { StepContent, preloadSteps } from '../steps/StepContent';

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
  help: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  errorList: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
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

export function Wizard({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const { state, view, commands } = useWizardController(api);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { draft, step } = state;
  const index = stepIndex(step);
  const definition = STEPS[index]!;

  // The later steps' code, fetched once the first screen is up, so moving on never waits for it.
  useEffect(() => {
    const timer = window.setTimeout(() => void preloadSteps(), 800);
    return () => window.clearTimeout(timer);
  }, []);

  // Focus goes where the reducer asked: the new step's heading, or the first field to fix.
  useEffect(() => {
    const request = state.focus;
    if (!request) return;
    if (request.target.kind === 'field' && focusField(request.target.field)) return;
    // A new step starts at its top, whatever the last one was scrolled to.
    headingRef.current?.closest('[data-testid="step-scroll"]')?.scrollTo({ top: 0 });
    focusElement(headingRef.current);
  }, [state.focus]);

  const context = useMemo<WizardContextValue>(
    () => ({
      api,
      profileId: state.profile?.id ?? null,
      draft,
      errors: view.errors,
      update: commands.update,
      showError: (field) => errorShown(state, field),
      markTouched: commands.markTouched,
      done: view.done,
      markStepDone: commands.markStepDone,
      lastTest: state.lastTest,
      setLastTest: (status, sentToTwilio = false) => (status ? commands.testFinished(status, sentToTwilio) : commands.testStarted()),
      lastTestSentToTwilio: state.lastTestSentToTwilio,
      storedTestResult: view.storedTestResult,
      reloadProfile: commands.reloadProfile,
      connections: state.profile?.connections ?? [],
      activeConnectionId: state.activeConnectionId,
      connectionBusy: state.connectionBusy,
      switchConnection: commands.switchConnection,
      addConnection: commands.addConnection,
      removeConnection: commands.removeConnection,
      goToStep: commands.goTo,
      startNew: commands.startNew,
    }),
    [api, state, draft, view, commands],
  );

  const connections = state.profile?.connections ?? [];
  const activeIndex = Math.max(
    0,
    connections.findIndex((item) => item.id === state.activeConnectionId),
  );
  const saveWords = state.saveFailure
    ? `Not saved: ${state.saveFailure}`
    : state.profile
      ? view.pendingSave || state.creating
        ? 'Saving…'
        : 'Saved'
      : state.creating
        ? 'Saving…'
        : '';
  const stepErrors = shownStepErrors(state, view.errors);
  const links = helpLinks(step, draft.mode, draft.idp && isIdpId(draft.idp) ? draft.idp : null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.nativeEvent.isComposing) return;
    if (!enterAdvances(event.target) || index === STEPS.length - 1) return;
    event.preventDefault();
    commands.next();
  };

  return (
    <WizardContext.Provider value={context}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <Text weight="semibold" size={400}>
            Flex SSO Wizard{draft.profileName.trim() ? ` · ${draft.profileName.trim()}` : ''}
            {connections.length > 1 ? ` · ${connectionName({ label: draft.connectionLabel }, activeIndex)}` : ''}
          </Text>
          <Text role="status" size={200} className={styles.saved} data-testid="save-state">
            {saveWords}
          </Text>
        </header>
        <div className={styles.body}>
          <ProgressRail current={index} reachable={view.reachable} done={view.done} onSelect={(id) => commands.goTo(id)} />
          <main className={styles.main}>
            <div className={styles.scroll} data-testid="step-scroll">
              <div className={styles.content} onKeyDown={onKeyDown}>
                <h1 ref={headingRef} tabIndex={-1} className={styles.title}>
                  {definition.heading}
                </h1>
                {links.length > 0 && (
                  <nav aria-label="Help for this step">
                    <ul className={styles.help} data-testid="help-links">
                      {links.map((link) => (
                        <li key={link.url}>
                          <Link href={link.url} target="_blank" rel="noreferrer">
                            {link.label}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </nav>
                )}
                {stepErrors.length > 0 && (
                  <MessageBar intent="error" layout="multiline" data-testid="error-summary">
                    <MessageBarBody>
                      <MessageBarTitle>
                        {stepErrors.length === 1 ? 'One thing to fix before the next step' : `${stepErrors.length} things to fix before the next step`}
                      </MessageBarTitle>
                      <ul className={styles.errorList}>
                        {stepErrors.map((error) => (
                          <li key={error.field}>
                            <Link as="button" onClick={() => focusField(error.field)}>
                              {error.message}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </MessageBarBody>
                  </MessageBar>
                )}
                <StepContent
                  step={step}
                  profiles={{
                    profiles: state.saved.profiles,
                    problems: state.saved.problems,
                    listFailure: state.saved.failure,
                    onOpen: commands.openProfile,
                    onNew: commands.startNew,
                    onRefresh: commands.refreshProfiles,
                    onDismissProblems: commands.dismissProblems,
                    onDeleted: commands.profileDeleted,
                  }}
                />
              </div>
            </div>
            <div className={styles.footer}>
              <Button icon={<ArrowLeftRegular />} disabled={index === 0} onClick={() => commands.goTo(STEPS[index - 1]!.id)}>
                Back
              </Button>
              <Text size={200}>
                Step {index + 1} of {STEPS.length}
              </Text>
              {index < STEPS.length - 1 ? (
                <Button appearance="primary" icon={<ArrowRightRegular />} iconPosition="after" onClick={commands.next}>
                  Next: {STEPS[index + 1]!.title}
                </Button>
              ) : (
                <Button onClick={commands.startNew}>Start a different customer</Button>
              )}
            </div>
          </main>
        </div>
      </div>
    </WizardContext.Provider>
  );
}
