import type { ArtifactKind, IdpId } from '../idps/types';
import type { Severity } from '../findings';
import type { MigrationPath } from '../domain/migration';
import type { ModeId } from '../domain/modes';

/** Version tag of the JSON document (`checklist --format json`); bump on breaking changes. */
export const CHECKLIST_SCHEMA = 'flex-sso-checklist/1';

export interface ChecklistValue {
  /** The field's label, in the IdP's (or Twilio's) words. */
  label: string;
  value: string;
}

export interface ChecklistArtifact {
  kind: ArtifactKind;
  title: string;
  /** How to read `content`: xml, json and javascript artifacts parse as such. */
  language: 'xml' | 'json' | 'javascript' | 'text';
  /** Suggested file name when saved. */
  filename: string;
  content: string;
}

export interface ChecklistTable {
  columns: string[];
  rows: string[][];
}

export interface ChecklistStep {
  title: string;
  body: string[];
  values: ChecklistValue[];
  artifacts: ChecklistArtifact[];
  tables: ChecklistTable[];
  warnings: string[];
}

export interface ChecklistSection {
  /**
   * Stable id: before-you-start, migration, sp-values, idp-setup, claims, roles, signing, sessions,
   * twilio-console, idp-initiated, several-idps, custom-domain, test-and-troubleshoot.
   */
  id: string;
  title: string;
  steps: ChecklistStep[];
}

export interface ChecklistWarning {
  severity: Severity;
  message: string;
}

/** Legacy Flex SSO only: where it stands on the checklist's date, and the values side by side. */
export interface ChecklistMigration {
  /** The last announced deadline (ISO date). */
  deadline: string;
  /** True once the deadline has passed on the checklist's date. */
  retired: boolean;
  /** The chosen path, when known (the wizard asks; the CLI shows both). */
  path: MigrationPath | null;
  legacy: { acsUrl: string; entityId: string };
  /** The enhanced values, once the SSO connection id (JQ…) is known. */
  enhanced: { acsUrl: string; entityId: string } | null;
}

/** The whole checklist: what every renderer (md, html, json, pdf) shows. */
export interface Checklist {
  schema: typeof CHECKLIST_SCHEMA;
  title: string;
  /** The day the checklist was made for (ISO date): dates it states are compared with this one. */
  date: string;
  mode: { id: ModeId; label: string; retired: boolean };
  idp: { id: IdpId; label: string };
  /** The values the IdP gets: for a legacy account moving to enhanced SSO, the enhanced ones once known. */
  values: { acsUrl: string; entityId: string; spMetadataXml: string };
  migration?: ChecklistMigration;
  /** The IdP's own names for the values exchanged. */
  fieldNames: { acsUrl: string; entityId: string; certificate: string; issuer: string; ssoUrl: string };
  /** Where one customer stands (the wizard's export): certificate, last test login, steps left. Shown in the header. */
  status?: ChecklistValue[];
  warnings: ChecklistWarning[];
  sections: ChecklistSection[];
}

export interface ChecklistInput {
  mode: ModeId;
  idp: IdpId;
  connectionId?: string;
  accountSid?: string;
  realmSid?: string;
  /** Enhanced SSO: the ACS URL as Twilio's page shows it, when its host differs from the built-in one. */
  acsUrl?: string;
  /** Frontline: the Workspace ID from the Frontline console (WS…). */
  workspaceId?: string;
  /** Auth0: the Client ID of the Auth0 application, so the Post-Login Action works as pasted. */
  auth0ClientId?: string;
  /** Legacy Flex SSO: the migration path chosen (the checklist then shows that path). */
  migration?: MigrationPath;
  /** Today's date, to compare the dates the checklist states with; defaults to now. */
  now?: Date;
  /** The name of the app created in the IdP. */
  appName?: string;
  /** Insights roles to model (Azure app roles etc.), e.g. ['wfo.full_access']. */
  insightsRoles?: string[];
  /** A self-hosted or vanity Flex domain, e.g. flex.example.com. */
  customDomain?: string;
  /** The IdP's own values, when they were brought back (the wizard's profile): shown to paste as they are. */
  idpValues?: { certificate?: string; issuer?: string; ssoUrl?: string };
  /** Makes GUIDs predictable in tests; defaults to crypto.randomUUID. */
  uuid?: () => string;
}
