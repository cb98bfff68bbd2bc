import {
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ChecklistSection, ChecklistStep } from '../../../shared/checklist/types';
import { ArtifactView } from '../components/ArtifactView';
import { CopyValue } from '../components/CopyValue';
import { Paragraph, Section } from './layout';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  values: { display: 'flex', flexDirection: 'column' },
  tableWrap: { overflowX: 'auto' },
  steps: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  step: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':first-child': { borderTop: 'none', paddingTop: 0 },
    ':last-child': { paddingBottom: 0 },
  },
  stepTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
});

/** A value that is an instruction in brackets ("(leave empty)") is shown, not offered for copying. */
function isInstruction(value: string): boolean {
  return /^\(.*\)$/.test(value.trim());
}

function StepBody({ step, caption }: { step: ChecklistStep; caption: string }) {
  const styles = useStyles();
  return (
    <>
      {step.body.map((line, index) => (
        <Paragraph key={index}>{line}</Paragraph>
      ))}
      {step.values.length > 0 && (
        <div className={styles.values}>
          {step.values.map((item) => (
            <CopyValue key={item.label} label={item.label} value={item.value} copyable={!isInstruction(item.value)} />
          ))}
        </div>
      )}
      {step.tables.map((table, index) => (
        <div key={index} className={styles.tableWrap}>
          <Table size="small" aria-label={`${caption}: table ${index + 1}`}>
            <TableHeader>
              <TableRow>
                {table.columns.map((column) => (
                  <TableHeaderCell key={column}>{column}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {table.rows.map((row, rowIndex) => (
                <TableRow key={rowIndex}>
                  {row.map((cell, cellIndex) => (
                    <TableCell key={cellIndex} className={cellIndex === 0 ? styles.mono : undefined}>
                      {cell}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ))}
      {step.artifacts.map((artifact) => (
        <ArtifactView key={artifact.kind} artifact={artifact} />
      ))}
      {step.warnings.map((warning, index) => (
        <MessageBar key={index} intent="warning" layout="multiline">
          <MessageBarBody>{warning}</MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}

/** A section whose steps are done in order (in the IdP's console): one card, its steps numbered inside it. */
export function NumberedStepsView({ section }: { section: ChecklistSection }) {
  const styles = useStyles();
  return (
    <Section title={section.title} testId={`section-${section.id}`}>
      <ol className={styles.steps}>
        {section.steps.map((step, index) => (
          <li key={`${section.id}-${index}`} className={styles.step} data-testid="numbered-step">
            <h3 className={styles.stepTitle}>
              {index + 1}. {step.title}
            </h3>
            <StepBody step={step} caption={step.title} />
          </li>
        ))}
      </ol>
    </Section>
  );
}

/** One checklist section: each step a card with its words, values, tables, artifacts and warnings. */
export function ChecklistSectionView({ section, numbered = false, level = 2 }: { section: ChecklistSection; numbered?: boolean; level?: 2 | 3 | 4 }) {
  if (section.steps.length === 1) {
    const only = section.steps[0]!;
    return (
      <Section title={section.title} testId={`section-${section.id}`} level={level}>
        {only.title !== section.title && <Paragraph>{only.title}</Paragraph>}
        <StepBody step={only} caption={section.title} />
      </Section>
    );
  }
  return (
    <>
      {section.steps.map((step, index) => (
        <Section key={`${section.id}-${index}`} title={numbered ? `${index + 1}. ${step.title}` : step.title} testId={`section-${section.id}`} level={level}>
          <StepBody step={step} caption={step.title} />
        </Section>
      ))}
    </>
  );
}
