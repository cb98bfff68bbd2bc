import { useEffect, useRef, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { PlayRegular } from '@fluentui/react-icons/svg/play';
import type { AnalysisReportDto, ApiResponse, LoginTestPhase, TaskStatus, WorkerComparison } from '../../../shared/api';
import { MODES } from '../../../shared/domain/modes';
import { TaskProgress } from '../components/TaskProgress';
import { useTask } from '../components/use-task';
import { useFieldState, useWizard } from '../wizard/context';
import { findPlaybook } from '../wizard/knowledge';
import { modeIdsFrom, targetMode } from '../wizard/draft';
import { CaptureAnalysis } from './CaptureAnalysis';
import { Findings } from './Findings';
import { Lead, Paragraph, Section } from './layout';
import { errorMessage } from '../../../shared/errors';
import { ChoiceGroup, PlainCheckbox } from '../components/choices';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const PHASE_WORDS: Record<LoginTestPhase, string> = {
  starting: 'Opening the test window…',
  'waiting-for-login': 'Waiting for you to sign in at the identity provider in the test window…',
  captured: 'The identity provider answered; its response was caught before reaching Twilio.',
  analysing: 'Checking the response…',
  done: 'Finished.',
  failed: 'The test could not finish.',
  cancelled: 'Cancelled.',
  'timed-out': 'Nobody signed in before the time ran out.',
};

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function WorkerPreview({ report, product }: { report: AnalysisReportDto; product: 'Flex' | 'Frontline' }) {
  const styles = useStyles();
  if (!report.worker) return null;
  const entries = Object.entries(report.worker.attributes);
  return (
    <Section
      title={product === 'Flex' ? "What Flex would write on the user's Worker" : 'What Frontline receives for the user'}
      level={3}
      testId="worker-preview"
    >
      {product === 'Flex' && !report.worker.written && (
        <MessageBar intent="error">
          <MessageBarBody>
            With these values Flex refuses the attributes and changes nothing on the Worker (&quot;400 Error invalid attribute format&quot;).
          </MessageBarBody>
        </MessageBar>
      )}
      <Table size="small" aria-label={product === 'Flex' ? 'Worker attributes' : 'User attributes'}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Attribute</TableHeaderCell>
            <TableHeaderCell>Value</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map(([name, value]) => (
            <TableRow key={name}>
              <TableCell className={styles.mono}>{name}</TableCell>
              <TableCell className={styles.mono}>{formatValue(value)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

const COMPARISON_WORDS: Record<WorkerComparison['status'], string> = {
  same: 'Same',
  different: 'Different',
  missing: 'Missing on the Worker',
  unexpected: 'Only on the Worker',
};

/**
 * After a login the admin let through to Twilio: reads the Worker Twilio made for that user (with
 * the Twilio credentials stored for this customer) and compares it with the preview.
 */
export function CompareWithWorker({ report, intro }: { report: AnalysisReportDto; intro?: string }) {
  const styles = useStyles();
  const { api, profileId } = useWizard();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ApiResponse<'fetchTwilioWorker'> | null>(null);
  const [error, setError] = useState('');
  const facts = report.facts as { nameId?: unknown } | null;
  const identity = typeof facts?.nameId === 'string' ? facts.nameId : '';
  if (!report.worker || !profileId) return null;
  const expected = report.worker.attributes;
  const compare = () => {
    setBusy(true);
    setError('');
    setAnswer(null);
    api
      .fetchTwilioWorker({ profileId, friendlyName: identity, expectedAttributes: expected })
      .then(setAnswer)
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };
  // Attributes only on the Worker are fine (Twilio and other tools add their own); what the preview expects must be there.
  const fetched = answer !== null && answer.worker !== null;
  const differences = answer?.comparison.filter((row) => row.status === 'different' || row.status === 'missing').length ?? 0;
  const extra = answer?.comparison.filter((row) => row.status === 'unexpected').length ?? 0;
  return (
    <Section title="Compare with the real Worker" level={3} testId="worker-compare">
      <Paragraph>
        {intro ??
          `This login went on to Twilio, so Twilio has made (or updated) a Worker for ${identity || 'the user'}. The wizard can read that Worker with the Twilio credentials stored for this customer (see "Let the wizard read Twilio" in the Twilio Console step) and check that it has the attributes shown above.`}
      </Paragraph>
      <div className={styles.actions}>
        <Button disabled={busy || identity === ''} onClick={compare}>
          {busy ? 'Reading the Worker…' : 'Compare with the real Worker'}
        </Button>
      </div>
      {identity === '' && <Paragraph>The response names no user (no NameID), so there is no Worker to look up.</Paragraph>}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {answer && (
        <MessageBar intent={!fetched ? 'error' : differences === 0 ? 'success' : 'warning'} layout="multiline" data-testid="worker-compare-verdict">
          <MessageBarBody>
            <MessageBarTitle>
              {!fetched
                ? 'The Worker could not be read'
                : differences === 0
                  ? 'The Worker matches the preview'
                  : `The Worker differs from the preview in ${differences} attribute${differences === 1 ? '' : 's'}`}
            </MessageBarTitle>
            {!fetched
              ? answer.message
              : differences === 0
                ? `The Worker ${answer.worker?.friendlyName ?? identity} has every attribute the preview expects, with the same values.`
                : 'Differences usually mean the identity provider sent other values at this login than at the test, or that someone changed the Worker in Twilio since.'}
            {fetched &&
              extra > 0 &&
              ` The Worker also has ${extra} attribute${extra === 1 ? '' : 's'} the login does not set; that is normal when other tools add their own.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {fetched && answer.comparison.length > 0 && (
        <Table size="small" aria-label="The Worker compared with the preview">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Attribute</TableHeaderCell>
              <TableHeaderCell>The preview expects</TableHeaderCell>
              <TableHeaderCell>The Worker has</TableHeaderCell>
              <TableHeaderCell>Result</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {answer.comparison.map((row) => (
              <TableRow key={row.name} data-status={row.status}>
                <TableCell className={styles.mono}>{row.name}</TableCell>
                <TableCell className={styles.mono}>{row.status === 'unexpected' ? '—' : formatValue(row.expected)}</TableCell>
                <TableCell className={styles.mono}>{row.status === 'missing' ? '—' : formatValue(row.actual)}</TableCell>
                <TableCell>{COMPARISON_WORDS[row.status]}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

const VERDICT_WORDS: Record<
  AnalysisReportDto['verdict'],
  (errors: number, product: 'Flex' | 'Frontline') => { intent: 'success' | 'warning' | 'error'; title: string; body: string }
> = {
  ok: (_errors, product) => ({
    intent: 'success',
    title: 'The login works',
    body: `Twilio would accept this response, and its signature matches the IdP certificate you gave. The response was stopped on this computer, so no ${product} user was created.`,
  }),
  unverified: () => ({
    intent: 'warning',
    title: 'Not verified: paste the IdP certificate',
    body: 'Nothing else is wrong, but without the IdP certificate the signature could not be checked, so anyone could have made this response. Paste the certificate you give Twilio (X.509 Certificate) in the identity provider step, then test again.',
  }),
  fail: (errors) => ({
    intent: 'error',
    title: `The login would fail: ${errors} problem${errors === 1 ? '' : 's'} to fix`,
    body: 'Fix each problem below in the identity provider (or in the Twilio Console, where it says so), then test again.',
  }),
};

/** The verdict of a finished login test, each finding with its fix, and the Worker preview. */
export function Diagnosis({ status, sentToTwilio = false, product }: { status: TaskStatus; sentToTwilio?: boolean; product: 'Flex' | 'Frontline' }) {
  const result = status.result?.kind === 'login-test' ? status.result : null;
  const report = result?.report ?? null;
  if (!report) {
    return (
      <MessageBar intent={status.state === 'cancelled' ? 'info' : 'error'} layout="multiline" data-testid="test-verdict" tabIndex={-1}>
        <MessageBarBody>
          <MessageBarTitle>{status.state === 'cancelled' ? 'Test cancelled' : 'No response was captured'}</MessageBarTitle>
          {status.error ?? (result ? PHASE_WORDS[result.phase] : status.message)}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const errors = report.findings.filter((finding) => finding.severity === 'error').length;
  const verdict = VERDICT_WORDS[report.verdict](errors, product);
  return (
    <>
      <MessageBar intent={verdict.intent} layout="multiline" data-testid="test-verdict" data-verdict={report.verdict} tabIndex={-1}>
        <MessageBarBody>
          <MessageBarTitle>{verdict.title}</MessageBarTitle>
          {verdict.body}
        </MessageBarBody>
      </MessageBar>
      {report.findings.length > 0 && <Findings findings={report.findings} title="Findings" />}
      <WorkerPreview report={report} product={product} />
      {sentToTwilio && product === 'Flex' && <CompareWithWorker report={report} />}
    </>
  );
}

export function TestStep() {
  const styles = useStyles();
  const { api, draft, update, profileId, activeConnectionId, markTouched, setLastTest, reloadProfile, lastTest, lastTestSentToTwilio } = useWizard();
  const initState = useFieldState('idpInitUrl');
  const playbook = findPlaybook(draft.idp);
  const mode = targetMode(draft);
  const [phase, setPhase] = useState<LoginTestPhase | null>(null);
  const phaseRef = useRef<HTMLDivElement>(null);
  const verdictRef = useRef<HTMLDivElement>(null);
  const [finished, setFinished] = useState(0);
  const task = useTask(api, (status) => {
    setLastTest(status, status.result?.kind === 'login-test' && status.result.sentToTwilio);
    reloadProfile();
    setFinished((count) => count + 1);
  });
  // The verdict is what the admin waited for: it takes focus (and so comes into view) when the test ends.
  useEffect(() => {
    if (finished === 0) return;
    const verdict = verdictRef.current?.querySelector<HTMLElement>('[data-testid="test-verdict"]');
    verdict?.focus({ preventScroll: true });
    verdict?.scrollIntoView({ block: 'center' });
  }, [finished]);
  if (!playbook || !mode) return null;
  const definition = MODES[mode];
  const phaseNow = task.status?.phase ?? phase;
  const canStart = !task.running && (draft.loginStart === 'sp' ? draft.ssoUrl.trim() !== '' : draft.idpInitUrl.trim() !== '' && !initState.validationState);

  const start = () => {
    setPhase('starting');
    setLastTest(null);
    // The button is disabled while the test runs: focus goes to what is happening now.
    window.setTimeout(() => phaseRef.current?.focus(), 0);
    task.start(() =>
      api.startLoginTest({
        ...(profileId ? { profileId, ...(activeConnectionId ? { connectionId: activeConnectionId } : {}) } : {}),
        mode,
        ids: modeIdsFrom(draft),
        start: draft.loginStart === 'sp' ? { kind: 'sp-initiated', ssoUrl: draft.ssoUrl.trim() } : { kind: 'idp-initiated', url: draft.idpInitUrl.trim() },
        idpCertificatePem: draft.certificate.trim() || undefined,
        idpIssuer: draft.issuer.trim() || undefined,
        allowRealLogin: draft.letLoginThrough,
        timeoutSeconds: 300,
      }),
    );
  };

  return (
    <>
      <Lead>
        The wizard opens {playbook.label} in a separate test window. Sign in there as a user who should reach {definition.productName}. When {playbook.label}{' '}
        sends the user back, the wizard catches the answer on this computer, before it reaches Twilio, and checks it against everything Twilio requires.
      </Lead>
      <Section title="How the login starts">
        <ChoiceGroup value={draft.loginStart} onChange={(_, data) => update({ loginStart: data.value as 'sp' | 'idp' })} aria-label="How the login starts">
          <Radio
            value="sp"
            label={`From Twilio's side, as a user opening ${definition.productName} would (uses the single sign-on URL ${draft.ssoUrl.trim() || 'from step 6'})`}
          />
          <Radio value="idp" label={`From ${playbook.label}'s own launch link`} />
        </ChoiceGroup>
        {draft.loginStart === 'idp' && (
          <Field label="Launch URL" hint={playbook.idpInitiated.how} required {...initState} data-enter-action="start-test">
            <Input
              value={draft.idpInitUrl}
              spellCheck={false}
              onChange={(_, data) => update({ idpInitUrl: data.value.trim() })}
              onBlur={() => markTouched('idpInitUrl')}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && canStart) start();
              }}
            />
          </Field>
        )}
        <PlainCheckbox
          checked={draft.letLoginThrough}
          onChange={(_, data) => update({ letLoginThrough: data.checked === true })}
          label="Let this login continue to Twilio"
        />
        {draft.letLoginThrough ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              {definition.product === 'flex' ? (
                <>
                  <MessageBarTitle>This creates a real, billed Flex user</MessageBarTitle>
                  The answer goes on to Twilio, which creates a Flex user and a Worker for the person who signs in, and Twilio bills each user from their first
                  login. Leave this off to test without creating anyone.
                </>
              ) : (
                <>
                  <MessageBarTitle>This signs the user in to Frontline for real</MessageBarTitle>
                  The answer goes on to Twilio as a real Frontline login. Leave this off to test without signing anyone in.
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        ) : (
          <Paragraph>Off: the answer stays on this computer and no {definition.productName} user is created.</Paragraph>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" icon={<PlayRegular />} disabled={!canStart} onClick={start}>
            {lastTest ? 'Test again' : 'Start the test login'}
          </Button>
        </div>
        <TaskProgress task={task} label="Test login" />
        <div role="status" aria-live="polite" data-testid="test-phase" ref={phaseRef} tabIndex={-1}>
          {task.running && phaseNow ? PHASE_WORDS[phaseNow] : ''}
        </div>
        {task.error && (
          <MessageBar intent="error">
            <MessageBarBody>{task.error}</MessageBarBody>
          </MessageBar>
        )}
      </Section>
      {lastTest && !task.running && (
        <Section title="Diagnosis" testId="diagnosis">
          <div ref={verdictRef}>
            <Diagnosis status={lastTest} sentToTwilio={lastTestSentToTwilio} product={definition.productName} />
          </div>
        </Section>
      )}
      <CaptureAnalysis />
    </>
  );
}
