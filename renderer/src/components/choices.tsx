import { Checkbox, RadioGroup, makeStyles, mergeClasses, tokens, type CheckboxProps, type RadioGroupProps } from '@fluentui/react-components';

// Fluent greys the label of an unselected option or unticked box, which reads as "disabled": here
// every enabled option reads alike; only a disabled one is grey.
const useStyles = makeStyles({
  group: {
    '& .fui-Radio__input:enabled:not(:checked) ~ .fui-Radio__label': { color: tokens.colorNeutralForeground1 },
    '& .fui-Radio__input:enabled:not(:checked):hover ~ .fui-Radio__label': { color: tokens.colorNeutralForeground1 },
  },
  checkbox: { color: tokens.colorNeutralForeground1, ':hover': { color: tokens.colorNeutralForeground1 } },
});

/** A radio group whose unselected options do not look disabled. */
export function ChoiceGroup({ className, ...props }: RadioGroupProps) {
  const styles = useStyles();
  return <RadioGroup {...props} className={mergeClasses(styles.group, className)} />;
}

/** A checkbox whose label does not look disabled while unticked. */
export function PlainCheckbox({ className, ...props }: CheckboxProps) {
  const styles = useStyles();
  return <Checkbox {...props} className={mergeClasses(!props.disabled && styles.checkbox, className)} />;
}
