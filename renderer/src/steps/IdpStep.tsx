import { Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { PLAYBOOKS, findPlaybook } from '../wizard/knowledge';
import { useFieldState, useWizard } from '../wizard/context';
import { Lead, Paragraph, Section } from './layout';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function IdpStep() {
  const styles = useStyles();
  const { draft, update, markTouched } = useWizard();
  const state = useFieldState('idp');
  const playbook = findPlaybook(draft.idp);
  return (
    <>
      <Lead>The identity provider is the service where the users already have their accounts. The wizard then speaks its language: the field names and menus you will see there.</Lead>
      <Section title="Identity provider">
        <Field label="Identity provider" required {...state}>
          <RadioGroup className={styles.grid} value={draft.idp ?? ''} onChange={(_, data) => update({ idp: data.value })} onBlur={() => markTouched('idp')}>
            {PLAYBOOKS.map((item) => (
              <Radio key={item.id} value={item.id} label={item.label} />
            ))}
          </RadioGroup>
        </Field>
      </Section>
      {playbook && (
        <Section title={`Signing in from ${playbook.label}`}>
          <Paragraph>
            {playbook.idpInitiated.supported
              ? `Users can also start from ${playbook.label} itself. ${playbook.idpInitiated.how}`
              : `Users must start from the Flex login page: ${playbook.idpInitiated.how}`}
          </Paragraph>
          <Text size={200} className={styles.muted}>
            In {playbook.label} Twilio&apos;s address is called &quot;{playbook.fieldNames.acsUrl}&quot; and its name &quot;{playbook.fieldNames.entityId}&quot;.
          </Text>
        </Section>
      )}
    </>
  );
}
