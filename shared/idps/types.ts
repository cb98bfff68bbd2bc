import type { FindingCode } from '../findings';
import type { ModeId } from '../domain/modes';
import type { IdpId } from './ids';

export type { IdpId };

/** Appended to a console label the vocabulary reference marks unverified. */
export const LABEL_HEDGE = '(label may differ in your console)';

/** A console label that sources do not confirm: shown with a hedge, never as fact. */
export function unverified(label: string): string {
  return `${label} ${LABEL_HEDGE}`;
}

/**
 * Text in a playbook's steps, claims, namespace rule and role assignment may hold placeholders the
 * checklist fills in (see TEMPLATE_VARS in shared/checklist/vars.ts): {{acsUrl}} {{entityId}}
 * {{product}} {{roles}} {{appName}} {{claimNames}} … Troubleshooting texts are plain (the login
 * test's analysis shows them as they are).
 */
export type Template = string;

export interface PlaybookValue {
  /** The IdP's own label for the field. */
  label: string;
  value: Template;
}

export interface PlaybookStep {
  title: Template;
  /** Only for these modes; all modes when absent. */
  modes?: readonly ModeId[];
  /** Instructions, one sentence or short paragraph each. */
  body: readonly Template[];
  /** Field → value pairs the admin copies, in the IdP's words. */
  values?: readonly PlaybookValue[];
  /** Artifacts generated for this step (see shared/checklist/artifacts.ts). */
  artifacts?: readonly ArtifactKind[];
  warnings?: readonly Template[];
  /**
   * The step adds the claims one by one: the playbook's claims (for the mode, the NameID aside) are
   * shown as a table in this step, under the IdP's own names for its fields.
   */
  claimsTable?: ClaimsTableColumns;
}

export interface ClaimsTableColumns {
  /** The IdP's name for the attribute's name field, e.g. "Name". */
  name: string;
  /** The IdP's name for where the value comes from, e.g. "Source attribute". */
  source: string;
  /** A field set the same way for every claim, e.g. Namespace: (leave empty). */
  same?: { column: string; value: string };
}

export interface ClaimSource {
  /** The SAML attribute name Flex reads (bare). */
  attribute: string;
  /** The IdP's expression or field that fills it. */
  source: string;
  required: boolean;
  note?: string;
  modes?: readonly ModeId[];
}

export const ARTIFACT_KINDS = [
  'sp-metadata',
  'azure-app-roles',
  'okta-attribute-statements',
  'auth0-addon-settings',
  'auth0-post-login-action',
  'google-attribute-mapping',
  'twilio-console-fields',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** One signing setting an IdP offers, and what it makes the IdP sign. */
export interface SigningChoice {
  /** The setting's name in the IdP's console, e.g. "Sign SAML response and assertion". */
  label: string;
  response: boolean;
  assertion: boolean;
}

/**
 * What the IdP can sign. The recommended choice (shared/saml/signing.ts) is the one signing both
 * where the IdP offers it, else the one signing the Response: it satisfies every mode.
 */
export interface SigningOptions {
  choices: readonly SigningChoice[];
  /** How to set the recommended choice, one sentence in the IdP's words (it names that choice's label). */
  instruction: string;
}

export interface Playbook {
  id: IdpId;
  label: string;
  /** The IdP's own names for the values exchanged with Twilio. */
  fieldNames: {
    acsUrl: string;
    entityId: string;
    certificate: string;
    issuer: string;
    ssoUrl: string;
    metadata?: string;
  };
  /** How the IdP takes Twilio's SP metadata XML, when it can. */
  spMetadataImport?: string;
  /** Whether IdP-initiated login into Flex (the Default Redirect URL) works with this IdP. */
  idpInitiated: { supported: boolean; how: string };
  steps: readonly PlaybookStep[];
  claims: readonly ClaimSource[];
  /** The IdP's own wording of "send bare names", when it adds namespaces by default. */
  namespaceRule?: string;
  /** Signing settings as set by the steps (the recommended signing choice, SHA-256, no encryption), in the IdP's words. */
  signing: readonly string[];
  /** Every signing choice the IdP offers; findings about signing and their fixes are built from it. */
  signingOptions: SigningOptions;
  /** How roles are modelled and assigned in this IdP. */
  roleAssignment: readonly Template[];
  /** Frontline's own role assignment, where the Flex wording does not fit (Frontline has one role). */
  frontlineRoleAssignment?: readonly Template[];
  /** Where the admin finds the certificate, issuer and SSO URL Twilio needs. */
  whereToFindValues: readonly string[];
  /** The fix for a finding, in this IdP's words (signing findings excepted: see signingOptions). */
  troubleshooting: Partial<Record<FindingCode, string>>;
  /** Frontline's wording of a fix where the Flex one names Flex-only claims (full_name) or roles. */
  frontlineTroubleshooting?: Partial<Record<FindingCode, string>>;
  /** Example patterns of this IdP's issuer and SSO URL, to recognise them. */
  patterns?: { issuer?: string; ssoUrl?: string; metadataUrl?: string };
}
