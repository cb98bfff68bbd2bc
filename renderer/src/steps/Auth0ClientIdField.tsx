import { useState } from 'react';
import { Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { AUTH0_CLIENT_ID_WHERE, readAuth0ClientId } from '../../../shared/idps/auth0-client-id';
import { useFieldState, useWizard } from '../wizard/context';
import { Paragraph, Section } from './layout';

/**
 * Auth0 only: the Client ID of the Auth0 application, asked once. The Post-Login Action names it,
 * so the code works as pasted; the add-on's metadata URL or login URL works too (the id is read out).
 */
export function Auth0ClientIdField() {
  const { draft, update, markTouched } = useWizard();
  const state = useFieldState('auth0ClientId');
  const [note, setNote] = useState<string | null>(null);
  return (
    <Section title="Your Auth0 application" testId="auth0-client-id">
      <Paragraph>
        The Post-Login Action below runs only for the application that serves Twilio, so it names that application&apos;s Client ID. Create the application
        first (step 1 below), then copy its Client ID here.
      </Paragraph>
      <Field
        label="Client ID of the Auth0 application"
        required
        hint={`Where: ${AUTH0_CLIENT_ID_WHERE}. The add-on's metadata URL (https://TENANT.auth0.com/samlp/metadata/CLIENT_ID) works too.`}
        {...state}
      >
        <Input
          value={draft.auth0ClientId}
          spellCheck={false}
          autoComplete="off"
          onChange={(_, data) => {
            const read = readAuth0ClientId(data.value);
            update({ auth0ClientId: read.ok ? read.clientId : data.value.trim() });
            setNote(read.ok ? read.note : null);
          }}
          onBlur={() => markTouched('auth0ClientId')}
        />
      </Field>
      {note && (
        <MessageBar intent="success">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}
