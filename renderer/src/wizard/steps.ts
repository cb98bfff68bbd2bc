import { WIZARD_STEP_IDS, type WizardStepId } from '../../../shared/wizard-steps';
import type { Draft, FieldErrors } from './draft';

export type StepId = WizardStepId;

interface StepText {
  /** Short name in the progress rail and on the Next button. */
  title: string;
  /** The step's heading (h1). */
  heading: string;
  /** The fields this step owns: the next steps open when none of them has an error. */
  fields: readonly (keyof Draft)[];
}

const STEP_TEXT: Record<StepId, StepText> = {
  profile: { title: 'Customer', heading: 'Which customer are you setting up?', fields: ['profileName'] },
  product: { title: 'Product', heading: 'Which Twilio product, and which kind of SSO?', fields: ['mode', 'migration'] },
  idp: { title: 'Identity provider', heading: 'Where do the users sign in?', fields: ['idp'] },
  ids: { title: 'Twilio ids', heading: 'The ids from Twilio', fields: ['connectionId', 'accountSid', 'realmSid', 'frontlineWorkspaceId'] },
  configure: { title: 'Set up the identity provider', heading: 'Set up the app in your identity provider', fields: ['auth0ClientId'] },
  'bring-back': {
    title: 'Bring back its values',
    heading: 'Bring back the identity provider\u2019s values',
    fields: ['certificate', 'issuer', 'ssoUrl', 'metadataUrl'],
  },
  console: {
    title: 'Twilio Console',
    heading: 'Fill in the Twilio Console',
    fields: ['defaultRedirectUrl', 'trustedDomains', 'twilioAccountSid', 'apiKeySid'],
  },
  test: { title: 'Test login', heading: 'Test a login', fields: ['idpInitUrl'] },
  summary: { title: 'Summary and export', heading: 'Summary and export', fields: [] },
};

export interface StepDefinition extends StepText {
  id: StepId;
}

export const STEPS: readonly StepDefinition[] = WIZARD_STEP_IDS.map((id) => ({ id, ...STEP_TEXT[id] }));

export function stepIndex(id: StepId): number {
  return WIZARD_STEP_IDS.indexOf(id);
}

export function stepAt(index: number): StepDefinition {
  return STEPS[Math.min(Math.max(index, 0), STEPS.length - 1)]!;
}

/** The step's own fields are filled in without an error (what opens the next step). */
export function fieldsValid(step: StepDefinition, errors: FieldErrors): boolean {
  return step.fields.every((field) => errors[field] === undefined);
}

/** The index of the furthest step the admin may open: every step before it has valid fields. */
export function reachableUntil(errors: FieldErrors): number {
  for (const [index, step] of STEPS.entries()) {
    if (!fieldsValid(step, errors)) return index;
  }
  return STEPS.length - 1;
}

/** The step that owns a field. */
export function stepOfField(field: keyof Draft): StepId | null {
  return STEPS.find((step) => step.fields.includes(field))?.id ?? null;
}
