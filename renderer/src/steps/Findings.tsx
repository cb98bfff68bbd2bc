import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { FindingDto } from '../../../shared/api';
import { SEVERITY_WORDS } from '../wizard/words';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  fix: { display: 'block', marginTop: tokens.spacingVerticalXS },
});

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Each finding with what to do about it, errors first. */
export function Findings({ findings, title }: { findings: ReadonlyArray<Pick<FindingDto, 'code' | 'severity' | 'message' | 'fix'>>; title: string }) {
  const styles = useStyles();
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <div>
      <h3 className={styles.heading}>{title}</h3>
      <ul className={styles.list} aria-label={title}>
        {sorted.map((finding, index) => (
          <li key={`${finding.code}-${index}`} data-testid="finding" data-code={finding.code}>
            <MessageBar intent={finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info'} layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{SEVERITY_WORDS[finding.severity]}:</MessageBarTitle>
                {finding.message}
                {finding.fix && (
                  <Text className={styles.fix}>
                    <strong>How to fix it:</strong> {finding.fix}
                  </Text>
                )}
              </MessageBarBody>
            </MessageBar>
          </li>
        ))}
      </ul>
    </div>
  );
}
