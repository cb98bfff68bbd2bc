import type { ArtifactKind, IdpId } from '../idps/types';
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
  /** Stable id: before-you-start, sp-values, idp-setup, claims, roles, signing, twilio-console, custom-domain, idp-initiated, migration, test-and-troubleshoot. */
  id: string;
  title: string;
  steps: ChecklistStep[];
}

export interface ChecklistWarning {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** The whole checklist: what every renderer (md, html, json, pdf) shows. */
export interface Checklist {
  schema: typeof CHECKLIST_SCHEMA;
  title: string;
  mode: { id: ModeId; label: string; retired: boolean };
  idp: { id: IdpId; label: string };
  values: { acsUrl: string; entityId: string; spMetadataXml: string };
  /** The IdP's own names for the values exchanged. */
  fieldNames: { acsUrl: string; entityId: string; certificate: string; issuer: string; ssoUrl: string };
  warnings: ChecklistWarning[];
  sections: ChecklistSection[];
}

export interface ChecklistInput {
  mode: ModeId;
  idp: IdpId;
  connectionId?: string;
  accountSid?: string;
  realmSid?: string;
  /** The name of the app created in the IdP. */
  appName?: string;
  /** Insights roles to model (Azure app roles etc.), e.g. ['wfo.full_access']. */
  insightsRoles?: string[];
  /** A self-hosted or vanity Flex domain, e.g. flex.example.com. */
  customDomain?: string;
  /** Makes GUIDs predictable in tests; defaults to crypto.randomUUID. */
  uuid?: () => string;
}
