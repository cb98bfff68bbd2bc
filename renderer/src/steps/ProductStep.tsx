import { Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { MODES, MODE_IDS, type ModeId } from '../../../shared/domain/modes';
import type { MigrationChoice } from '../../../shared/api';
import { modeRetired } from '../../../shared/domain/migration';
import { useFieldState, useWizard } from '../wizard/context';
import { Lead, Paragraph, Section } from './layout';

const useStyles = makeStyles({
  option: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalXS },
  summary: { color: tokens.colorNeutralForeground2 },
});

/** Words for the product choice; the facts (ids, URLs, retirement) come from shared/domain/modes. */
function optionText(mode: ModeId): string {
  const definition = MODES[mode];
  if (modeRetired(mode)) return `${definition.label}: retired`;
  return definition.label;
}

export function ProductStep() {
  const styles = useStyles();
  const { draft, update, markTouched } = useWizard();
  const modeState = useFieldState('mode');
  const migrationState = useFieldState('migration');
  return (
    <>
      <Lead>
        Flex and Frontline connect to an identity provider in different ways, and Flex has had two kinds of single sign-on. Pick the one
        you are setting up; the values the wizard gives you depend on it.
      </Lead>
      <Section title="Product">
        <Field label="Product and kind of SSO" required {...modeState}>
          <RadioGroup
            value={draft.mode ?? ''}
            onChange={(_, data) => update({ mode: data.value as ModeId, migration: data.value === 'flex-legacy' ? draft.migration : null })}
            onBlur={() => markTouched('mode')}
          >
            {MODE_IDS.map((mode) => (
              <Radio
                key={mode}
                value={mode}
                label={
                  <span className={styles.option}>
                    <Text weight="semibold">{optionText(mode)}</Text>
                    <Text size={200} className={styles.summary}>
                      {MODES[mode].summary}
                    </Text>
                  </span>
                }
              />
            ))}
          </RadioGroup>
        </Field>
      </Section>
      {draft.mode === 'frontline' && (
        <MessageBar intent="info">
          <MessageBarBody>Twilio stopped offering Frontline to new customers in February 2023. Existing Frontline accounts keep working, so this setup is for them.</MessageBarBody>
        </MessageBar>
      )}
      {draft.mode === 'flex-legacy' && (
        <>
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Legacy SSO is retired</MessageBarTitle>
              Twilio has switched off the older Flex single sign-on that was keyed by the Account SID. The wizard helps you move this customer to
              enhanced SSO: you will see the old and the new values side by side, and the identity provider gets the new ones.
            </MessageBarBody>
          </MessageBar>
          <Section title="How do you want to move to enhanced SSO?">
            <Paragraph>
              In the Twilio Console open Flex &gt; Users and access &gt; Single sign-on and choose Start setup under &quot;New SSO Solution
              Available&quot;. Twilio then asks which of these two paths you take; pick the same one here.
            </Paragraph>
            <Field label="Migration path" required {...migrationState}>
              <RadioGroup value={draft.migration ?? ''} onChange={(_, data) => update({ migration: data.value as MigrationChoice })}>
                <Radio
                  value="create-new-app"
                  label={
                    <span className={styles.option}>
                      <Text weight="semibold">Create a new app in the identity provider (safer)</Text>
                      <Text size={200} className={styles.summary}>
                        A second app with the new values sits next to the old one. People keep signing in the old way until you switch over, and
                        Twilio keeps the legacy settings for 30 days after the switch.
                      </Text>
                    </span>
                  }
                />
                <Radio
                  value="modify-existing"
                  label={
                    <span className={styles.option}>
                      <Text weight="semibold">Change the existing app</Text>
                      <Text size={200} className={styles.summary}>
                        You replace the Entity ID and the ACS URL in the app you already have. Sign-ins fail from the moment you change one side
                        until the other side matches, so plan a quiet moment.
                      </Text>
                    </span>
                  }
                />
              </RadioGroup>
            </Field>
          </Section>
        </>
      )}
    </>
  );
}
