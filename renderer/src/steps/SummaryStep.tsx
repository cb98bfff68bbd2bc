import { useMemo, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons/svg/arrow-download';
import { CalendarAddRegular } from '@fluentui/react-icons/svg/calendar-add';
import { CopyRegular } from '@fluentui/react-icons/svg/copy';
import { renderHtml } from '../../../shared/checklist/render-html';
import { renderMarkdown } from '../../../shared/checklist/render-markdown';
import { certificateReminderIcs } from '../../../shared/domain/calendar';
import { parseCertificate } from '../../../shared/domain/certificate';
import { MODES } from '../../../shared/domain/modes';
import { errorMessage } from '../../../shared/errors';
import { copyText } from '../components/CopyValue';
import { finishSave } from '../components/save-outcome';
import { TaskProgress } from '../components/TaskProgress';
import { useSaveFile } from '../components/use-save-file';
import { useTask } from '../components/use-task';
import { useWizard } from '../wizard/context';
import { findPlaybook } from '../wizard/knowledge';
import { customerChecklist, exportName, testWords } from '../wizard/export';
import { checklistFor } from '../wizard/checklist';
import { targetMode, trustedDomainList } from '../wizard/draft';
import { whatsLeft, whatsNext, type NextItem } from '../wizard/whats-next';
import { stepIndex } from '../wizard/steps';
import { FinalCheck } from './FinalCheck';
import { Lead, Paragraph, Section } from './layout';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  key: { width: '34%', fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, alignItems: 'flex-start' },
});

/** Rows whose value is words, not an id or address to copy. */
const PROSE_ROWS = new Set(['Customer', 'Product', 'Identity provider', 'Test login']);

function NextList({ items, testId, action }: { items: readonly NextItem[]; testId: string; action?: (item: NextItem) => React.ReactNode }) {
  const styles = useStyles();
  return (
    <ol className={styles.list} data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className={styles.item} data-item={item.id}>
          <Text weight="semibold">{item.step ? `${stepIndex(item.step) + 1}. ${item.title}` : item.title}</Text>
          <Text>{item.body}</Text>
          {action?.(item)}
        </li>
      ))}
    </ol>
  );
}

export function SummaryStep() {
  const styles = useStyles();
  const { api, draft, lastTest, storedTestResult, done, goToStep, markStepDone, profileId } = useWizard();
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const reminderFile = useSaveFile(api);
  const playbook = findPlaybook(draft.idp);
  const mode = targetMode(draft);
  const certificate = useMemo(() => {
    const parsed = parseCertificate(draft.certificate);
    return parsed.ok ? parsed : null;
  }, [draft.certificate]);
  const base = useMemo(() => checklistFor(draft), [draft]);
  const left = useMemo(() => (playbook ? whatsLeft(done, playbook.label, draft) : []), [done, playbook, draft]);
  const next = useMemo(() => (base && mode ? whatsNext(draft, base, certificate, mode) : []), [draft, base, certificate, mode]);
  // The export reads without the wizard around it: its "what is left" is worded for that.
  const leftInExport = useMemo(() => (playbook ? whatsLeft(done, playbook.label, draft, 'export') : []), [done, playbook, draft]);
  const checklist = useMemo(
    () => customerChecklist(draft, lastTest, storedTestResult, { left: leftInExport, next }),
    [draft, lastTest, storedTestResult, leftInExport, next],
  );
  const exported = (text: string) => {
    setMessage({ intent: 'success', text });
    markStepDone('summary');
  };
  const pdf = useTask(api, (status) => {
    if (status.state === 'succeeded' && status.result?.kind === 'pdf-export') {
      const notice = finishSave(status.result.saved);
      if (notice.intent === 'success') exported(notice.text);
      else setMessage(notice);
    } else if (status.state === 'cancelled') setMessage({ intent: 'info', text: 'The PDF export was cancelled.' });
    else setMessage({ intent: 'error', text: status.error ?? status.message });
  });
  if (!checklist || !playbook || !mode) return null;

  const save = (format: 'md' | 'html' | 'json') => {
    const content = format === 'md' ? renderMarkdown(checklist) : format === 'html' ? renderHtml(checklist) : `${JSON.stringify(checklist, null, 2)}\n`;
    setBusy(true);
    setMessage(null);
    api
      .saveExport({ format, suggestedName: exportName(draft, format), content })
      .then((outcome) => {
        const notice = finishSave(outcome);
        if (notice.intent === 'success') exported(notice.text);
        else setMessage(notice);
      })
      .catch((reason: unknown) => setMessage({ intent: 'error', text: errorMessage(reason) }))
      .finally(() => setBusy(false));
  };

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
    ['Test login', testWords(lastTest, storedTestResult)],
  ];
  const reminderName = exportName(draft, 'ics').replace(/\.ics$/, '-certificate-reminder.ics');
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
      {left.length > 0 && (
        <Section title="What is left" testId="whats-left">
          <Paragraph>These steps are not done yet: each step is ticked in the list of steps once it is.</Paragraph>
          <NextList
            items={left}
            testId="whats-left-list"
            action={(item) =>
              item.step && (
                <Button size="small" onClick={() => goToStep(item.step!)}>
                  Go to step {stepIndex(item.step) + 1}
                </Button>
              )
            }
          />
        </Section>
      )}
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
                ok
                  ? exported('The whole checklist is on the clipboard, as Markdown.')
                  : setMessage({ intent: 'error', text: 'The clipboard refused the text; save it as a file instead.' }),
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
      <Section title="What's next" testId="whats-next">
        <NextList
          items={next}
          testId="whats-next-list"
          action={(item) =>
            item.id === 'certificate-expiry' &&
            certificate &&
            certificate.daysLeft >= 0 && (
              <>
                <Button
                  size="small"
                  icon={<CalendarAddRegular />}
                  disabled={reminderFile.busy}
                  onClick={() =>
                    reminderFile.save(
                      reminderName,
                      certificateReminderIcs({
                        uid: `certificate-${profileId ?? 'customer'}-${certificate.notAfter.slice(0, 10)}@flex-sso-wizard`,
                        customer: draft.profileName.trim(),
                        idpLabel: playbook.label,
                        productName: MODES[mode].productName,
                        notAfter: certificate.notAfter,
                        now: new Date(),
                      }),
                    )
                  }
                >
                  Add a reminder to your calendar
                </Button>
                {reminderFile.notice && (
                  <Text size={200} role="status" data-testid="reminder-status">
                    {reminderFile.notice.text}
                  </Text>
                )}
              </>
            )
          }
        />
      </Section>
    </>
  );
}
