import { useEffect, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { errorMessage } from '../../../shared/errors';
import type { LastTestResult } from '../../../shared/api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useRovingFocus } from '../components/roving-focus';
import { finishSave } from '../components/save-outcome';
import { useFieldState, useWizard } from '../wizard/context';
import type { ProfileSummary, StoreProblem } from '../wizard/profile-client';
import { Lead, Paragraph, Section } from './layout';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  importRow: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  file: { maxWidth: '100%', color: tokens.colorNeutralForeground1, fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  path: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

export interface ProfileStepProps {
  profiles: ProfileSummary[];
  /** Damaged profile files found while listing (kept aside, maybe restored from the backup). */
  problems: StoreProblem[];
  /** The listing failed: why, in the user's words (the list then says nothing about what is saved). */
  listFailure: string | null;
  onOpen(id: string): void;
  onNew(): void;
  onRefresh(): void;
  onDismissProblems(): void;
  onDeleted(id: string): void;
}

const TEST_WORDS: Record<LastTestResult['outcome'], string> = {
  passed: 'Worked',
  failed: 'Found problems',
  unverified: 'Not verified (no IdP certificate)',
  cancelled: 'Cancelled',
  'timed-out': 'Nobody signed in in time',
  error: 'Could not finish',
};

function displayName(profile: ProfileSummary): string {
  return profile.name.trim() || 'Unnamed customer';
}

function problemTitle(problem: StoreProblem): string {
  if (problem.restoredFromBackup) return 'A saved customer was damaged; its previous version was put back';
  if (problem.keptAs === problem.file) return 'A saved customer was made by a newer version of the wizard';
  return 'A saved customer could not be read';
}

function problemText(problem: StoreProblem, folder: string): string {
  const where = folder ? ` in the folder ${folder}` : '';
  if (problem.restoredFromBackup) {
    return `The file ${problem.file} could not be read, so the wizard went back to the version saved just before it. The latest changes to that customer may be missing. The damaged file was not deleted: it was kept aside as ${problem.keptAs ?? 'a copy'}${where}.`;
  }
  if (problem.keptAs === problem.file) {
    return `The file ${problem.file} was left exactly as it is. Update the wizard to open that customer.`;
  }
  if (problem.keptAs) {
    return `The file ${problem.file} is damaged and there was no earlier version to go back to, so that customer is not in the list. The file was not deleted: it was kept aside as ${problem.keptAs}${where}.`;
  }
  return `The file ${problem.file} could not be opened. It was left where it is${where}.`;
}

type Notice = { intent: 'success' | 'error' | 'info'; title: string; lines: string[]; path?: string };

export function ProfileStep({ profiles, problems, listFailure, onOpen, onNew, onRefresh, onDismissProblems, onDeleted }: ProfileStepProps) {
  const styles = useStyles();
  // The whole list is one Tab stop (arrow keys move between customers and their actions), so the
  // saved customers never stand between the name field and Next.
  const { setContainer: setRowsContainer, onKeyDown: onRowsKeyDown, onFocus: onRowsFocus } = useRovingFocus();
  const { api, draft, update, markTouched, profileId } = useWizard();
  const nameState = useFieldState('profileName');
  const [folder, setFolder] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<ProfileSummary | null>(null);

  // The list may be stale (this customer was saved since): read it again when the step opens.
  useEffect(onRefresh, [onRefresh]);
  useEffect(() => {
    api
      .getAppInfo({})
      .then((info) => setFolder(`${info.dataFolder.replace(/[\\/]+$/, '')}${info.dataFolder.includes('\\') ? '\\' : '/'}profiles`))
      .catch(() => setFolder(''));
  }, [api]);

  const failed = (title: string) => (reason: unknown) => setNotice({ intent: 'error', title, lines: [errorMessage(reason)] });
  const run = (work: () => Promise<void>, failure: string) => {
    setBusy(true);
    setNotice(null);
    work()
      .catch(failed(failure))
      .finally(() => setBusy(false));
  };

  const duplicate = (profile: ProfileSummary) =>
    run(async () => {
      const { profile: copy } = await api.duplicateProfile({ id: profile.id });
      onRefresh();
      setNotice({
        intent: 'success',
        title: `Duplicated ${displayName(profile)}`,
        lines: [`The duplicate is called “${copy.name}”. Stored secrets were not copied: enter them again in the duplicate if it needs them.`],
      });
    }, 'The customer could not be duplicated');

  const exportOne = (profile: ProfileSummary) =>
    run(async () => {
      const saved = await api.exportProfile({ id: profile.id });
      if (saved.outcome === 'cancelled') setNotice({ intent: 'info', title: 'Export cancelled', lines: ['Nothing was saved.'] });
      else {
        const done = finishSave(saved);
        setNotice({
          intent: 'success',
          title: `Exported ${displayName(profile)}`,
          ...(done.path ? { path: done.path } : {}),
          lines: [
            ...(done.path ? [] : [done.text]),
            'The file holds everything typed for this customer but no secrets (no Auth Token or API key secret), so it is safe to pass on. Whoever imports it enters the secrets again.',
          ],
        });
      }
    }, 'The customer could not be exported');

  const remove = (profile: ProfileSummary) => {
    setConfirmDelete(null);
    run(async () => {
      const { secretsDeleted } = await api.deleteProfile({ id: profile.id });
      onDeleted(profile.id);
      setNotice({
        intent: 'success',
        title: `Deleted ${displayName(profile)}`,
        lines: [
          secretsDeleted === 0
            ? 'It had no stored secrets.'
            : `Its ${secretsDeleted === 1 ? 'stored secret was' : `${secretsDeleted} stored secrets were`} deleted too.`,
        ],
      });
    }, 'The customer could not be deleted');
  };

  const importFile = (file: File) =>
    run(async () => {
      const content = await file.text();
      const { profile, warnings } = await api.importProfile({ content, fileName: file.name });
      onRefresh();
      setNotice({
        intent: 'success',
        title: `Imported “${profile.name}” from ${file.name}`,
        lines: [...warnings, 'Open it from the list of saved customers.'],
      });
    }, `The file ${file.name} could not be imported`);

  return (
    <>
      <Lead>
        Each customer gets a profile that keeps everything you enter here, so you can stop at any point and carry on later. Secrets such as a Twilio Auth Token
        are kept apart, in the system&apos;s keychain.
      </Lead>
      {problems.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="profile-problems">
          <MessageBarBody>
            <MessageBarTitle>{problems.length === 1 ? problemTitle(problems[0]!) : `${problems.length} saved customers had a problem`}</MessageBarTitle>
            {problems.length === 1 ? (
              problemText(problems[0]!, folder)
            ) : (
              <ul className={styles.list}>
                {problems.map((problem) => (
                  <li key={`${problem.file}:${problem.keptAs ?? ''}`}>
                    {problemTitle(problem)}. {problemText(problem, folder)}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={onDismissProblems}>Dismiss</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Section title={profileId ? 'This customer' : 'A new customer'}>
        <Field label="Customer name" required hint="The company or team this setup is for, as you will recognise it later." {...nameState}>
          <Input value={draft.profileName} onChange={(_, data) => update({ profileName: data.value })} onBlur={() => markTouched('profileName')} />
        </Field>
        <Field
          label="Notes (optional)"
          hint="For you only: contacts, ticket numbers, what is left to do. Kept with this customer, and in the file its Export button saves; never in the checklist you export or print."
        >
          <Textarea value={draft.notes} resize="vertical" onChange={(_, data) => update({ notes: data.value })} />
        </Field>
        {profileId && (
          <div>
            <Button onClick={onNew}>Start a different customer</Button>
          </div>
        )}
      </Section>
      <Section title="Saved customers" testId="saved-customers">
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline" data-testid="profile-notice">
            <MessageBarBody>
              <MessageBarTitle>{notice.title}</MessageBarTitle>
              {notice.path && (
                <div>
                  Saved to{' '}
                  <code className={styles.path} data-testid="saved-path">
                    {notice.path}
                  </code>
                </div>
              )}
              {notice.lines.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}
        {listFailure ? (
          <MessageBar intent="error" layout="multiline" data-testid="profile-list-failure">
            <MessageBarBody>
              <MessageBarTitle>The saved customers could not be listed</MessageBarTitle>
              {listFailure}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={onRefresh}>Try again</Button>
            </MessageBarActions>
          </MessageBar>
        ) : profiles.length === 0 ? (
          <Paragraph>No customer is saved yet. Type a name above and the wizard saves the profile as you go.</Paragraph>
        ) : (
          <>
            <Text size={200} className={styles.muted} id="saved-customers-keys">
              In the list, the arrow keys move between customers and their actions; Tab moves on.
            </Text>
            <Table
              size="small"
              aria-label="Saved customers"
              aria-describedby="saved-customers-keys"
              ref={setRowsContainer}
              onKeyDown={onRowsKeyDown}
              onFocus={onRowsFocus}
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Customer</TableHeaderCell>
                  <TableHeaderCell>Last changed</TableHeaderCell>
                  <TableHeaderCell>Last test login</TableHeaderCell>
                  <TableHeaderCell>Actions</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {profiles.map((profile) => {
                  const name = displayName(profile);
                  const open = profile.id === profileId;
                  return (
                    <TableRow key={profile.id} data-testid="saved-customer">
                      <TableCell>
                        {name}
                        {open && <Text className={styles.muted}> (open now)</Text>}
                      </TableCell>
                      <TableCell>{new Date(profile.updatedAt).toLocaleString()}</TableCell>
                      <TableCell>{profile.lastTestOutcome ? TEST_WORDS[profile.lastTestOutcome] : 'Not tested yet'}</TableCell>
                      <TableCell>
                        <div className={styles.actions}>
                          {!open && (
                            <Button size="small" appearance="primary" disabled={busy} onClick={() => onOpen(profile.id)} aria-label={`Open ${name}`}>
                              Open
                            </Button>
                          )}
                          <Button size="small" disabled={busy} onClick={() => duplicate(profile)} aria-label={`Duplicate ${name}`}>
                            Duplicate
                          </Button>
                          <Button size="small" disabled={busy} onClick={() => exportOne(profile)} aria-label={`Export ${name} to a file`}>
                            Export
                          </Button>
                          <Button size="small" disabled={busy} onClick={() => setConfirmDelete(profile)} aria-label={`Delete ${name}`}>
                            Delete
                          </Button>
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </>
        )}
        <div className={styles.importRow}>
          <label htmlFor="profile-import-file">Import a customer from a file</label>
          <Text size={200} className={styles.muted} id="profile-import-hint">
            A file exported from this wizard, on this computer or another. It becomes a new saved customer; nothing is replaced.
          </Text>
          <input
            id="profile-import-file"
            className={styles.file}
            type="file"
            accept=".json,.flex-sso-profile,application/json"
            aria-describedby="profile-import-hint"
            disabled={busy}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) importFile(file);
            }}
          />
        </div>
      </Section>
      <ConfirmDialog
        open={confirmDelete !== null}
        title={`Delete ${confirmDelete ? displayName(confirmDelete) : 'this customer'}?`}
        confirmLabel="Delete customer and its secrets"
        cancelLabel="Keep it"
        onConfirm={() => confirmDelete && remove(confirmDelete)}
        onCancel={() => setConfirmDelete(null)}
      >
        Everything saved for this customer is deleted from this computer, and so are its secrets stored in the keychain (such as the Twilio Auth Token or API
        key secret). This cannot be undone. Export the customer first if you may need it again.
      </ConfirmDialog>
    </>
  );
}
