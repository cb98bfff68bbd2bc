import { useState } from 'react';
import { Button, Field, Input, Radio, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons/svg/add';
import { DeleteRegular } from '@fluentui/react-icons/svg/delete';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PLAYBOOKS, findPlaybook } from '../wizard/knowledge';
import { useFieldState, useWizard } from '../wizard/context';
import { connectionName } from '../wizard/profile-client';
import { Lead, Paragraph, Section } from './layout';
import { ChoiceGroup } from '../components/choices';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * A profile may hold several IdP connections (e.g. staff on Entra ID, contractors on Okta). The
 * steps from here on show and change the active one; the Twilio ids are the customer's, shared.
 */
function Connections() {
  const styles = useStyles();
  const { draft, update, profileId, connections, activeConnectionId, connectionBusy, switchConnection, addConnection, removeConnection } = useWizard();
  const [confirmRemove, setConfirmRemove] = useState(false);
  // Groups of users are a second step: offered once the first one has its identity provider.
  if (!profileId || connections.length === 0 || (connections.length === 1 && !findPlaybook(draft.idp))) return null;
  const idpLabel = (idp: string | null) => findPlaybook(idp)?.label ?? 'identity provider not chosen yet';
  const activeIndex = Math.max(
    0,
    connections.findIndex((connection) => connection.id === activeConnectionId),
  );
  const activeName = connectionName({ label: draft.connectionLabel }, activeIndex);
  return (
    <Section title="Groups of users" testId="connections">
      {draft.mode === 'frontline' ? (
        <Paragraph>
          If this customer&apos;s users sign in at more than one place, add one connection per place; each needs an app of its own in its identity provider. The
          next steps show the connection you are working on; switch here to work on another.
        </Paragraph>
      ) : (
        <>
          <Paragraph>
            If this customer&apos;s users sign in at more than one place (for example staff with Microsoft Entra ID and contractors with Okta), add one
            connection per place. Each one is an SSO connection of its own in the Twilio Console, with its own connection id, and an app of its own in its
            identity provider. Users pick theirs by where they start: the Flex address set up for their connection, or their own identity provider. The next
            steps show the connection you are working on; switch here to work on another.
          </Paragraph>
          <Text size={200} className={styles.muted}>
            Twilio&apos;s own guides describe one identity provider per Flex account; several come from a third-party guide, so confirm with Twilio before you
            rely on it.
          </Text>
        </>
      )}
      {connections.length > 1 && (
        <Field label="Connection you are working on">
          <ChoiceGroup value={activeConnectionId ?? ''} disabled={connectionBusy} onChange={(_, data) => switchConnection(data.value)}>
            {connections.map((connection, index) => {
              const active = connection.id === activeConnectionId;
              const name = active ? activeName : connectionName(connection, index);
              return <Radio key={connection.id} value={connection.id} label={`${name} (${idpLabel(active ? draft.idp : connection.idp)})`} />;
            })}
          </ChoiceGroup>
        </Field>
      )}
      <Field label="Name of this connection" hint="Who signs in through it, as you will recognise it later, for example “Staff” or “Contractors”.">
        <Input
          value={draft.connectionLabel}
          placeholder={`Connection ${activeIndex + 1}`}
          disabled={connectionBusy}
          onChange={(_, data) => update({ connectionLabel: data.value })}
        />
      </Field>
      <div className={styles.actions}>
        <Button icon={<AddRegular />} disabled={connectionBusy} onClick={addConnection}>
          Add another connection
        </Button>
        {connections.length > 1 && (
          <Button icon={<DeleteRegular />} disabled={connectionBusy} onClick={() => setConfirmRemove(true)}>
            Remove {activeName}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove the connection ${activeName}?`}
        confirmLabel="Remove this connection"
        cancelLabel="Keep it"
        onConfirm={() => {
          setConfirmRemove(false);
          if (activeConnectionId) removeConnection(activeConnectionId);
        }}
        onCancel={() => setConfirmRemove(false)}
      >
        The identity provider values entered for {activeName} are removed from this customer. The other connections and the Twilio ids stay as they are.
      </ConfirmDialog>
    </Section>
  );
}

export function IdpStep() {
  const styles = useStyles();
  const { draft, update, markTouched, connections } = useWizard();
  const state = useFieldState('idp');
  const playbook = findPlaybook(draft.idp);
  // With several connections, the choice of which one comes before its identity provider.
  const several = connections.length > 1;
  return (
    <>
      <Lead>
        The identity provider is the service where the users already have their accounts. The wizard then speaks its language: the field names and menus you
        will see there.
      </Lead>
      {several && <Connections />}
      <Section title="Identity provider">
        <Field label="Identity provider" required {...state}>
          <ChoiceGroup className={styles.grid} value={draft.idp ?? ''} onChange={(_, data) => update({ idp: data.value })} onBlur={() => markTouched('idp')}>
            {PLAYBOOKS.map((item) => (
              <Radio key={item.id} value={item.id} label={item.label} />
            ))}
          </ChoiceGroup>
        </Field>
      </Section>
      {playbook && (
        <Section title={`Signing in from ${playbook.label}`}>
          {/* IdP-initiated login and its Default Redirect URL are Flex's. */}
          {draft.mode !== 'frontline' && (
            <Paragraph>
              {playbook.idpInitiated.supported
                ? `Users can also start from ${playbook.label} itself. ${playbook.idpInitiated.how}`
                : `Users must start from the Flex login page: ${playbook.idpInitiated.how}`}
            </Paragraph>
          )}
          <Text size={200} className={styles.muted}>
            In {playbook.label} Twilio&apos;s address is called &quot;{playbook.fieldNames.acsUrl}&quot; and its name &quot;{playbook.fieldNames.entityId}
            &quot;.
          </Text>
        </Section>
      )}
      {!several && <Connections />}
    </>
  );
}
