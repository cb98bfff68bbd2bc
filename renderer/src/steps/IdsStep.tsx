import { useState } from 'react';
import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { readModeIdInput } from '../../../shared/domain/console-values';
import { FRONTLINE_WORKSPACE_ID, frontlineWorkspaceIdNote, MAX_WORKSPACE_ID_CHARS } from '../../../shared/domain/frontline';
import { ENHANCED_ACS_HOST, MODES, spValues, type ModeId } from '../../../shared/domain/modes';
import { sidForm } from '../../../shared/domain/sids';
import { CopyValue } from '../components/CopyValue';
import { useFieldState, useWizard } from '../wizard/context';
import { modeIdsFrom, targetMode, type Draft } from '../wizard/draft';
import { connectionName } from '../wizard/profile-client';
import { Lead, Paragraph, Section } from './layout';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

function AccountSidField({ label, hint }: { label: string; hint: string }) {
  const { draft, update, markTouched } = useWizard();
  const state = useFieldState('accountSid');
  return (
    <Field label={label} required hint={hint} {...state}>
      <Input
        value={draft.accountSid}
        spellCheck={false}
        autoComplete="off"
        onChange={(_, data) => update({ accountSid: data.value.trim() })}
        onBlur={() => markTouched('accountSid')}
      />
    </Field>
  );
}

/** Optional, any value as the Frontline console shows it: a value unlike a workspace SID gets a note, never an error. */
function WorkspaceIdField() {
  const { draft, update } = useWizard();
  const note = frontlineWorkspaceIdNote(draft.frontlineWorkspaceId);
  return (
    <Field
      label={`${FRONTLINE_WORKSPACE_ID.label} (optional)`}
      hint={`Where: ${FRONTLINE_WORKSPACE_ID.where}. ${FRONTLINE_WORKSPACE_ID.explanation}`}
      data-field="frontlineWorkspaceId"
      {...(note ? { validationState: 'none' as const, validationMessage: note } : {})}
    >
      <Input
        value={draft.frontlineWorkspaceId}
        spellCheck={false}
        autoComplete="off"
        maxLength={MAX_WORKSPACE_ID_CHARS}
        onChange={(_, data) => update({ frontlineWorkspaceId: data.value.trim() })}
      />
    </Field>
  );
}

/**
 * The mode's id as Twilio's page shows it: the id, the ACS URL or the Entity ID. The id is read
 * out of a pasted URL; an enhanced ACS URL on another host than the built-in one is kept as given.
 */
function ConsoleIdField({ mode, label }: { mode: ModeId; label: string }) {
  const { draft, update, markTouched } = useWizard();
  const definition = MODES[mode];
  const field = definition.idField;
  const state = useFieldState(field);
  const [read, setRead] = useState<string | null>(null);
  return (
    <>
      <Field
        label={label}
        required
        hint={`${sidForm(definition.idPrefix)}, or the ACS URL or Entity ID the page shows: the wizard reads the id out of them. Where: ${definition.idSource}.`}
        {...state}
      >
        <Input
          value={draft[field]}
          spellCheck={false}
          autoComplete="off"
          onChange={(_, data) => {
            const result = readModeIdInput(mode, data.value);
            if (result.ok) {
              update({ [field]: result.id, ...(mode === 'flex-enhanced' ? { acsUrl: result.acsUrl ?? '' } : {}) } as Partial<Draft>);
              setRead(result.note);
            } else {
              update({ [field]: data.value.trim(), ...(mode === 'flex-enhanced' ? { acsUrl: '' } : {}) } as Partial<Draft>);
              setRead(null);
            }
          }}
          onBlur={() => markTouched(field)}
        />
      </Field>
      {read && !draft.acsUrl && (
        <MessageBar intent="success" data-testid="id-read">
          <MessageBarBody>{read}</MessageBarBody>
        </MessageBar>
      )}
      {mode === 'flex-enhanced' && draft.acsUrl && !state.validationState && (
        <MessageBar intent="info" layout="multiline" data-testid="console-acs-host">
          <MessageBarBody>
            This account&apos;s ACS URL is on {new URL(draft.acsUrl).hostname}, not on {ENHANCED_ACS_HOST} as Twilio&apos;s guides show. The wizard uses it
            exactly as Twilio&apos;s page gives it: in the values below, the checklist, the SP metadata and the test login.
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function LegacyValues({ legacy, enhanced }: { legacy: { acsUrl: string; entityId: string }; enhanced: { acsUrl: string; entityId: string } }) {
  const styles = useStyles();
  return (
    <Section title="Old and new values side by side">
      <Table aria-label="Legacy and enhanced values" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Value</TableHeaderCell>
            <TableHeaderCell>Legacy (today)</TableHeaderCell>
            <TableHeaderCell>Enhanced (after the move)</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>ACS URL</TableCell>
            <TableCell className={styles.mono}>{legacy.acsUrl}</TableCell>
            <TableCell className={styles.mono}>{enhanced.acsUrl}</TableCell>
          </TableRow>
          <TableRow>
            <TableCell>SP Entity ID</TableCell>
            <TableCell className={styles.mono}>{legacy.entityId}</TableCell>
            <TableCell className={styles.mono}>{enhanced.entityId}</TableCell>
          </TableRow>
        </TableBody>
      </Table>
    </Section>
  );
}

export function IdsStep() {
  const { draft, errors, connections, activeConnectionId } = useWizard();
  const mode = targetMode(draft);
  if (!mode) return null;
  const definition = MODES[mode];
  const idValid = errors[definition.idField] === undefined;
  const values = idValid ? spValues(mode, modeIdsFrom(draft)) : null;
  const legacy = draft.mode === 'flex-legacy' && errors.accountSid === undefined ? spValues('flex-legacy', { accountSid: draft.accountSid }) : null;
  const several = connections.length > 1 && mode === 'flex-enhanced';
  const activeIndex = Math.max(
    0,
    connections.findIndex((connection) => connection.id === activeConnectionId),
  );
  const idLabel = several ? `${definition.idLabel} of ${connectionName({ label: draft.connectionLabel }, activeIndex)}` : definition.idLabel;
  return (
    <>
      <Lead>
        Twilio tells your identity provider who it is with two values, both built from an id you copy from the Twilio Console. Paste the id here, or the ACS URL
        or Entity ID the Console shows; the wizard checks its form as you type.
      </Lead>
      <Section title="From the Twilio Console">
        {several && (
          <Paragraph>
            Each identity provider is its own SSO connection in the Twilio Console, with its own connection id: paste the one you set up for this connection.
          </Paragraph>
        )}
        {draft.mode === 'flex-legacy' && (
          <AccountSidField label="Account SID (the legacy setup)" hint={`${sidForm('AC')}. Where: ${MODES['flex-legacy'].idSource}.`} />
        )}
        <ConsoleIdField mode={mode} label={idLabel} />
        {mode === 'frontline' && <WorkspaceIdField />}
      </Section>
      {values && (
        <Section title="What Twilio is called in your identity provider">
          <CopyValue label="ACS URL (where the identity provider sends users back)" value={values.acsUrl} />
          <CopyValue label="SP Entity ID (Twilio's name)" value={values.entityId} />
        </Section>
      )}
      {values && legacy && <LegacyValues legacy={legacy} enhanced={values} />}
    </>
  );
}
