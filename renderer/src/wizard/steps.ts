import type { Draft, FieldErrors } from './draft';

export type StepId = 'profile' | 'product' | 'idp' | 'ids' | 'configure' | 'bring-back' | 'console' | 'test' | 'summary';

export interface StepDefinition {
  id: StepId;
  /** Short name in the progress rail. */
  title: string;
  /** The fields this step owns; it is complete when none of them has an error. */
  fields: readonly (keyof Draft)[];
}

export const STEPS: readonly StepDefinition[] = [
  { id: 'profile', title: 'Customer', fields: ['profileName'] },
  { id: 'product', title: 'Product', fields: ['mode', 'migration'] },
  { id: 'idp', title: 'Identity provider', fields: ['idp'] },
  { id: 'ids', title: 'Twilio ids', fields: ['connectionId', 'accountSid', 'realmSid', 'frontlineWorkspaceId'] },
  { id: 'configure', title: 'Configure the IdP', fields: ['auth0ClientId'] },
  { id: 'bring-back', title: 'Bring back its values', fields: ['certificate', 'issuer', 'ssoUrl', 'metadataUrl'] },
  { id: 'console', title: 'Twilio Console', fields: ['defaultRedirectUrl', 'trustedDomains'] },
  { id: 'test', title: 'Test login', fields: ['idpInitUrl'] },
  { id: 'summary', title: 'Summary and export', fields: [] },
];

export function stepComplete(step: StepDefinition, errors: FieldErrors): boolean {
  return step.fields.every((field) => errors[field] === undefined);
}

/** The furthest step the admin may open: every step before it is complete. */
export function reachableUntil(errors: FieldErrors): number {
  for (const [index, step] of STEPS.entries()) {
    if (!stepComplete(step, errors)) return index;
  }
  return STEPS.length - 1;
}
