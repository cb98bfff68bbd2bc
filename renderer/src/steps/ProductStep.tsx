import { Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FRONTLINE_CLOSED_TO_NEW_CUSTOMERS, MODES, MODE_IDS, type ModeId } from '../../../shared/domain/modes';
import type { MigrationChoice } from '../../../shared/api';
import { longDate } from '../../../shared/domain/dates';
import { legacyStatus, MIGRATION_CHOICES, modeRetired } from '../../../shared/domain/migration';
import { useFieldState, useWizard } from '../wizard/context';
import { Lead, Paragraph, Section } from './layout';
import { ChoiceGroup } from '../components/choices';

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

/** Legacy SSO as it stands today (its deadline compared with today's date), and the way to move. */
function LegacyMove() {
  const styles = useStyles();
  const { draft, update } = useWizard();
  const migrationState = useFieldState('migration');
  const status = legacyStatus(new Date());
  return (
    <>
      <MessageBar intent={status.retired ? 'error' : 'warning'} layout="multiline" data-testid="legacy-status">
        <MessageBarBody>
          <MessageBarTitle>{status.retired ? 'Legacy SSO is retired' : `Legacy SSO must move by ${status.deadlineText}`}</MessageBarTitle>
          {status.retired
            ? `The last announced deadline to move to enhanced SSO, ${status.deadlineText}, has passed: logins through legacy SSO may stop working at any time.`
            : 'Twilio has moved this deadline before; check its current notice.'}{' '}
          The wizard moves this customer to enhanced SSO: you see the old and the new values side by side, and the identity provider gets the new ones.
        </MessageBarBody>
      </MessageBar>
      <Section title="How do you want to move to enhanced SSO?">
        <Paragraph>
          In the Twilio Console open Flex &gt; Users and access &gt; Single sign-on and choose Start setup under &quot;New SSO Solution Available&quot;. Twilio
          then asks which of these two paths you take; pick the same one here.
        </Paragraph>
        <Field label="Migration path" required {...migrationState}>
          <ChoiceGroup value={draft.migration ?? ''} onChange={(_, data) => update({ migration: data.value as MigrationChoice })}>
            {MIGRATION_CHOICES.map((choice) => (
              <Radio
                key={choice.path}
                value={choice.path}
                label={
                  <span className={styles.option}>
                    <Text weight="semibold">
                      {choice.title}
                      {choice.recommended ? ' (safer)' : ''}
                    </Text>
                    <Text size={200} className={styles.summary}>
                      {choice.whatChanges} {choice.meanwhile}
                    </Text>
                  </span>
                }
              />
            ))}
          </ChoiceGroup>
        </Field>
      </Section>
    </>
  );
}

export function ProductStep() {
  const styles = useStyles();
  const { draft, update, markTouched } = useWizard();
  const modeState = useFieldState('mode');
  return (
    <>
      <Lead>
        Flex and Frontline connect to an identity provider in different ways, and Flex has had two kinds of single sign-on. Pick the one you are setting up; the
        values the wizard gives you depend on it.
      </Lead>
      <Section title="Product">
        <Field label="Product and kind of SSO" required {...modeState}>
          <ChoiceGroup
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
          </ChoiceGroup>
        </Field>
      </Section>
      {draft.mode === 'frontline' && (
        <MessageBar intent="info" data-testid="frontline-closed">
          <MessageBarBody>
            Frontline has been closed to new customers since {longDate(FRONTLINE_CLOSED_TO_NEW_CUSTOMERS)}. Existing Frontline accounts keep working, so this
            setup is for them.
          </MessageBarBody>
        </MessageBar>
      )}
      {draft.mode === 'flex-legacy' && <LegacyMove />}
    </>
  );
}
