import { useState } from 'react';
import { Button, Checkbox, Link, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiRequest, IdpAdminTarget, IdpCreatedObject, IdpPlanStep, TaskStatus } from '../../../shared/api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { TaskProgress } from '../components/TaskProgress';
import { useTask } from '../components/use-task';
import { useWizard } from '../wizard/context';
import { Paragraph } from '../steps/layout';
import type { IdpAdminStatus } from './use-idp-admin';

const useStyles = makeStyles({
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  permission: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

type DesiredRequest = Omit<ApiRequest<'startIdpPlan'>, 'target'>;

interface Plan {
  tenant: string;
  steps: IdpPlanStep[];
  nothingToDo: boolean;
}

function Created({ objects }: { objects: IdpCreatedObject[] }) {
  const styles = useStyles();
  if (objects.length === 0) return null;
  return (
    <ul className={styles.list} data-testid="idp-admin-links">
      {objects.map((object) => (
        <li key={`${object.kind}:${object.id}`}>
          {object.consoleUrl ? (
            <Link href={object.consoleUrl} target="_blank" rel="noreferrer">
              {object.label}
            </Link>
          ) : (
            object.label
          )}
        </li>
      ))}
    </ul>
  );
}

/** Steps 2–4 of "Set it up for me": the plan with each permission, consent, apply, the result, undo. */
export function AdminRun({
  label,
  target,
  desired,
  status,
  onChanged,
}: {
  label: string;
  target: IdpAdminTarget | null;
  desired: DesiredRequest;
  status: IdpAdminStatus | null;
  onChanged(): void;
}) {
  const styles = useStyles();
  const { api, update, draft, goToStep, markStepDone } = useWizard();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [consent, setConsent] = useState(false);
  const [applied, setApplied] = useState<{ tenant: string; count: number; links: IdpCreatedObject[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [undoAsked, setUndoAsked] = useState(false);
  const [undone, setUndone] = useState<string | null>(null);

  const failed = (done: TaskStatus): boolean => {
    if (done.state === 'failed') setProblem(done.error ?? done.message);
    else if (done.state === 'cancelled') setProblem('Stopped. What was done so far stays and is listed below; show the plan again to continue, or undo it.');
    return done.state !== 'succeeded';
  };
  const planTask = useTask(api, (done) => {
    if (failed(done) || done.result?.kind !== 'idp-plan') return;
    setPlan({ tenant: done.result.tenant, steps: done.result.steps, nothingToDo: done.result.nothingToDo });
  });
  const applyTask = useTask(api, (done) => {
    onChanged();
    setPlan(null);
    setConsent(false);
    if (failed(done) || done.result?.kind !== 'idp-apply') return;
    const fields = done.result.metadata.consoleFields;
    update({
      certificate: fields.x509Certificate ?? draft.certificate,
      issuer: fields.identityProviderIssuer ?? draft.issuer,
      ssoUrl: fields.singleSignOnUrl ?? draft.ssoUrl,
      metadataUrl: done.result.metadataUrl ?? draft.metadataUrl,
      // The checklist's Post-Login Action names the application: the one just set up.
      ...(done.result.idp === 'auth0' ? { auth0ClientId: done.result.links.find((link) => link.kind === 'auth0-application')?.id ?? draft.auth0ClientId } : {}),
    });
    // The IdP step is done: its values were applied (with the values just filled in).
    markStepDone('configure');
    setApplied({ tenant: done.result.tenant, count: done.result.applied.length, links: done.result.links });
  });
  const undoTask = useTask(api, (done) => {
    onChanged();
    if (failed(done) || done.result?.kind !== 'idp-undo') return;
    setApplied(null);
    markStepDone('configure', false);
    setUndone(`Everything the wizard created in ${done.result.tenant} was removed.`);
  });
  const busy = planTask.running || applyTask.running || undoTask.running;
  const ready = target !== null && status?.signedIn === true;
  const journal = status?.journal ?? null;
  const canUndo = journal !== null && journal.state !== 'undone' && journal.created.length + journal.done.length > 0;

  const showPlan = () => {
    if (!target) return;
    setProblem(null);
    setApplied(null);
    setUndone(null);
    setConsent(false);
    planTask.start(() => api.startIdpPlan({ ...desired, target }));
  };

  return (
    <>
      {journal && (journal.state === 'failed' || journal.state === 'cancelled' || journal.state === 'undo-failed') && (
        <MessageBar intent="warning" layout="multiline" data-testid="idp-admin-stopped">
          <MessageBarBody>
            <MessageBarTitle>The last run in {journal.tenant} stopped part-way</MessageBarTitle>
            {journal.error} Show the plan to continue where it stopped, or undo what it did.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button appearance={plan ? 'secondary' : 'primary'} disabled={busy || !ready} onClick={showPlan}>
          Show the plan
        </Button>
        {!ready && <Text size={200}>Sign in first.</Text>}
      </div>
      <TaskProgress task={planTask} label={`Reading ${label}`} />
      {plan && (
        <div data-testid="idp-admin-plan">
          {plan.nothingToDo ? (
            <MessageBar intent="success">
              <MessageBarBody>
                Nothing to change: {plan.tenant} already matches. Its values can still fill the Twilio fields: apply to read them.
              </MessageBarBody>
            </MessageBar>
          ) : (
            <>
              <Paragraph>
                In {label} ({plan.tenant}) the wizard will make these {plan.steps.length} changes, in this order:
              </Paragraph>
              <ol className={styles.steps}>
                {plan.steps.map((step) => (
                  <li key={step.id}>
                    {step.title}
                    <br />
                    <Text size={200} className={styles.permission}>
                      Needs: {step.permission}
                    </Text>
                  </li>
                ))}
              </ol>
            </>
          )}
          <Checkbox
            checked={consent}
            onChange={(_, data) => setConsent(data.checked === true)}
            label={
              plan.nothingToDo
                ? `Read ${plan.tenant}'s values for the Twilio fields`
                : `I agree that the wizard makes these ${plan.steps.length} changes in ${label} (${plan.tenant})`
            }
          />
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={busy || !consent || !target}
              onClick={() => target && applyTask.start(() => api.startIdpApply({ ...desired, target, consentedSteps: plan.steps.map((s) => s.id) }))}
            >
              {plan.nothingToDo ? 'Read the values' : 'Apply the changes'}
            </Button>
          </div>
        </div>
      )}
      <TaskProgress task={applyTask} label={`Setting up ${label}`} />
      {applied && (
        <MessageBar intent="success" layout="multiline" data-testid="idp-admin-done">
          <MessageBarBody>
            <MessageBarTitle>
              {applied.count === 0
                ? `${label} was already set up`
                : `Done: ${applied.count} change${applied.count === 1 ? '' : 's'} in ${label} (${applied.tenant})`}
            </MessageBarTitle>
            The signing certificate, the issuer and the sign-in address were filled in from {label}&apos;s metadata for the Twilio Console.
          </MessageBarBody>
        </MessageBar>
      )}
      {applied && (
        <>
          <Created objects={applied.links} />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => goToStep('test')}>
              Test the login now
            </Button>
          </div>
        </>
      )}
      {!applied && journal && journal.state !== 'undone' && journal.created.length > 0 && (
        <>
          <Paragraph>What the wizard created in {journal.tenant}:</Paragraph>
          <Created objects={journal.created} />
        </>
      )}
      {canUndo && (
        <div className={styles.row}>
          <Button disabled={busy} onClick={() => setUndoAsked(true)}>
            Undo everything the wizard created
          </Button>
        </div>
      )}
      <TaskProgress task={undoTask} label={`Undoing in ${label}`} />
      {undone && (
        <MessageBar intent="success">
          <MessageBarBody>{undone}</MessageBarBody>
        </MessageBar>
      )}
      {(problem ?? planTask.error ?? applyTask.error ?? undoTask.error) && (
        <MessageBar intent="error" layout="multiline" data-testid="idp-admin-problem">
          <MessageBarBody>{problem ?? planTask.error ?? applyTask.error ?? undoTask.error}</MessageBarBody>
        </MessageBar>
      )}
      <ConfirmDialog
        open={undoAsked}
        title={`Undo everything the wizard created in ${journal?.tenant ?? label}?`}
        confirmLabel="Undo everything"
        cancelLabel="Keep it"
        onConfirm={() => {
          setUndoAsked(false);
          if (target) undoTask.start(() => api.startIdpUndo({ profileId: desired.profileId, connectionId: desired.connectionId, target }));
        }}
        onCancel={() => setUndoAsked(false)}
      >
        The wizard removes, newest first, what its journal says it created: {journal?.done.join(' ') || 'nothing is recorded yet.'} Users then can no longer
        sign in to Twilio through it.
      </ConfirmDialog>
    </>
  );
}
