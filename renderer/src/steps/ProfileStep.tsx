import { Button, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useFieldState, useWizard } from '../wizard/context';
import type { ProfileSummary } from '../wizard/profile-store';
import { Lead, Section } from './layout';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
});

export function ProfileStep({ profiles, onOpen, onNew }: { profiles: ProfileSummary[]; onOpen(id: string): void; onNew(): void }) {
  const styles = useStyles();
  const { draft, update, markTouched, profileId } = useWizard();
  const nameState = useFieldState('profileName');
  const others = profiles.filter((profile) => profile.id !== profileId);
  return (
    <>
      <Lead>
        Each customer gets a profile that keeps everything you enter here, so you can stop at any point and carry on later. Secrets
        such as a Twilio Auth Token are kept apart, in the system&apos;s keychain.
      </Lead>
      <Section title={profileId ? 'This customer' : 'A new customer'}>
        <Field label="Customer name" required hint="The company or team this setup is for, as you will recognise it later." {...nameState}>
          <Input value={draft.profileName} onChange={(_, data) => update({ profileName: data.value })} onBlur={() => markTouched('profileName')} />
        </Field>
        <Field label="Notes (optional)" hint="Anything worth remembering: contacts, ticket numbers, what is left to do.">
          <Textarea value={draft.notes} resize="vertical" onChange={(_, data) => update({ notes: data.value })} />
        </Field>
        {profileId && (
          <div>
            <Button onClick={onNew}>Start a different customer</Button>
          </div>
        )}
      </Section>
      {others.length > 0 && (
        <Section title="Carry on with a saved customer">
          <ul className={styles.list} aria-label="Saved customers">
            {others.map((profile) => (
              <li key={profile.id} className={styles.item}>
                <Text>
                  {profile.name || 'Unnamed customer'}{' '}
                  <Text size={200}>(last changed {new Date(profile.updatedAt).toLocaleString()})</Text>
                </Text>
                <Button size="small" onClick={() => onOpen(profile.id)} aria-label={`Open ${profile.name || 'unnamed customer'}`}>
                  Open
                </Button>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}
