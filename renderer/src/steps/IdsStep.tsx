import { Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { MODES, spValues } from '../../../shared/domain/modes';
import { isSid } from '../../../shared/domain/sids';
import { CopyValue } from '../components/CopyValue';
import { useFieldState, useWizard } from '../wizard/context';
import { targetMode, type Draft } from '../wizard/draft';
import { Lead, Section } from './layout';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
});

function SidField({ field, label, hint }: { field: 'connectionId' | 'accountSid' | 'realmSid'; label: string; hint: string }) {
  const { draft, update, markTouched } = useWizard();
  const state = useFieldState(field);
  return (
    <Field label={label} required hint={hint} {...state}>
      <Input
        value={draft[field]}
        spellCheck={false}
        autoComplete="off"
        onChange={(_, data) => update({ [field]: data.value.trim() } as Partial<Draft>)}
        onBlur={() => markTouched(field)}
      />
    </Field>
  );
}

export function IdsStep() {
  const styles = useStyles();
  const { draft } = useWizard();
  const mode = targetMode(draft);
  if (!mode) return null;
  const definition = MODES[mode];
  const idValid = isSid(draft[definition.idField], definition.idPrefix);
  const values = idValid ? spValues(mode, { [definition.idField]: draft[definition.idField] }) : null;
  const legacyValid = draft.mode === 'flex-legacy' && isSid(draft.accountSid, 'AC');
  const legacy = legacyValid ? spValues('flex-legacy', { accountSid: draft.accountSid }) : null;
  return (
    <>
      <Lead>
        Twilio tells your identity provider who it is with two values, both built from an id you copy from the Twilio Console. Paste the id
        here; the wizard checks its form as you type.
      </Lead>
      <Section title="From the Twilio Console">
        {draft.mode === 'flex-legacy' && (
          <SidField field="accountSid" label="Account SID (the legacy setup)" hint={`AC followed by 32 characters. Where: ${MODES['flex-legacy'].idSource}.`} />
        )}
        <SidField
          field={definition.idField}
          label={definition.idLabel}
          hint={`${definition.idPrefix} followed by 32 characters. Where: ${definition.idSource}.`}
        />
      </Section>
      {values && (
        <Section title="What Twilio is called in your identity provider">
          <CopyValue label="ACS URL (where the identity provider sends users back)" value={values.acsUrl} />
          <CopyValue label="SP Entity ID (Twilio's name)" value={values.entityId} />
        </Section>
      )}
      {values && legacy && (
        <Section title="Old and new values side by side">
          <Table aria-label="Legacy and enhanced values" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Value</TableHeaderCell>
                <TableHeaderCell>Legacy (retired)</TableHeaderCell>
                <TableHeaderCell>Enhanced (new)</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <TableCell>ACS URL</TableCell>
                <TableCell className={styles.mono}>{legacy.acsUrl}</TableCell>
                <TableCell className={styles.mono}>{values.acsUrl}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>SP Entity ID</TableCell>
                <TableCell className={styles.mono}>{legacy.entityId}</TableCell>
                <TableCell className={styles.mono}>{values.entityId}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </Section>
      )}
    </>
  );
}
