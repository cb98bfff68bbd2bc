import { useMemo, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons/svg/arrow-download';
import { CopyRegular } from '@fluentui/react-icons/svg/copy';
import type { SaveOutcome } from '../../../shared/api';
import { renderHtml } from '../../../shared/checklist/render-html';
import { renderMarkdown } from '../../../shared/checklist/render-markdown';
import { MODES } from '../../../shared/domain/modes';
import { copyText } from '../components/CopyValue';
import { TaskProgress } from '../components/TaskProgress';
import { useTask } from '../components/use-task';
import { useWizard } from '../wizard/context';
import { findPlaybook } from '../wizard/knowledge';
import { customerChecklist, exportName } from '../wizard/export';
import { targetMode, trustedDomainList } from '../wizard/draft';
import { FinalCheck } from './FinalCheck';
import { Lead, Section } from './layout';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  key: { width: '34%', fontWeight: tokens.fontWeightSemibold },
});

/** Rows whose value is words, not an id or address to copy. */
const PROSE_ROWS = new Set(['Customer', 'Product', 'Identity provider', 'Test login']);

function savedMessage(outcome: SaveOutcome): string {
  return outcome.outcome === 'saved' ? `Saved to ${outcome.path} (${Math.max(1, Math.round(outcome.bytes / 1024))} KB).` : 'Not saved: the save was cancelled.';
}

export function SummaryStep() {
  const styles = useStyles();
  const { api, draft, lastTest, storedTestResult } = useWizard();
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const checklist = useMemo(() => customerChecklist(draft, lastTest, storedTestResult), [draft, lastTest, storedTestResult]);
  const pdf = useTask(api, (status) => {
    if (status.state === 'succeeded' && status.result?.kind === 'pdf-export') setMessage({ intent: 'success', text: savedMessage(status.result.saved) });
    else if (status.state === 'cancelled') setMessage({ intent: 'info', text: 'The PDF export was cancelled.' });
    else setMessage({ intent: 'error', text: status.error ?? status.message });
  });
  const playbook = findPlaybook(draft.idp);
  const mode = targetMode(draft);
  if (!checklist || !playbook || !mode) return null;

  const save = (format: 'md' | 'html' | 'json') => {
    const content = format === 'md' ? renderMarkdown(checklist) : format === 'html' ? renderHtml(checklist) : `${JSON.stringify(checklist, null, 2)}\n`;
    setBusy(true);
    setMessage(null);
    api
      .saveExport({ format, suggestedName: exportName(draft, format), content })
      .then((outcome) => setMessage({ intent: outcome.outcome === 'saved' ? 'success' : 'info', text: savedMessage(outcome) }))
      .catch((reason: unknown) => setMessage({ intent: 'error', text: reason instanceof Error ? reason.message : String(reason) }))
      .finally(() => setBusy(false));
  };

  const test = lastTest?.result?.kind === 'login-test' ? lastTest.result : null;
  const testWords = test?.report ? { ok: 'passed', fail: 'failed', unverified: 'not verified (no IdP certificate)' }[test.report.verdict] : storedTestResult ? `${storedTestResult.outcome} (${new Date(storedTestResult.at).toLocaleString()})` : 'not run yet';
  const rows: Array<[string, string]> = [
    ['Customer', draft.profileName.trim()],
    ['Product', MODES[mode].label + (draft.mode === 'flex-legacy' ? ' (moving from legacy SSO)' : '')],
    ['Identity provider', playbook.label],
    [MODES[mode].idLabel, draft[MODES[mode].idField]],
    ...(mode === 'frontline' && draft.frontlineWorkspaceId.trim() ? [['Workspace ID', draft.frontlineWorkspaceId.trim()] as [string, string]] : []),
    ...(draft.idp === 'auth0' ? [['Auth0 Client ID', draft.auth0ClientId.trim()] as [string, string]] : []),
    ['ACS URL', checklist.values.acsUrl],
    ['SP Entity ID', checklist.values.entityId],
    ['Identity Provider Issuer', draft.issuer.trim()],
    ['Single Sign-On URL', draft.ssoUrl.trim()],
    ...(mode === 'frontline' ? [] : [['Trusted Domains', trustedDomainList(draft).join(', ') || 'none'] as [string, string]]),
    ['Test login', testWords],
  ];
  return (
    <>
      <Lead>Everything for this customer in one place. Save it as a document for the customer&apos;s records or for whoever finishes the setup.</Lead>
      <Section title="This setup">
        <Table size="small" aria-label="Summary of this setup">
          <TableBody>
            {rows.map(([key, value]) => (
              <TableRow key={key}>
                <TableCell className={styles.key}>{key}</TableCell>
                <TableCell className={PROSE_ROWS.has(key) ? undefined : styles.mono}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <FinalCheck />
      <Section title="Export">
        <div className={styles.actions}>
          <Button icon={<ArrowDownloadRegular />} disabled={busy} onClick={() => save('md')}>
            Markdown
          </Button>
          <Button icon={<ArrowDownloadRegular />} disabled={busy} onClick={() => save('html')}>
            HTML
          </Button>
          <Button icon={<ArrowDownloadRegular />} disabled={busy} onClick={() => save('json')}>
            JSON
          </Button>
          <Button
            icon={<ArrowDownloadRegular />}
            disabled={busy || pdf.running}
            onClick={() => {
              setMessage(null);
              pdf.start(() => api.startPdfExport({ suggestedName: exportName(draft, 'pdf'), html: renderHtml(checklist) }));
            }}
          >
            PDF
          </Button>
          <Button
            icon={<CopyRegular />}
            onClick={() => {
              void copyText(renderMarkdown(checklist)).then((ok) =>
                setMessage(ok ? { intent: 'success', text: 'The whole checklist is on the clipboard, as Markdown.' } : { intent: 'error', text: 'The clipboard refused the text; save it as a file instead.' }),
              );
            }}
          >
            Copy all
          </Button>
        </div>
        <TaskProgress task={pdf} label="Making the PDF" />
        <div role="status" data-testid="export-status">
          {(message ?? (pdf.error ? { intent: 'error' as const, text: pdf.error } : null)) && (
            <MessageBar intent={(message ?? { intent: 'error' }).intent}>
              <MessageBarBody>{message?.text ?? pdf.error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </Section>
    </>
  );
}
