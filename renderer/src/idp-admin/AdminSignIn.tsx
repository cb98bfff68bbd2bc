import { useState } from 'react';
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { IdpAdminTarget, IdpCredentialInput } from '../../../shared/api';
import type { AdminSignInForm } from '../../../shared/idp-admin/sign-in';
import { TaskProgress } from '../components/TaskProgress';
import { useTask } from '../components/use-task';
import { useWizard } from '../wizard/context';
import { Paragraph } from '../steps/layout';
import { SecretStorageBanner, useSecretStorage } from '../components/SecretStorage';
import { canStore, storageHint, storedWhere } from '../../../shared/secret-storage';
import { message, type IdpAdminStatus, type TargetInput } from './use-idp-admin';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', columnGap: tokens.spacingHorizontalL },
});

interface Props {
  form: AdminSignInForm;
  label: string;
  input: TargetInput;
  onInput(next: TargetInput): void;
  target: IdpAdminTarget | null;
  status: IdpAdminStatus | null;
  statusProblem: string | null;
  onChanged(): void;
}

/** Step 1 of "Set it up for me": the credential (kept in the keychain) or the Microsoft sign-in. */
export function AdminSignIn(props: Props) {
  return props.form.kind === 'microsoft' ? <MicrosoftSignIn {...props} /> : <SecretSignIn {...props} form={props.form} />;
}

function SignedInBadge({ status }: { status: IdpAdminStatus | null }) {
  if (!status) return null;
  const where = storedWhere(status.backend);
  return (
    <Badge appearance="tint" color={status.signedIn ? 'success' : 'informative'} data-testid="idp-admin-signed-in">
      {status.signedIn ? `Signed in${status.account ? ` as ${status.account}` : ''} (${where})` : 'Not signed in yet'}
    </Badge>
  );
}

function MicrosoftSignIn({ form, input, onInput, target, status, statusProblem, onChanged }: Props) {
  const styles = useStyles();
  const { api } = useWizard();
  const [problem, setProblem] = useState<string | null>(null);
  const signIn = useTask(api, (done) => {
    if (done.state === 'failed') setProblem(done.error ?? done.message);
    else setProblem(null);
    onChanged();
  });
  const start = (method: 'browser' | 'device-code') => {
    if (!target) return;
    setProblem(null);
    signIn.start(() => api.startIdpSignIn({ target, method }));
  };
  const signOut = () => {
    if (!target) return;
    api
      .forgetIdpCredential({ target })
      .then(onChanged)
      .catch((reason: unknown) => setProblem(message(reason)));
  };
  return (
    <>
      <Paragraph>{form.who}</Paragraph>
      <SecretStorageBanner api={api} />
      <div className={styles.grid}>
        <Field
          label="Application (client) ID"
          hint={`Leave empty to sign in with Microsoft Graph Command Line Tools (${status?.entra?.defaultClientId ?? "Microsoft's own app"}), or give your own app registration's id.`}
        >
          <Input
            value={input.clientId}
            placeholder={status?.entra?.defaultClientId ?? ''}
            spellCheck={false}
            onChange={(_, data) => onInput({ ...input, clientId: data.value.trim() })}
          />
        </Field>
        <Field label="Tenant" hint="Leave empty for any work or school account, or give your tenant id or domain.">
          <Input value={input.tenant} placeholder="organizations" spellCheck={false} onChange={(_, data) => onInput({ ...input, tenant: data.value.trim() })} />
        </Field>
      </div>
      <div className={styles.row}>
        <SignedInBadge status={status} />
        <Button appearance={status?.signedIn ? 'secondary' : 'primary'} disabled={signIn.running || !target} onClick={() => start('browser')}>
          Sign in with Microsoft
        </Button>
        <Button disabled={signIn.running || !target} onClick={() => start('device-code')}>
          Use a code instead
        </Button>
        {status?.signedIn && (
          <Button disabled={signIn.running} onClick={signOut}>
            Sign out
          </Button>
        )}
      </div>
      <TaskProgress task={signIn} label="Signing in to Microsoft" />
      {(problem ?? statusProblem ?? signIn.error) && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{problem ?? statusProblem ?? signIn.error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function SecretSignIn({
  form,
  label,
  input,
  onInput,
  target,
  status,
  statusProblem,
  onChanged,
}: Props & { form: Extract<AdminSignInForm, { kind: 'secret' }> }) {
  const styles = useStyles();
  const { api } = useWizard();
  const { status: storage } = useSecretStorage(api);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const complete = form.fields.every((field) => (values[field.key] ?? '').trim() !== '');
  const credential = (): IdpCredentialInput =>
    form.credentialKind === 'api-token'
      ? { kind: 'api-token', token: values.token ?? '' }
      : { kind: 'client-credentials', clientId: values.clientId ?? '', clientSecret: values.clientSecret ?? '' };
  const act = (work: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setProblem(null);
    work()
      .then(() => {
        after?.();
        onChanged();
      })
      .catch((reason: unknown) => setProblem(message(reason)))
      .finally(() => setBusy(false));
  };
  const tenantValue = input[form.tenant.key];
  const tenantProblem = (tenantValue.trim() ? form.tenant.problem?.(tenantValue) : null) ?? statusProblem;
  return (
    <>
      <Paragraph>{form.who}</Paragraph>
      <SecretStorageBanner api={api} />
      <Field
        label={form.tenant.label}
        hint={form.tenant.hint}
        validationState={tenantProblem ? 'error' : 'none'}
        validationMessage={tenantProblem ?? undefined}
      >
        <Input
          value={tenantValue}
          placeholder={form.tenant.placeholder}
          spellCheck={false}
          onChange={(_, data) => onInput({ ...input, [form.tenant.key]: data.value.trim() })}
        />
      </Field>
      <div className={styles.grid}>
        {form.fields.map((field) => (
          <Field key={field.key} label={field.label} hint={field.secret ? `${field.hint} ${storageHint(storage)}` : field.hint}>
            <Input
              type={field.secret ? 'password' : 'text'}
              value={values[field.key] ?? ''}
              autoComplete="off"
              spellCheck={false}
              onChange={(_, data) => setValues({ ...values, [field.key]: data.value })}
            />
          </Field>
        ))}
      </div>
      <div className={styles.row}>
        <SignedInBadge status={status} />
        <Button
          appearance="primary"
          disabled={busy || !target || !complete || !canStore(storage)}
          onClick={() =>
            act(
              () => api.setIdpCredential({ target: target!, credential: credential() }),
              () => setValues({}),
            )
          }
        >
          Store for {label}
        </Button>
        {status?.signedIn && (
          <Button disabled={busy} onClick={() => act(() => api.forgetIdpCredential({ target: target! }))}>
            Forget it
          </Button>
        )}
      </div>
      {problem && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
