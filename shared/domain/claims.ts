import type { FindingCode, Severity } from '../findings';
import { MODES, type ModeId } from './modes';
import { claimMeaning, isNamespaced } from './claim-uris';

/** One problem with the claims an IdP sends; `code` is a finding code from shared/findings.ts. */
export interface ClaimProblem {
  code: 'invalid-attribute-type' | 'invalid-role' | 'missing-claim' | 'namespaced-claim' | FindingCode;
  severity: Severity;
  message: string;
  attribute?: string;
}

/** The words Flex shows when a typed attribute's value does not fit its type. */
export const FLEX_INVALID_ATTRIBUTE_FORMAT = '400 Error invalid attribute format';

const ATTRIBUTE_TYPES = ['string', 'int', 'boolean', 'stringarray', 'intarray', 'booleanarray'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const INSIGHTS_ROLES = [
  'wfo.full_access',
  'wfo.team_leader',
  'wfo.data_analyst',
  'wfo.data_auditor',
  'wfo.quality_manager',
  'wfo.quality_process_manager',
  'wfo.dashboard_viewer',
] as const;

/** The claims Flex needs besides the NameID. */
const MANDATORY_CLAIMS = ['roles', 'full_name', 'email'] as const;
/** The claims Frontline reads besides the NameID (its guides name email and roles only). */
const FRONTLINE_MANDATORY_CLAIMS = ['roles', 'email'] as const;

/** The claims a mode needs besides the NameID. */
export function requiredClaims(mode: ModeId): readonly string[] {
  return MODES[mode].product === 'frontline' ? FRONTLINE_MANDATORY_CLAIMS : MANDATORY_CLAIMS;
}

/** Type suffixes people write by mistake, and what they meant. */
const TYPE_TYPOS: Record<string, AttributeType> = {
  integer: 'int',
  number: 'int',
  bool: 'boolean',
  str: 'string',
  text: 'string',
  array: 'stringarray',
  list: 'stringarray',
  strings: 'stringarray',
  string_array: 'stringarray',
  intlist: 'intarray',
  ints: 'intarray',
};

export interface ParsedAttributeName {
  /** The key written on the Worker (type suffix removed). */
  key: string;
  type: AttributeType;
  /** True when the type came from a `.type` suffix rather than a default. */
  explicit: boolean;
  /** channel.<taskchannel>.availability|capacity */
  channel?: { name: string; setting: 'availability' | 'capacity' };
}

const CHANNEL_SETTING = /^channel\.([^.]+)\.(availability|capacity)$/;

/** Splits `name.[type]`; untyped names are strings except `roles` (stringarray) and channel settings. */
export function parseAttributeName(name: string): ParsedAttributeName {
  const channel = CHANNEL_SETTING.exec(name);
  if (channel) {
    const setting = channel[2] as 'availability' | 'capacity';
    return { key: name, type: setting === 'availability' ? 'boolean' : 'int', explicit: false, channel: { name: channel[1]!, setting } };
  }
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const suffix = name.slice(dot + 1);
    if ((ATTRIBUTE_TYPES as readonly string[]).includes(suffix)) {
      return { key: name.slice(0, dot), type: suffix as AttributeType, explicit: true };
    }
  }
  return { key: name, type: name === 'roles' ? 'stringarray' : 'string', explicit: false };
}

const TYPE_DESCRIPTIONS: Record<AttributeType, string> = {
  string: 'text',
  int: 'a whole number such as 3 or -1',
  boolean: 'true or false',
  stringarray: 'a comma-separated list of text',
  intarray: 'a comma-separated list of whole numbers',
  booleanarray: 'a comma-separated list of true/false',
};

const INT = /^-?\d+$/;
const BOOLEAN = /^(true|false)$/;

function elementFits(type: 'int' | 'boolean', value: string): boolean {
  return type === 'int' ? INT.test(value) : BOOLEAN.test(value);
}

/** Splits values of an array type: several AttributeValues, each possibly comma-separated. */
function splitList(values: string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Checks a typed attribute's name (`name.[type]`) and that every value fits the type. */
export function checkTypedAttribute(name: string, values: string[]): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const dot = name.lastIndexOf('.');
  if (dot > 0 && !CHANNEL_SETTING.test(name)) {
    const suffix = name.slice(dot + 1);
    const lower = suffix.toLowerCase();
    if (suffix !== lower && (ATTRIBUTE_TYPES as readonly string[]).includes(lower)) {
      problems.push({
        code: 'invalid-attribute-type',
        severity: 'error',
        attribute: name,
        message: `attribute types are written in lowercase: rename "${name}" to "${name.slice(0, dot + 1)}${lower}" (otherwise Flex treats the whole name as an untyped text attribute)`,
      });
      return problems;
    }
    const meant = TYPE_TYPOS[lower];
    if (meant) {
      problems.push({
        code: 'invalid-attribute-type',
        severity: 'warning',
        attribute: name,
        message: `".${suffix}" is not one of Flex's attribute types (${ATTRIBUTE_TYPES.join(', ')}); "${name}" will be stored as text under that full name. Did you mean "${name.slice(0, dot + 1)}${meant}"?`,
      });
      return problems;
    }
  }
  const parsed = parseAttributeName(name);
  if (parsed.type === 'string' || parsed.type === 'stringarray') return problems;
  const element = parsed.type.startsWith('int') ? 'int' : 'boolean';
  const isArray = parsed.type.endsWith('array');
  if (!isArray && values.filter((value) => value.trim() !== '').length > 1) {
    problems.push({
      code: 'invalid-attribute-type',
      severity: 'warning',
      attribute: name,
      message: `"${name}" is a single ${parsed.type} but the IdP sends ${values.length} values; send one value, or use the ${parsed.type}array type`,
    });
  }
  const items = isArray ? splitList(values) : values.map((value) => value.trim()).filter((value) => value !== '');
  const misfits = items.filter((item) => !elementFits(element, item));
  if (misfits.length > 0) {
    problems.push({
      code: 'invalid-attribute-type',
      severity: 'error',
      attribute: name,
      message: `${FLEX_INVALID_ATTRIBUTE_FORMAT}: "${name}" must be ${TYPE_DESCRIPTIONS[parsed.type]}, and ${misfits.map((item) => `"${item}"`).join(', ')} ${misfits.length === 1 ? 'is' : 'are'} not; Flex rejects the whole login's attributes and changes nothing on the Worker until the value is fixed in the IdP`,
    });
  }
  return problems;
}

/** Checks the `roles` claim for a mode; comma-separated values are split. */
export function checkRoles(values: string[], mode: ModeId): ClaimProblem[] {
  const definition = MODES[mode];
  const roles = splitList(values);
  if (roles.length === 0) {
    return [
      {
        code: 'missing-claim',
        severity: 'error',
        attribute: 'roles',
        message: `the roles claim is missing or empty; ${definition.product === 'frontline' ? 'Frontline needs the role agent' : 'Flex needs at least one of admin, supervisor, agent'}, otherwise the user logs in without permissions`,
      },
    ];
  }
  const problems: ClaimProblem[] = [];
  const allowed = definition.roles.join(', ');
  for (const role of roles) {
    if (definition.roles.includes(role)) continue;
    if (role.startsWith('wfo.') && definition.allowsInsightsRoles) {
      if (!(INSIGHTS_ROLES as readonly string[]).includes(role)) {
        problems.push({
          code: 'invalid-role',
          severity: 'warning',
          attribute: 'roles',
          message: `"${role}" is not a known Flex Insights role (${INSIGHTS_ROLES.join(', ')}); check its spelling`,
        });
      }
      continue;
    }
    const lower = role.toLowerCase();
    const hint =
      lower !== role && (definition.roles.includes(lower) || lower.startsWith('wfo.'))
        ? `; roles are lowercase: send "${lower}"`
        : role.startsWith('wfo.')
          ? '; Insights (wfo.*) roles do not exist in Frontline'
          : '';
    problems.push({
      code: 'invalid-role',
      severity: 'error',
      attribute: 'roles',
      message: `"${role}" is not a ${definition.label} role (allowed: ${allowed}${definition.allowsInsightsRoles ? ', and wfo.* Insights roles' : ''})${hint}`,
    });
  }
  if (definition.allowsInsightsRoles) {
    const hasInsights = roles.some((role) => role.startsWith('wfo.'));
    if (hasInsights && !roles.includes('admin') && !roles.includes('supervisor')) {
      problems.push({
        code: 'invalid-role',
        severity: 'warning',
        attribute: 'roles',
        message: 'Flex Insights (wfo.*) roles only take effect together with supervisor or admin; add one of them to this user',
      });
    }
  }
  return problems;
}

/**
 * The bare name for a namespaced claim: the Flex claim it should become (see claim-uris.ts), else
 * the last segment of the URI or URN. Returns null when the name is already bare.
 */
export function bareClaimName(name: string): string | null {
  const meaning = claimMeaning(name);
  if (!meaning) return null;
  if (meaning.becomes) return meaning.becomes;
  const segment =
    name
      .replace(/[/#:]+$/, '')
      .split(/[/#:]/)
      .pop() ?? '';
  return segment === '' ? null : segment;
}

/** The problem a namespaced claim causes (IdP-neutral words; the analysis adds the IdP's own). */
function namespacedClaimProblem(name: string, bareNames: ReadonlySet<string>, mode: ModeId): ClaimProblem {
  const meaning = claimMeaning(name)!;
  const product = MODES[mode].productName;
  const needed = requiredClaims(mode);
  // A claim the mode does not read (full_name in Frontline) is no claim to become.
  const target = meaning.becomes !== null && (product === 'Flex' || needed.includes(meaning.becomes)) ? meaning.becomes : null;
  const missing = target !== null && needed.includes(target) && !bareNames.has(target);
  const base = `"${name}" carries a namespace, so ${product} does not read it; it holds ${meaning.carries}`;
  if (meaning.alwaysSent)
    return { code: 'namespaced-claim', severity: 'info', attribute: name, message: `${base}. ${product} ignores it, so nothing needs to change` };
  if (target && meaning.sameValue) {
    return {
      code: 'namespaced-claim',
      severity: missing ? 'error' : 'warning',
      attribute: name,
      message: `${base}${missing ? `, and ${target} is missing` : ''}; send it with the bare name "${target}"`,
    };
  }
  if (target)
    return {
      code: 'namespaced-claim',
      severity: 'warning',
      attribute: name,
      message: `${base}. ${product} reads ${target} instead, from another source; this claim is not needed`,
    };
  if (product === 'Frontline')
    return {
      code: 'namespaced-claim',
      severity: 'info',
      attribute: name,
      message: `${base}. Frontline reads only email and roles, so this claim is not needed`,
    };
  const segment = bareClaimName(name);
  return {
    code: 'namespaced-claim',
    severity: 'warning',
    attribute: name,
    message: `${base}. If the Worker should have it, send it with a bare name${segment ? ` such as "${segment}"` : ''}`,
  };
}

export interface WorkerPreviewInput {
  nameId: string;
  attributes: Record<string, string[]>;
  mode: ModeId;
}

export interface WorkerPreview {
  /** The TaskRouter Worker attributes Flex would write on this login. */
  attributes: Record<string, unknown>;
  problems: ClaimProblem[];
  /** False when Flex would refuse the attributes (an invalid typed value) and change nothing. */
  written: boolean;
}

/**
 * The default `contact_uri`: `client:` + the identity, with every character but ASCII letters,
 * digits and `_` written as `_` + two uppercase hex digits per UTF-8 byte (bob@example.com ->
 * client:bob_40example_2Ecom).
 */
export function defaultContactUri(identity: string): string {
  let escaped = '';
  for (const char of identity) {
    if (/^[A-Za-z0-9_]$/.test(char)) {
      escaped += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) escaped += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `client:${escaped}`;
}

const CONTACT_URI = /^(client:[A-Za-z0-9_]+|sip:[^@\s]+@[^@\s]+|\+[1-9]\d{6,14})$/;

function castElement(type: 'int' | 'boolean', value: string): number | boolean {
  return type === 'int' ? Number.parseInt(value, 10) : value === 'true';
}

function castValue(type: AttributeType, values: string[]): unknown {
  switch (type) {
    case 'string':
      return values.find((value) => value.trim() !== '') ?? '';
    case 'stringarray':
      return splitList(values);
    case 'int':
    case 'boolean': {
      const value = values.map((item) => item.trim()).find((item) => item !== '');
      return value === undefined ? null : castElement(type, value);
    }
    case 'intarray':
      return splitList(values).map((item) => castElement('int', item));
    case 'booleanarray':
      return splitList(values).map((item) => castElement('boolean', item));
  }
}

/**
 * The Worker attributes Flex would write from one login's claims, and the problems Flex (or the
 * user) would hit. Decisions where Flex's behaviour is not documented:
 * - channel.<name>.availability / .capacity are gathered under `channels`:
 *   `{ channels: { voice: { availability: false, capacity: 3 } } }`, the shape of the per-channel
 *   settings Flex applies to the Worker's channels;
 * - several values for a text attribute: the first non-blank one is kept (a warning says so);
 * - a blank value clears the attribute: text becomes "", single typed values become null.
 */
export function previewWorker(input: WorkerPreviewInput): WorkerPreview {
  const problems: ClaimProblem[] = [];
  const attributes: Record<string, unknown> = {};
  const channels: Record<string, { availability?: boolean | null; capacity?: number | null }> = {};
  const bareNames = new Set(Object.keys(input.attributes).filter((name) => !isNamespaced(name)));
  const frontline = MODES[input.mode].product === 'frontline';

  if (input.nameId.trim() === '') {
    problems.push({
      code: 'missing-claim',
      severity: 'error',
      attribute: 'NameID',
      message: "the response has no NameID (the unique user id); set the IdP to send one, e.g. the user's email",
    });
  }

  for (const [name, values] of Object.entries(input.attributes)) {
    if (isNamespaced(name)) {
      problems.push(namespacedClaimProblem(name, bareNames, input.mode));
      continue;
    }
    if (frontline) {
      // Frontline reads email and roles; typed names, channel settings and contact_uri are Flex's Worker rules.
      if (name === 'roles') problems.push(...checkRoles(values, input.mode));
      attributes[name] = castValue(name === 'roles' ? 'stringarray' : 'string', values);
      continue;
    }
    problems.push(...checkTypedAttribute(name, values));
    const parsed = parseAttributeName(name);
    if (name === 'roles') problems.push(...checkRoles(values, input.mode));
    if (parsed.channel) {
      const fits =
        parsed.type === 'int' ? values.every((v) => v.trim() === '' || INT.test(v.trim())) : values.every((v) => v.trim() === '' || BOOLEAN.test(v.trim()));
      if (!fits) continue;
      const entry = (channels[parsed.channel.name] ??= {});
      const value = castValue(parsed.type, values) as number | boolean | null;
      if (parsed.channel.setting === 'availability') entry.availability = value as boolean | null;
      else entry.capacity = value as number | null;
      continue;
    }
    if (parsed.type === 'string' && values.filter((value) => value.trim() !== '').length > 1) {
      problems.push({
        code: 'invalid-attribute-type',
        severity: 'warning',
        attribute: name,
        message: `"${name}" is a text attribute but arrives with ${values.length} values; only the first is expected to be kept. Send one value, or name it "${name}.stringarray"`,
      });
    }
    attributes[parsed.key] = castValue(parsed.type, values);
  }

  for (const claim of requiredClaims(input.mode)) {
    if (claim === 'roles' && 'roles' in input.attributes) continue;
    if (claim !== 'roles' && typeof attributes[claim] === 'string' && attributes[claim] !== '') continue;
    if (problems.some((problem) => problem.code === 'namespaced-claim' && problem.severity === 'error' && bareClaimName(problem.attribute ?? '') === claim))
      continue;
    if (claim === 'roles') {
      problems.push(...checkRoles([], input.mode));
      continue;
    }
    problems.push({
      code: 'missing-claim',
      severity: 'error',
      attribute: claim,
      message: `the ${claim} claim is missing or empty; ${MODES[input.mode].productName} needs it on every login (add a claim named exactly "${claim}")`,
    });
  }

  if (frontline) {
    // Frontline makes no Worker, so no contact_uri is derived or checked.
  } else if ('contact_uri' in attributes) {
    const uri = String(attributes.contact_uri);
    if (uri !== '' && !CONTACT_URI.test(uri)) {
      problems.push({
        code: 'invalid-contact-uri',
        severity: 'warning',
        attribute: 'contact_uri',
        message: `contact_uri "${uri}" is neither client:<identity>, sip:user@domain nor an E.164 phone number (+14151112222); leave it out unless calls must go to SIP or a phone`,
      });
    }
  } else if (input.nameId.trim() !== '') {
    attributes.contact_uri = defaultContactUri(input.nameId.trim());
  }
  if (Object.keys(channels).length > 0) attributes.channels = channels;

  const written = !problems.some((problem) => problem.code === 'invalid-attribute-type' && problem.severity === 'error');
  return { attributes, problems, written };
}
