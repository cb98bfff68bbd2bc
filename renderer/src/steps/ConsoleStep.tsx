import { useMemo } from 'react';
import { Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { parseCertificate } from '../../../shared/domain/certificate';
import { daysLeftWords, longDate } from '../../../shared/domain/dates';
import { FRONTLINE_WORKSPACE_ID } from '../../../shared/domain/frontline';
import { MODES } from '../../../shared/domain/modes';
import { CopyValue } from '../components/CopyValue';
import { useFieldState, useWizard } from '../wizard/context';
import { findPlaybook } from '../wizard/knowledge';
import { targetMode, trustedDomainList } from '../wizard/draft';
import { Lead, Paragraph, Section } from './layout';
import { TwilioAccess } from './TwilioAccess';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

export function ConsoleStep() {
  const styles = useStyles();
  const { draft, update, markTouched } = useWizard();
  const redirectState = useFieldState('defaultRedirectUrl');
  const domainsState = useFieldState('trustedDomains');
  const playbook = findPlaybook(draft.idp);
  const mode = targetMode(draft);
  const certificate = useMemo(() => parseCertificate(draft.certificate), [draft.certificate]);
  const pem = certificate.ok ? certificate.pem.trim() : draft.certificate.trim();
  if (!playbook || !mode) return null;
  const frontline = MODES[mode].product === 'frontline';
  const domains = trustedDomainList(draft);
  return (
    <>
      <Lead>
        {frontline
          ? 'In the Twilio Console open Frontline > Manage > SSO / Log in (the Configure single sign-on page) and fill the fields below, top to bottom.'
          : 'In the Twilio Console open Flex > Users and access > Single sign-on and fill the fields below, top to bottom. They are listed in the order the Console shows them.'}
      </Lead>
      <Section title="The fields, in the Console's order">
        <CopyValue
          label="Friendly Name"
          value={`${playbook.label} for ${draft.profileName.trim() || 'this customer'}`}
          hint="Any name you like; this is a suggestion."
        />
        {certificate.ok && certificate.daysLeft < 0 && (
          <MessageBar intent="warning" layout="multiline" data-testid="console-certificate-expired">
            <MessageBarBody>
              <MessageBarTitle>This certificate has expired</MessageBarTitle>
              It expired on {longDate(certificate.notAfter)} ({daysLeftWords(certificate.daysLeft)}): Twilio refuses every login signed with it. Make a new
              signing certificate active in {playbook.label}, bring it back in step 6, then copy that one here.
            </MessageBarBody>
          </MessageBar>
        )}
        <CopyValue
          label="X.509 Certificate"
          value={pem}
          hint={`From ${playbook.label}: ${playbook.fieldNames.certificate}. The whole text, BEGIN and END lines included.`}
        />
        <CopyValue label="Identity Provider Issuer" value={draft.issuer} hint={`From ${playbook.label}: ${playbook.fieldNames.issuer}.`} />
        <CopyValue label="Single Sign-On URL" value={draft.ssoUrl} hint={`From ${playbook.label}: ${playbook.fieldNames.ssoUrl}.`} />
        {frontline ? (
          <>
            {draft.frontlineWorkspaceId.trim() !== '' ? (
              <CopyValue label={FRONTLINE_WORKSPACE_ID.label} value={draft.frontlineWorkspaceId.trim()} hint={FRONTLINE_WORKSPACE_ID.explanation} />
            ) : (
              <CopyValue
                label={FRONTLINE_WORKSPACE_ID.label}
                value="(on the same page, beside the Realm SID)"
                hint={FRONTLINE_WORKSPACE_ID.explanation}
                copyable={false}
              />
            )}
            <CopyValue label="Realm SID" value={draft.realmSid} />
          </>
        ) : (
          <>
            {draft.defaultRedirectUrl.trim() !== '' && !redirectState.validationState && (
              <CopyValue label="Default Redirect URL" value={draft.defaultRedirectUrl.trim()} />
            )}
            {domains.length > 0 && !domainsState.validationState && (
              <CopyValue label="Trusted Domains" value={domains.join('\n')} hint="One entry per line in the Console." />
            )}
            <CopyValue label="Login using popup" value="(leave it off, unless Flex runs inside another page's frame)" copyable={false} />
          </>
        )}
      </Section>
      {!frontline && (
        <Section title="Optional fields">
          <Field
            label="Default Redirect URL (optional)"
            hint={
              playbook.idpInitiated.supported
                ? `Lets people start from ${playbook.label} and land in Flex: your Flex login link, such as https://flex.twilio.com/your-runtime-domain, or your own Flex address.`
                : `Leave it empty. ${playbook.idpInitiated.how}`
            }
            {...redirectState}
          >
            <Input
              value={draft.defaultRedirectUrl}
              spellCheck={false}
              onChange={(_, data) => update({ defaultRedirectUrl: data.value.trim() })}
              onBlur={() => markTouched('defaultRedirectUrl')}
            />
          </Field>
          <Field
            label="Trusted Domains (optional)"
            hint={
              mode === 'flex-enhanced'
                ? 'Only if you host the Flex UI yourself: one origin per line, such as https://flex.example.com or http://localhost:3000. No wildcards.'
                : 'Only if you host the Flex UI yourself: one domain per line; *.example.com covers one level of sub-domains.'
            }
            {...domainsState}
          >
            <Textarea
              className={styles.mono}
              rows={3}
              resize="vertical"
              spellCheck={false}
              value={draft.trustedDomains}
              onChange={(_, data) => update({ trustedDomains: data.value })}
              onBlur={() => markTouched('trustedDomains')}
            />
          </Field>
          <Paragraph>Save the page in the Console when every field is filled.</Paragraph>
        </Section>
      )}
      {/* Reading Twilio serves Flex only (the Flex configuration, the Worker comparison). */}
      {!frontline && (
        <TwilioAccess
          fillsRedirect={playbook.idpInitiated.supported}
          onFlexConfiguration={(values) =>
            update({
              ...(values.defaultRedirectUrl ? { defaultRedirectUrl: values.defaultRedirectUrl } : {}),
              ...(values.workspaceSid ? { workspaceSid: values.workspaceSid } : {}),
            })
          }
        />
      )}
    </>
  );
}
