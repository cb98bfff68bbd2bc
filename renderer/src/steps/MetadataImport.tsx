import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { MetadataReportDto } from '../../../shared/api';
import { auth0ClientIdFromUrl } from '../../../shared/idps/auth0-client-id';
import { isIdpId, type IdpId } from '../../../shared/idps/ids';
import { TaskProgress } from '../components/TaskProgress';
import { useTask } from '../components/use-task';
import { useFieldState, useWizard } from '../wizard/context';
import { Findings } from './Findings';
import { Paragraph, Section } from './layout';
import { errorMessage } from '../../../shared/errors';

const useStyles = makeStyles({
  ways: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: tokens.spacingHorizontalL },
  way: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  file: {
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    maxWidth: '100%',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** The IdP chosen, so the findings' fixes use its console's words. */
function idpOf(idp: string | null): { idp?: IdpId } {
  return idp && isIdpId(idp) ? { idp } : {};
}

/** Metadata from a file, pasted text or a URL (downloaded by the main side, with progress and cancel). */
/** What an import filled in, and whether it can be used as it is (not when the metadata has a problem, such as no valid certificate). */
export interface ImportedSummary {
  summary: string;
  usable: boolean;
}

export function MetadataImport({
  metadataLabel,
  onImported,
  onAttempt,
}: {
  metadataLabel: string;
  onImported(imported: ImportedSummary): void;
  onAttempt(): void;
}) {
  const styles = useStyles();
  const { api, draft, update, markTouched } = useWizard();
  const urlState = useFieldState('metadataUrl');
  const [pasted, setPasted] = useState('');
  const [report, setReport] = useState<MetadataReportDto | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);
  // A failed import moves focus to what went wrong, so it is read out and seen.
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const apply = (next: MetadataReportDto, source: string) => {
    setReport(next);
    const fields = next.consoleFields;
    if (!fields.x509Certificate && !fields.identityProviderIssuer && !fields.singleSignOnUrl) {
      setProblem('Nothing usable was found in that metadata; see the findings below.');
      return;
    }
    setProblem(null);
    update({
      certificate: fields.x509Certificate ?? draft.certificate,
      issuer: fields.identityProviderIssuer ?? draft.issuer,
      ssoUrl: fields.singleSignOnUrl ?? draft.ssoUrl,
    });
    onImported({ summary: `Filled in from ${source}. ${fields.certificateAdvice}`, usable: next.ok });
  };

  const download = useTask(api, (status) => {
    if (status.state === 'succeeded' && status.result?.kind === 'metadata-download') {
      apply(status.result.report, 'the downloaded metadata');
      // Auth0's metadata URL ends with the application's Client ID: the Post-Login Action needs it.
      const clientId = draft.idp === 'auth0' && draft.auth0ClientId.trim() === '' ? auth0ClientIdFromUrl(status.result.url) : null;
      if (clientId) update({ auth0ClientId: clientId });
    } else if (status.state === 'failed') setProblem(status.error ?? status.message);
    else if (status.state === 'cancelled') setProblem('The download was cancelled.');
  });

  /** Each attempt starts clean: what an earlier one found no longer describes what is on screen. */
  const beginAttempt = () => {
    setReport(null);
    setProblem(null);
    onAttempt();
  };

  const startDownload = () => {
    beginAttempt();
    // The browser knows when this computer has no network at all: say so before trying.
    if (!navigator.onLine) {
      setProblem(
        'You seem to be offline: the metadata cannot be downloaded now. Connect to the network and download again, or import the metadata from its file or pasted text instead.',
      );
      return;
    }
    download.start(() => api.startMetadataDownload({ url: draft.metadataUrl.trim(), ...idpOf(draft.idp) }));
  };

  const readText = (xml: string, source: string) => {
    beginAttempt();
    if (xml.trim() === '') {
      setProblem('The metadata is empty.');
      return;
    }
    setBusy(true);
    api
      .importMetadataText({ xml, ...idpOf(draft.idp) })
      .then(({ report: next }) => apply(next, source))
      .catch((reason: unknown) => setProblem(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <Section title={`Import the metadata (${metadataLabel})`}>
      <Paragraph>Use whichever is easiest; each one fills in the three values below.</Paragraph>
      <div className={styles.ways}>
        <div className={styles.way}>
          <h3 className={styles.heading}>From a file</h3>
          <label htmlFor="metadata-file">Metadata XML file</label>
          <input
            id="metadata-file"
            className={styles.file}
            type="file"
            accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void file.text().then((xml) => readText(xml, `the file ${file.name}`));
              event.currentTarget.value = '';
            }}
          />
        </div>
        <div className={styles.way}>
          <h3 className={styles.heading}>Pasted</h3>
          <Field label="Metadata XML">
            <Textarea value={pasted} rows={3} resize="vertical" spellCheck={false} onChange={(_, data) => setPasted(data.value)} />
          </Field>
          <div className={styles.actions}>
            <Button disabled={busy || pasted.trim() === ''} onClick={() => readText(pasted, 'the pasted metadata')}>
              Read pasted metadata
            </Button>
          </div>
        </div>
        <div className={styles.way}>
          <h3 className={styles.heading}>From its address</h3>
          <Field label="Metadata URL" {...urlState} data-enter-action="download">
            <Input
              value={draft.metadataUrl}
              spellCheck={false}
              onChange={(_, data) => update({ metadataUrl: data.value.trim() })}
              onBlur={() => markTouched('metadataUrl')}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && draft.metadataUrl.trim() !== '' && urlState.validationState !== 'error' && !download.running) startDownload();
              }}
            />
          </Field>
          <div className={styles.actions}>
            <Button disabled={download.running || draft.metadataUrl.trim() === '' || urlState.validationState === 'error'} onClick={startDownload}>
              Download
            </Button>
          </div>
        </div>
      </div>
      <TaskProgress task={download} label="Downloading the metadata" />
      {(problem ?? download.error) && (
        <div ref={problemRef} tabIndex={-1} data-testid="metadata-problem">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{problem ?? download.error}</MessageBarBody>
          </MessageBar>
        </div>
      )}
      {report && report.findings.length > 0 && <Findings findings={report.findings} title="What the metadata shows" />}
    </Section>
  );
}
