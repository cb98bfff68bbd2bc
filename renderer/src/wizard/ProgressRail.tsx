import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircleFilled } from '@fluentui/react-icons/svg/checkmark-circle';
import { CircleRegular } from '@fluentui/react-icons/svg/circle';
import { STEPS, type StepId } from './steps';

const useStyles = makeStyles({
  nav: {
    width: '210px',
    flexShrink: 0,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    overflowY: 'auto',
  },
  heading: {
    margin: `0 0 ${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'left',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':disabled': { color: tokens.colorNeutralForegroundDisabled, cursor: 'not-allowed', backgroundColor: 'transparent' },
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  number: { minWidth: '1.4em', color: 'inherit' },
  done: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  todo: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
});

export interface ProgressRailProps {
  current: number;
  /** The furthest step that may be opened. */
  reachable: number;
  /** Each step's tick, by its own rule. */
  done: Readonly<Record<StepId, boolean>>;
  onSelect(step: StepId): void;
}

/** The steps, in order; each opens when every step before it is filled in, and is ticked when done. */
export function ProgressRail({ current, reachable, done, onSelect }: ProgressRailProps) {
  const styles = useStyles();
  return (
    <nav className={styles.nav} aria-labelledby="rail-heading">
      <h2 id="rail-heading" className={styles.heading}>
        Setup steps
      </h2>
      <ol className={styles.list}>
        {STEPS.map((step, index) => {
          const isCurrent = index === current;
          const ticked = done[step.id];
          return (
            <li key={step.id}>
              <button
                type="button"
                className={mergeClasses(styles.item, isCurrent && styles.current)}
                aria-current={isCurrent ? 'step' : undefined}
                disabled={index > reachable}
                onClick={() => onSelect(step.id)}
                data-step={step.id}
                data-done={ticked ? 'true' : 'false'}
              >
                {ticked ? <CheckmarkCircleFilled className={styles.done} aria-hidden /> : <CircleRegular className={styles.todo} aria-hidden />}
                <span>
                  {index + 1}. {step.title}
                  {ticked && <span className="visually-hidden"> (done)</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
