/**
 * The wizard's steps, in order: declared once here because profiles store them (where the admin
 * was, which steps they finished). Titles, fields and the rule that says a step is done are the
 * renderer's (renderer/src/wizard/steps.ts).
 */
export const WIZARD_STEP_IDS = ['profile', 'product', 'idp', 'ids', 'configure', 'bring-back', 'console', 'test', 'summary'] as const;
export type WizardStepId = (typeof WIZARD_STEP_IDS)[number];

export function isWizardStepId(value: unknown): value is WizardStepId {
  return typeof value === 'string' && (WIZARD_STEP_IDS as readonly string[]).includes(value);
}
