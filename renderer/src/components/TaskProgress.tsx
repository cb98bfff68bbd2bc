import { Button, Field, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import type { TaskHandle } from './use-task';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  bar: { flex: 1 },
});

/** The progress of long work, in words and as a bar, with a way to stop it. */
export function TaskProgress({ task, label }: { task: TaskHandle; label: string }) {
  const styles = useStyles();
  if (!task.running) return null;
  const progress = task.status?.progress;
  return (
    <div className={styles.row}>
      <Field className={styles.bar} label={label} validationMessage={task.status?.message ?? 'Starting…'} validationState="none">
        <ProgressBar value={progress ?? undefined} max={1} aria-label={label} />
      </Field>
      <Button icon={<DismissRegular />} onClick={task.cancel}>
        Cancel
      </Button>
    </div>
  );
}
