import { useState, type DragEvent } from 'react';
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { redactCaptureReport, type CaptureReport } from '../../../shared/capture/report';
import { MODES } from '../../../shared/domain/modes';
import { sidProblem } from '../../../shared/domain/sids';
import { readCaptureBlob } from '../capture/read-capture';
import { finishSave } from '../components/save-outcome';
import { errorMessage } from '../../../shared/errors';
import { useWizard } from '../wizard/context';
import { modeIdsFrom, targetMode } from '../wizard/draft';
import { Findings } from './Findings';
import { Paragraph, Section } from './layout';
import { PlainCheckbox } from '../components/choices';

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  dropActive: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  file: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    maxWidth: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  timeline: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  exchange: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  facts: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

type Exchange = CaptureReport['exchanges'][number];

const VERDICT: Record<Exchange['verdict'], { text: string; color: 'success' | 'danger' | 'warning' | 'informative' }> = {
  ok: { text: 'Would log the user in', color: 'success' },
  fail: { text: 'Would fail', color: 'danger' },
  unverified: { text: 'Not verified', color: 'warning' },
  'no-response': { text: 'No response', color: 'informative' },
};

const KIND: Record<Exchange['kind'], string> = {
  'sp-initiated': "AuthnRequest from Twilio and the IdP's response",
  'idp-initiated': 'Response started at the IdP',
  'request-only': 'AuthnRequest that got no response',
};

function time(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString();
}

function ExchangeItem({ exchange }: { exchange: Exchange }) {
  const styles = useStyles();
  const verdict = VERDICT[exchange.verdict];
  const findings = [...exchange.findings, ...(exchange.analysis?.findings ?? [])];
  return (
    <li className={styles.exchange} data-testid="capture-exchange" data-verdict={exchange.verdict}>
      <h4 className={styles.heading}>
        <span>
          {exchange.index}. {time(exchange.at)} {KIND[exchange.kind]}
        </span>
        <Badge appearance="tint" color={verdict.color}>
          {verdict.text}
        </Badge>
      </h4>
      <ul className={styles.facts}>
        {exchange.request && (
          <li>
            AuthnRequest from {exchange.request.issuer ?? 'an unnamed service provider'} to {exchange.request.sentTo}
            {exchange.request.acsUrl ? `, asking for the response at ${exchange.request.acsUrl}` : ''}.
          </li>
        )}
        {exchange.response && (
          <li>
            Response from {exchange.response.issuer ?? 'an unnamed IdP'} {exchange.response.source === 'form-page' ? 'about to be posted' : 'posted'} to{' '}
            {exchange.response.sentTo}
            {exchange.response.relayState ? ` with RelayState ${exchange.response.relayState}` : ''}.
          </li>
        )}
        {exchange.judgedAs && (
          <li>
            Judged as {exchange.judgedAs.label}, {MODES[exchange.judgedAs.mode].idLabel} {Object.values(exchange.judgedAs.ids)[0]}
            {exchange.judgedAs.from === 'profile' ? ' (this customer)' : ' (read from the capture)'}.
          </li>
        )}
      </ul>
      {findings.length > 0 && <Findings findings={findings} title={`Findings for exchange ${exchange.index}`} />}
    </li>
  );
}

/**
 * "Analyse a capture someone sent you": a HAR file or SAML-tracer export, picked or dropped, read in
 * this window (bounded), judged on the main side, shown as a timeline of SAML exchanges.
 */
export function CaptureAnalysis() {
  const styles = useStyles();
  const { api, draft } = useWizard();
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<CaptureReport | null>(null);
  const [dragging, setDragging] = useState(false);
  const [includePersonal, setIncludePersonal] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const busy = progress !== null;

  const mode = targetMode(draft);
  const id = mode ? draft[MODES[mode].idField].trim() : '';
  const judgedByProfile = mode !== null && sidProblem(id, MODES[mode].idPrefix) === null;

  const open = (file: File) => {
    setProblem(null);
    setReport(null);
    setSaved(null);
    setProgress(0);
    void readCaptureBlob(file, setProgress)
      .then(async (read) => {
        if (!read.ok) {
          setProblem(read.message);
          return;
        }
        const answer = await api.analyzeCapture({
          digest: read.digest,
          fileName: file.name.slice(0, 300),
          ...(judgedByProfile && mode ? { mode, ids: modeIdsFrom(draft) } : {}),
          ...(draft.idp ? { idp: draft.idp } : {}),
          ...(draft.certificate.trim() ? { idpCertificatePem: draft.certificate.trim() } : {}),
          ...(draft.issuer.trim() ? { idpIssuer: draft.issuer.trim() } : {}),
        });
        setReport(answer.report as unknown as CaptureReport);
      })
      .catch((reason: unknown) => setProblem(errorMessage(reason)))
      .finally(() => setProgress(null));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) open(file);
  };

  const save = () => {
    if (!report) return;
    const exported = includePersonal ? report : redactCaptureReport(report);
    const stem =
      (report.source.fileName ?? 'capture')
        .replace(/\.[^.]*$/, '')
        .replace(/[^\p{L}\p{N} ._-]+/gu, '')
        .slice(0, 80) || 'capture';
    api
      .saveExport({ format: 'json', suggestedName: `${stem} diagnosis.json`, content: `${JSON.stringify(exported, null, 2)}\n` })
      .then((outcome) => setSaved(finishSave(outcome).text))
      .catch((reason: unknown) => setSaved(errorMessage(reason)));
  };

  const warnings = report?.privacy.notices ?? [];
  return (
    <Section title="Analyse a capture someone sent you" testId="capture-analysis">
      <Paragraph>
        When a login fails at a customer&apos;s desk, ask for a HAR file (from the browser&apos;s developer tools, Network tab, with &quot;Preserve log&quot;
        ticked) or a SAML-tracer export, and open it here. The file is read on this computer only; every SAML exchange in it is checked like a test login,{' '}
        {judgedByProfile
          ? `against this customer's values (${MODES[mode!].label}, ${id}${draft.certificate.trim() ? ', with the IdP certificate' : ''}).`
          : 'against the Twilio values the capture itself shows (no mode and id are set for this customer yet).'}
      </Paragraph>
      <div
        className={`${styles.drop} ${dragging ? styles.dropActive : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="capture-drop"
      >
        <label htmlFor="capture-file">HAR file or SAML-tracer export</label>
        <input
          id="capture-file"
          className={styles.file}
          type="file"
          accept=".har,.json,application/json"
          disabled={busy}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) open(file);
            event.currentTarget.value = '';
          }}
        />
        <span>or drop the file here.</span>
      </div>
      {busy && <ProgressBar value={progress ?? undefined} aria-label="Reading the capture" />}
      {problem && (
        <MessageBar intent="error" layout="multiline" data-testid="capture-problem">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {report && (
        <>
          {warnings.length > 0 && (
            <MessageBar intent={warnings.some((n) => n.severity === 'warning') ? 'warning' : 'info'} layout="multiline" data-testid="capture-privacy">
              <MessageBarBody>
                <MessageBarTitle>What this file holds that should not have been sent</MessageBarTitle>
                <ul className={styles.list}>
                  {warnings.map((notice) => (
                    <li key={notice.kind}>{notice.message}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <MessageBar
            intent={report.verdict === 'ok' ? 'success' : report.verdict === 'fail' ? 'error' : 'warning'}
            layout="multiline"
            data-testid="capture-verdict"
          >
            <MessageBarBody>
              <MessageBarTitle>{report.source.fileName ?? 'The capture'}</MessageBarTitle>
              {report.summary}
            </MessageBarBody>
          </MessageBar>
          {report.findings.length > 0 && <Findings findings={report.findings} title="About the capture as a whole" />}
          {report.exchanges.length > 0 && (
            <ol className={styles.timeline} aria-label="SAML exchanges in the capture">
              {report.exchanges.map((exchange) => (
                <ExchangeItem key={exchange.index} exchange={exchange} />
              ))}
            </ol>
          )}
          <div className={styles.actions}>
            <PlainCheckbox
              checked={includePersonal}
              onChange={(_, data) => setIncludePersonal(data.checked === true)}
              label="Include user names and attribute values in the saved diagnosis"
            />
            <Button onClick={save}>Save the diagnosis (JSON)</Button>
          </div>
          {saved && <Paragraph>{saved}</Paragraph>}
        </>
      )}
    </Section>
  );
}
