import { z } from 'zod';
import { ProfileSchema, type Profile } from '../../../shared/api';
import { MODE_IDS } from '../../../shared/domain/modes';
import { newConnectionId } from '../../../shared/domain/connection-ids';

/**
 * The profile file format on disk: a versioned envelope around the profile. Version 2 holds a list
 * of IdP connections; version 1 (the first release) held a single IdP and its values at the top
 * level. Older versions are migrated when read; a newer version is refused, never overwritten.
 *
 * Fields added to version 2 later (the profile's `migration` choice, each connection's
 * `loginStart`) have defaults, so files written before them still read as version 2; no new
 * version was needed for an addition that older files can simply lack.
 */
export const PROFILE_FILE_FORMAT = 'flex-sso-wizard/profile';
export const PROFILE_EXPORT_FORMAT = 'flex-sso-wizard/profile-export';
const CURRENT_SCHEMA_VERSION = 2;

export interface ProfileFileV2 {
  format: typeof PROFILE_FILE_FORMAT;
  schemaVersion: 2;
  savedAt: string;
  profile: Profile;
}

const Envelope = z.looseObject({
  format: z.string(),
  schemaVersion: z.number().int().positive(),
  profile: z.unknown(),
});

const V1IdpValues = z.object({
  issuer: z.string().default(''),
  ssoUrl: z.string().default(''),
  certificatePem: z.string().default(''),
});

/** Version 1: one IdP per profile. Kept only to migrate files written by that version. */
const ProfileV1Schema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().default(1),
  mode: z.enum(MODE_IDS).nullable().default(null),
  ids: z
    .object({ connectionId: z.string().default(''), accountSid: z.string().default(''), realmSid: z.string().default('') })
    .default({ connectionId: '', accountSid: '', realmSid: '' }),
  idp: z.string().nullable().default(null),
  idpValues: V1IdpValues.default({ issuer: '', ssoUrl: '', certificatePem: '' }),
  trustedDomains: z.array(z.string()).default([]),
  notes: z.string().default(''),
  lastTestResult: z
    .object({
      at: z.string(),
      outcome: z.enum(['passed', 'failed', 'cancelled', 'timed-out', 'error']),
      summary: z.string().default(''),
      findingCodes: z.array(z.string()).default([]),
    })
    .nullable()
    .default(null),
});
export type ProfileV1 = z.output<typeof ProfileV1Schema>;

/**
 * v1 → v2: the single IdP becomes the first (and active) connection of a list. A version-1 value
 * the current format no longer accepts (a name too long, a date that is not a date) is reported
 * under its version-1 field name, as a ProfileFormatError.
 */
function migrateV1ToV2(v1: ProfileV1, connectionId: string = newConnectionId()): Profile {
  const lastTest = v1.lastTestResult
    ? {
        at: v1.lastTestResult.at,
        connectionId,
        outcome: v1.lastTestResult.outcome,
        summary: v1.lastTestResult.summary,
        errorCount: 0,
        warningCount: 0,
        findingCodes: v1.lastTestResult.findingCodes,
      }
    : null;
  const migrated = ProfileSchema.safeParse({
    id: v1.id,
    name: v1.name,
    createdAt: v1.createdAt,
    updatedAt: v1.updatedAt,
    revision: v1.revision,
    mode: v1.mode,
    ids: { ...v1.ids, flexInstanceSid: '' },
    twilio: {},
    connections: [
      {
        id: connectionId,
        label: '',
        idp: v1.idp,
        idpValues: { ...v1.idpValues, idpInitiatedUrl: '', metadataUrl: '' },
        notes: '',
        lastTest,
        loginStart: 'sp',
      },
    ],
    activeConnectionId: connectionId,
    trustedDomains: v1.trustedDomains,
    notes: v1.notes,
    wizardStep: null,
    lastTestResult: lastTest,
    migration: null,
  });
  if (!migrated.success) throw new ProfileFormatError(describeIssue(migrated.error, v1FieldPath), 'damaged');
  return migrated.data;
}

/** Where a field of the migrated profile came from in a version-1 file. */
function v1FieldPath(path: readonly PropertyKey[]): PropertyKey[] {
  if (path[0] === 'connections' && path[1] === 0) return path.slice(2);
  if (path[0] === 'lastTestResult' || path[0] === 'activeConnectionId') return ['lastTestResult', ...path.slice(1)];
  return [...path];
}

/**
 * Gives a new id to every connection that reuses the id of one before it (a hand-edited or merged
 * file), so that later saves are not refused. Test results that named a renamed id keep pointing
 * at the first connection with that id, which is the one they were recorded for when the file was
 * whole; the active connection is kept if it exists, else the first.
 */
export function withUniqueConnectionIds(profile: Profile, newId: () => string = newConnectionId): { profile: Profile; renamed: number } {
  const seen = new Set<string>();
  let renamed = 0;
  const connections = profile.connections.map((connection) => {
    if (!seen.has(connection.id)) {
      seen.add(connection.id);
      return connection;
    }
    let id = newId();
    while (seen.has(id)) id = newId();
    seen.add(id);
    renamed += 1;
    return { ...connection, id, lastTest: connection.lastTest ? { ...connection.lastTest, connectionId: id } : null };
  });
  const activeConnectionId =
    profile.activeConnectionId !== null && seen.has(profile.activeConnectionId) ? profile.activeConnectionId : (connections[0]?.id ?? null);
  return { profile: { ...profile, connections, activeConnectionId }, renamed };
}

export class ProfileFormatError extends Error {
  override readonly name = 'ProfileFormatError';
  constructor(
    message: string,
    /** 'damaged': unreadable or not a profile; 'newer': written by a newer version of the app. */
    readonly reason: 'damaged' | 'newer',
  ) {
    super(message);
  }
}

export interface DecodedProfile {
  profile: Profile;
  /** The schema version the text was written with (less than current: it was migrated). */
  fromVersion: number;
}

function describeIssue(error: z.ZodError, fieldPath: (path: readonly PropertyKey[]) => PropertyKey[] = (path) => [...path]): string {
  const issue = error.issues[0];
  if (!issue) return 'its content is not a profile';
  const path = fieldPath(issue.path);
  return path.length ? `the field "${path.map(String).join('.')}" is missing or not valid` : issue.message;
}

const OPEN_THE_CUSTOMER = 'open the customer (or create it), then';

/**
 * Files people pick by mistake where a customer file is asked for, said for what they are and where
 * they go; null for anything else (the usual "cannot be imported" message then applies).
 */
export function otherKindOfFile(text: string): string | null {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 8192);
  if (head.startsWith('<')) {
    if (/<([\w-]+:)?Entit(y|ies)Descriptor[\s>]/.test(head))
      return `This is the identity provider's SAML metadata, not a customer file: ${OPEN_THE_CUSTOMER} import it at the step Bring back its values.`;
    if (/<([\w-]+:)?Response[\s>]/.test(head) && head.includes('urn:oasis:names:tc:SAML:2.0:protocol'))
      return `This is a SAML response, not a customer file: ${OPEN_THE_CUSTOMER} check it at the step Test login.`;
    return 'This is an XML document, not a customer file: a customer file is the JSON file that Export saves in this list.';
  }
  if (!head.startsWith('{')) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  const log = record.log as Record<string, unknown> | undefined;
  if (typeof log === 'object' && log !== null && Array.isArray(log.entries))
    return `This is a browser capture (a HAR file), not a customer file: ${OPEN_THE_CUSTOMER} open it at the step Test login, under "Analyse a capture someone sent you".`;
  if (Array.isArray(record.requests) && 'timestamp' in record)
    return `This is a SAML-tracer export, not a customer file: ${OPEN_THE_CUSTOMER} open it at the step Test login, under "Analyse a capture someone sent you".`;
  return null;
}

/** Reads a profile file's (or an exported profile's) text, migrating older versions. */
export function decodeProfileText(text: string, allowedFormats: readonly string[] = [PROFILE_FILE_FORMAT]): DecodedProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileFormatError(text.trim() === '' ? 'the file is empty' : 'the file is not valid JSON (it may have been cut short)', 'damaged');
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success || !allowedFormats.includes(envelope.data.format)) {
    throw new ProfileFormatError('the file is not a Flex SSO Wizard profile', 'damaged');
  }
  const { schemaVersion, profile } = envelope.data;
  if (schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new ProfileFormatError(`the file was written by a newer version of the app (profile format ${schemaVersion}); update the app to open it`, 'newer');
  }
  if (schemaVersion === 1) {
    const v1 = ProfileV1Schema.safeParse(profile);
    if (!v1.success) throw new ProfileFormatError(describeIssue(v1.error), 'damaged');
    return { profile: migrateV1ToV2(v1.data), fromVersion: 1 };
  }
  const v2 = ProfileSchema.safeParse(profile);
  if (!v2.success) throw new ProfileFormatError(describeIssue(v2.error), 'damaged');
  return { profile: v2.data, fromVersion: 2 };
}

export function encodeProfileFile(profile: Profile, now: Date): string {
  const file: ProfileFileV2 = { format: PROFILE_FILE_FORMAT, schemaVersion: 2, savedAt: now.toISOString(), profile };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** An exported profile: the profile as it is, which holds no secret (secrets live in the keychain). */
export function encodeProfileExport(profile: Profile, now: Date): string {
  return `${JSON.stringify({ format: PROFILE_EXPORT_FORMAT, schemaVersion: CURRENT_SCHEMA_VERSION, exportedAt: now.toISOString(), profile }, null, 2)}\n`;
}
