import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  lead: { margin: 0, color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase300 },
  paragraph: { margin: 0, lineHeight: tokens.lineHeightBase300 },
});

export function Section({ title, children, level = 2, testId }: { title: string; children: ReactNode; level?: 2 | 3 | 4; testId?: string }) {
  const styles = useStyles();
  const Heading = level === 2 ? 'h2' : level === 3 ? 'h3' : 'h4';
  return (
    <section className={styles.section} data-testid={testId}>
      <Heading className={styles.heading}>{title}</Heading>
      {children}
    </section>
  );
}

export function Lead({ children }: { children: ReactNode }) {
  return <p className={useStyles().lead}>{children}</p>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <p className={useStyles().paragraph}>{children}</p>;
}
