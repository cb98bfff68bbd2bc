import { useContext, useEffect, useId, useState } from 'react';
import { Badge, Button, Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons/svg/checkmark';
import { CopyRegular } from '@fluentui/react-icons/svg/copy';
import { splitHedge } from '../wizard/knowledge';
import { ValueCopiedContext } from './copied-context';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, 30%) 1fr auto',
    alignItems: 'start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  label: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  value: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    maxHeight: '220px',
    overflowY: 'auto',
  },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: '96px' },
  copied: { color: tokens.colorPaletteGreenForeground1 },
});

/** Puts text on the clipboard; falls back to a hidden text area where the async API is refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }
}

export function HedgedLabel({ label }: { label: string }) {
  const { text, hedged } = splitHedge(label);
  return (
    <>
      <Text weight="semibold" data-testid="copy-label">
        {text}
      </Text>
      {hedged && (
        <Tooltip content="Sources do not confirm this label; your console may word it differently." relationship="description">
          <Badge appearance="tint" color="warning" size="small" tabIndex={0}>
            label unverified
          </Badge>
        </Tooltip>
      )}
    </>
  );
}

/** A Copy button with its own confirmation ("Copied"), for one value; tells the step the value was copied. */
export function CopyButton({ value, name, label = 'Copy', compact = false }: { value: string; name: string; label?: string; compact?: boolean }) {
  const styles = useStyles();
  const copied = useContext(ValueCopiedContext);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [state]);
  return (
    <span className={styles.actions}>
      <Button
        size="small"
        icon={state === 'copied' ? <CheckmarkRegular /> : <CopyRegular />}
        aria-label={`Copy ${name}`}
        title={compact ? `Copy ${name}` : undefined}
        onClick={() => {
          void copyText(value).then((ok) => {
            setState(ok ? 'copied' : 'failed');
            if (ok) copied?.();
          });
        }}
      >
        {compact ? null : label}
      </Button>
      <span role="status" className={compact ? 'visually-hidden' : styles.copied}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select the text and press Ctrl+C' : ''}
      </span>
    </span>
  );
}

export interface CopyValueProps {
  label: string;
  value: string;
  /** Extra words under the label (where to paste, a hint). */
  hint?: string;
  /** A value that is an instruction, not text to paste (e.g. "(leave empty)"): no copy button. */
  copyable?: boolean;
}

/** One value the admin pastes somewhere, in that place's own field name, with a copy button. */
export function CopyValue({ label, value, hint, copyable = true }: CopyValueProps) {
  const styles = useStyles();
  const id = useId();
  const { text } = splitHedge(label);
  return (
    <div className={styles.row} data-testid="copy-value">
      <div className={styles.label} id={`${id}-label`}>
        <HedgedLabel label={label} />
        {hint && <Text size={200}>{hint}</Text>}
      </div>
      <pre className={styles.value} aria-labelledby={`${id}-label`} tabIndex={0}>
        {value}
      </pre>
      <div>{copyable && <CopyButton value={value} name={text} />}</div>
    </div>
  );
}
