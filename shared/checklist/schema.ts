import { z } from 'zod';
import { MODE_IDS } from '../domain/modes';
import { MIGRATION_PATHS } from '../domain/migration';
import { SEVERITIES } from '../findings';
import { ARTIFACT_KINDS } from '../idps/types';
import { CHECKLIST_SCHEMA } from './types';

/**
 * The documented schema of the checklist JSON (`flex-sso checklist --format json`). Kept apart from
 * the renderers so that the CLI's text formats do not load zod.
 */
const Value = z.object({ label: z.string(), value: z.string() }).strict();
const Artifact = z
  .object({
    kind: z.enum(ARTIFACT_KINDS),
    title: z.string(),
    language: z.enum(['xml', 'json', 'javascript', 'text']),
    filename: z.string(),
    content: z.string(),
  })
  .strict();
const Table = z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).strict();
const Step = z
  .object({
    title: z.string(),
    body: z.array(z.string()),
    values: z.array(Value),
    artifacts: z.array(Artifact),
    tables: z.array(Table),
    warnings: z.array(z.string()),
  })
  .strict();

export const ChecklistSchema = z
  .object({
    schema: z.literal(CHECKLIST_SCHEMA),
    title: z.string(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    mode: z.object({ id: z.enum(MODE_IDS), label: z.string(), retired: z.boolean() }).strict(),
    idp: z.object({ id: z.string(), label: z.string() }).strict(),
    values: z.object({ acsUrl: z.url(), entityId: z.string(), spMetadataXml: z.string() }).strict(),
    migration: z
      .object({
        deadline: z.string(),
        retired: z.boolean(),
        path: z.enum(MIGRATION_PATHS).nullable(),
        legacy: z.object({ acsUrl: z.url(), entityId: z.string() }).strict(),
        enhanced: z.object({ acsUrl: z.url(), entityId: z.string() }).strict().nullable(),
      })
      .strict()
      .optional(),
    fieldNames: z.object({ acsUrl: z.string(), entityId: z.string(), certificate: z.string(), issuer: z.string(), ssoUrl: z.string() }).strict(),
    status: z.array(Value).optional(),
    warnings: z.array(z.object({ severity: z.enum(SEVERITIES), message: z.string() }).strict()),
    sections: z.array(z.object({ id: z.string(), title: z.string(), steps: z.array(Step) }).strict()),
  })
  .strict();
