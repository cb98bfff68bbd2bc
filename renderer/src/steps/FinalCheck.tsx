import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { MODES } from '../../../shared/domain/modes';
import { useWizard } from '../wizard/context';
import { findPlaybook } from '../wizard/knowledge';
import { targetMode } from '../wizard/draft';
import { Paragraph, Section } from './layout';
import { CompareWithWorker } from './TestStep';

/**
 * The check the setup guides end with: a real login through the Console's "Login with SSO", then
 * the Worker it made, compared with what the test predicted. Optional, and billed (Flex); for
 * Frontline, a sign-in to Frontline itself.
 */
export function FinalCheck() {
  const { draft, lastTest } = useWizard();
  const playbook = findPlaybook(draft.idp);
  const mode = targetMode(draft);
  if (!playbook || !mode) return null;
  if (MODES[mode].product === 'frontline') {
    return (
      <Section title="Last check: sign in to Frontline" testId="final-check">
        <Paragraph>
          When the test login passes, sign in to Frontline as a test user who is assigned to the app: {playbook.label}&apos;s sign-in page opens, then
          Frontline. Do this before you tell everyone.
        </Paragraph>
      </Section>
    );
  }
  const report = lastTest?.result?.kind === 'login-test' ? lastTest.result.report : null;
  return (
    <Section title="Last check (optional): a real login" testId="final-check">
      <Paragraph>
        When the test login passes, open Twilio Console &gt; Flex &gt; Users and access &gt; Single sign-on and choose Login with SSO, or copy the login link
        into a browser. Sign in at {playbook.label} as a test user; {playbook.label} may ask them to set a password first. Flex opens with what the user&apos;s
        roles allow: check that the full name shows.
      </Paragraph>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This login is real and billed</MessageBarTitle>
          It creates a Flex user and a Worker for the test user, billed from that login. Someone who also logs in through the Console becomes a second,
          separately billed user, so use a test user who does not.
        </MessageBarBody>
      </MessageBar>
      <Paragraph>
        Then compare the Worker Flex made (TaskRouter &gt; Workspaces &gt; your workspace &gt; Workers) with what the test predicted: email, roles and any other
        attributes you send.
      </Paragraph>
      {report ? (
        <CompareWithWorker
          report={report}
          intro={
            'The wizard can read that Worker with the Twilio credentials stored for this customer (Twilio Console step, "Let the wizard read Twilio") and compare it with the preview of the last test login.'
          }
        />
      ) : (
        <Paragraph>Run the test login in this session first: the comparison needs the attributes it predicted.</Paragraph>
      )}
    </Section>
  );
}
