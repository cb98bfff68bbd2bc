import { useContext, useId, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons/svg/arrow-download';
import type { ChecklistArtifact } from '../../../shared/checklist/types';
import { useWizard } from '../wizard/context';
import { ValueCopiedContext } from './copied-context';
import { CopyButton } from './CopyValue';
import { useSaveFile } from './use-save-file';

const useStyles = makeStyles({
  artifact: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  title: { flex: 1, minWidth: '240px' },
  file: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    marginLeft: tokens.spacingHorizontalS,
  },
  content: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    maxHeight: '260px',
    overflowY: 'auto',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  cell: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS },
});

/** Columns whose value is picked from a menu in the IdP's console, not typed: shown, not offered for copying. */
const PICKED_COLUMNS = new Set(['Name format', 'Google Directory attribute']);

/** A tab-separated artifact (attribute statements, mappings) as its header and rows, or null when it is not one. */
function readTable(artifact: ChecklistArtifact): { columns: string[]; rows: string[][] } | null {
  if (!artifact.filename.endsWith('.tsv')) return null;
  const [header, ...lines] = artifact.content.split('\n').filter((line) => line.trim() !== '');
  if (!header) return null;
  const columns = header.split('\t');
  const rows = lines.map((line) => line.split('\t'));
  return rows.every((row) => row.length === columns.length) ? { columns, rows } : null;
}

/** A file the wizard generated for this customer: named as promised, copied whole or row by row, saved as that file. */
export function ArtifactView({ artifact }: { artifact: ChecklistArtifact }) {
  const styles = useStyles();
  const id = useId();
  const { api } = useWizard();
  const copied = useContext(ValueCopiedContext);
  const file = useSaveFile(api, copied ?? undefined);
  const table = readTable(artifact);
  const [shown, setShown] = useState(false);
  return (
    <div className={styles.artifact} data-testid="artifact" data-artifact={artifact.kind}>
      <div className={styles.head}>
        <span className={styles.title}>
          <Text weight="semibold" id={`${id}-title`}>
            {artifact.title}
          </Text>
          <span className={styles.file}>{artifact.filename}</span>
        </span>
        <CopyButton value={artifact.content} name={table ? `all of ${artifact.title}` : artifact.title} label={table ? 'Copy all' : 'Copy'} />
        <Button size="small" icon={<ArrowDownloadRegular />} disabled={file.busy} onClick={() => file.save(artifact.filename, artifact.content)}>
          Save as {artifact.filename}
        </Button>
        {!table && (
          <Button size="small" aria-expanded={shown} aria-controls={`${id}-content`} onClick={() => setShown((value) => !value)}>
            {shown ? 'Hide' : 'Show'}
          </Button>
        )}
      </div>
      {table ? (
        <Table size="small" aria-labelledby={`${id}-title`}>
          <TableHeader>
            <TableRow>
              {table.columns.map((column) => (
                <TableHeaderCell key={column}>{column}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {table.rows.map((row) => (
              <TableRow key={row.join('\t')} data-testid="artifact-row">
                {row.map((cell, index) => {
                  const column = table.columns[index]!;
                  const copyable = !PICKED_COLUMNS.has(column) && cell.trim() !== '';
                  return (
                    <TableCell key={column}>
                      <span className={styles.cell}>
                        <span className={copyable ? styles.mono : undefined}>{cell}</span>
                        {copyable && <CopyButton value={cell} name={`${column} ${index === 0 ? cell : `of ${row[0]}`}`} compact />}
                      </span>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        shown && (
          <pre id={`${id}-content`} className={styles.content} tabIndex={0} aria-labelledby={`${id}-title`}>
            {artifact.content}
          </pre>
        )
      )}
      {file.notice && (
        <MessageBar intent={file.notice.intent} data-testid="artifact-saved">
          <MessageBarBody>{file.notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
