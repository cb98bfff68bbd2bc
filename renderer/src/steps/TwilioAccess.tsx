import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Radio, makeStyles, tokens } from '@fluentui/react-components';
import type { SecretKind, SecretState } from '../../../shared/api';
import { sidForm } from '../../../shared/domain/sids';
import { errorMessage } from '../../../shared/errors';
import { useFieldState, useWizard } from '../wizard/context';
import { Paragraph, Section } from './layout';
import { ChoiceGroup } from '../components/choices';
import { noteSecretStorage, SecretStorageBanner, useSecretStorage } from '../components/SecretStorage';
import { canStore, storageHint, storedWhere } from '../../../shared/secret-storage';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flex: 1, minWidth: '220px' },
});

/**
 * Optional Twilio credentials. The secret goes to the main side and is never read back: the
 * field empties once it is stored, and only "stored" or "not stored" is shown.
 */
export function TwilioAccess({
  onFlexConfiguration,
  fillsRedirect,
}: {
  onFlexConfiguration(values: { defaultRedirectUrl: string | null; workspaceSid: string | null }): void;
  /** False where the Default Redirect URL stays empty (no IdP-initiated login): the Flex configuration is then read for its workspace only. */
  fillsRedirect: boolean;
}) {
  const styles = useStyles();
  const { api, profileId, draft, update, markTouched } = useWizard();
  const accountState = useFieldState('twilioAccountSid');
  const keyState = useFieldState('apiKeySid');
  const { status: keychain } = useSecretStorage(api);
  const [secrets, setSecrets] = useState<SecretState[]>([]);
  const [secret, setSecret] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const kind: SecretKind = draft.authMethod === 'api-key' ? 'twilio-api-key-secret' : 'twilio-auth-token';
  const secretLabel = draft.authMethod === 'api-key' ? 'API key secret' : 'Auth Token';
  const stored = secrets.find((item) => item.kind === kind)?.status === 'stored';

  const refresh = useCallback(() => {
    if (!profileId) return;
    api
      .getSecretStatus({ profileId })
      .then((answer) => {
        noteSecretStorage(answer.keychain);
        setSecrets(answer.secrets);
      })
      .catch((reason: unknown) => setMessage({ intent: 'error', text: errorMessage(reason) }));
  }, [api, profileId]);
  useEffect(refresh, [refresh]);

  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    work()
      .catch((reason: unknown) => setMessage({ intent: 'error', text: errorMessage(reason) }))
      .finally(() => setBusy(false));
  };

  if (!profileId) return null;
  return (
    <Section title="Let the wizard read Twilio (optional)">
      <Paragraph>
        With the account&apos;s credentials the wizard can check them,{' '}
        {fillsRedirect ? 'fill in the Default Redirect URL from the Flex configuration' : 'read the Flex configuration (its TaskRouter workspace)'}, and later
        compare a real user&apos;s Worker with what the test login predicted. You can skip this.
      </Paragraph>
      <SecretStorageBanner api={api} />
      <Field label="Account SID" hint={`${sidForm('AC')}, from the Twilio Console home page.`} {...accountState}>
        <Input
          value={draft.twilioAccountSid}
          spellCheck={false}
          onChange={(_, data) => update({ twilioAccountSid: data.value.trim() })}
          onBlur={() => markTouched('twilioAccountSid')}
        />
      </Field>
      <Field label="Sign in to Twilio with">
        <ChoiceGroup layout="horizontal" value={draft.authMethod} onChange={(_, data) => update({ authMethod: data.value as 'auth-token' | 'api-key' })}>
          <Radio value="auth-token" label="the Auth Token" />
          <Radio value="api-key" label="an API key" />
        </ChoiceGroup>
      </Field>
      {draft.authMethod === 'api-key' && (
        <Field label="API key SID" hint={`${sidForm('SK')}.`} {...keyState}>
          <Input
            value={draft.apiKeySid}
            spellCheck={false}
            onChange={(_, data) => update({ apiKeySid: data.value.trim() })}
            onBlur={() => markTouched('apiKeySid')}
          />
        </Field>
      )}
      <div className={styles.row}>
        <Field
          className={styles.grow}
          label={secretLabel}
          hint={
            stored
              ? `Stored, ${storedWhere(secrets.find((item) => item.kind === kind)?.backend ?? null)}. Type a new one to replace it.`
              : `Not stored. ${storageHint(keychain)}`
          }
        >
          <Input type="password" autoComplete="off" value={secret} onChange={(_, data) => setSecret(data.value)} />
        </Field>
        <Badge appearance="tint" color={stored ? 'success' : 'subtle'} data-testid="secret-status">
          {stored ? 'stored' : 'not stored'}
        </Badge>
        <Button
          disabled={busy || secret === '' || !canStore(keychain)}
          onClick={() =>
            run(async () => {
              const state = await api.setSecret({ profileId, kind, value: secret });
              setSecret('');
              setSecrets((previous) => [...previous.filter((item) => item.kind !== kind), state]);
              setMessage({ intent: 'success', text: `${secretLabel} stored.` });
            })
          }
        >
          Store
        </Button>
        {stored && (
          <Button
            disabled={busy}
            onClick={() =>
              run(async () => {
                const state = await api.deleteSecret({ profileId, kind });
                setSecrets((previous) => [...previous.filter((item) => item.kind !== kind), state]);
                setMessage({ intent: 'info', text: `${secretLabel} removed.` });
              })
            }
          >
            Remove
          </Button>
        )}
      </div>
      <div className={styles.row}>
        <Button
          disabled={busy || !stored}
          onClick={() =>
            run(async () => {
              const answer = await api.checkTwilioCredentials({ profileId });
              setMessage({ intent: answer.ok ? 'success' : 'error', text: answer.message });
            })
          }
        >
          Check the credentials
        </Button>
        <Button
          disabled={busy || !stored}
          onClick={() =>
            run(async () => {
              const answer = await api.readFlexConfiguration({ profileId });
              setMessage({ intent: answer.ok ? 'success' : 'error', text: answer.message });
              if (answer.flex)
                onFlexConfiguration({ defaultRedirectUrl: fillsRedirect ? answer.flex.defaultRedirectUrl : null, workspaceSid: answer.flex.workspaceSid });
            })
          }
        >
          {fillsRedirect ? 'Fill in from the Flex configuration' : 'Read the Flex configuration'}
        </Button>
      </div>
      <div role="status">
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </Section>
  );
}
