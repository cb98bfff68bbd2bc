import { useState } from 'react';
import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { IdpAssignment } from '../../../shared/api';
import { MODES } from '../../../shared/domain/modes';
import { isAdminIdp, twilioStaysManual, noAdminApiReason, type AdminIdpId } from '../../../shared/idp-admin/desired';
import { ADMIN_IDP_FORMS } from '../../../shared/idp-admin/sign-in';
import { isIdpId } from '../../../shared/idps/index';
import { useWizard } from '../wizard/context';
import { targetMode } from '../wizard/draft';
import { findPlaybook } from '../wizard/knowledge';
import { Paragraph, Section } from '../steps/layout';
import { AdminAssignments } from './AdminAssignments';
import { AdminRun } from './AdminRun';
import { AdminSignIn } from './AdminSignIn';
import { UNTYPED, effectiveInput, targetFor, useIdpAdminStatus, type TargetInput, type TypedTarget } from './use-idp-admin';

const useStyles = makeStyles({
  part: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

/**
 * "Set it up for me" on the Configure step: the wizard creates and configures the app in the IdP
 * through its admin API, with the admin's consent, and fills the Twilio values from its metadata.
 * IdPs without such an API get a plain note; the checklist below stays the way for them.
 */
export function SetItUpForMe() {
  const { draft } = useWizard();
  const playbook = findPlaybook(draft.idp);
  if (!playbook || !isIdpId(playbook.id)) return null;
  if (!isAdminIdp(playbook.id)) {
    return (
      <Section title="Set it up for me" testId="set-it-up">
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{noAdminApiReason(playbook.id)}</MessageBarBody>
        </MessageBar>
      </Section>
    );
  }
  return <AdminSetup idp={playbook.id} label={playbook.label} />;
}

/** Mounted once per connection and IdP (the parent keys it), so what is typed belongs to that pair. */
function AdminSetup({ idp, label }: { idp: AdminIdpId; label: string }) {
  const styles = useStyles();
  const { api, draft, profileId, activeConnectionId } = useWizard();
  const [typed, setTyped] = useState<TypedTarget>(UNTYPED);
  const [assignments, setAssignments] = useState<IdpAssignment[]>([]);
  const [journalTenant, setJournalTenant] = useState<string | null>(null);
  const input = effectiveInput(typed, journalTenant);
  const target = targetFor(idp, input);
  const { status, problem, refresh } = useIdpAdminStatus(api, profileId, activeConnectionId, idp, target);
  if (status?.journal?.tenant && status.journal.tenant !== journalTenant) setJournalTenant(status.journal.tenant);
  const mode = targetMode(draft);
  if (!mode || !profileId || !activeConnectionId) return null;
  const forms = ADMIN_IDP_FORMS[idp];
  const ids = { connectionId: draft.connectionId.trim(), accountSid: draft.accountSid.trim(), realmSid: draft.realmSid.trim() };
  const desired = { profileId, connectionId: activeConnectionId, mode, ids, assignments };
  const onInput = (next: TargetInput) => setTyped(next);
  return (
    <Section title="Set it up for me" testId="set-it-up">
      <Paragraph>
        Instead of working through the steps below by hand, the wizard can create and configure the app in {label} for you through its admin API. It first shows
        every change and the permission it needs, changes nothing without your agreement, and can undo everything it created.
      </Paragraph>
      <Paragraph>{twilioStaysManual(mode)}</Paragraph>
      <h3 className={styles.part}>1. Sign in to {label}</h3>
      <AdminSignIn
        form={forms.signIn}
        label={label}
        input={input}
        onInput={onInput}
        target={target}
        status={target ? status : null}
        statusProblem={problem}
        onChanged={refresh}
      />
      <h3 className={styles.part}>2. Who gets access</h3>
      <Paragraph>{forms.rolesNote}</Paragraph>
      {forms.assignments && <AdminAssignments form={forms.assignments} roles={MODES[mode].roles} assignments={assignments} onChange={setAssignments} />}
      <h3 className={styles.part}>3. Review the plan and apply it</h3>
      <AdminRun label={label} target={target} desired={desired} status={status} onChanged={refresh} />
    </Section>
  );
}
