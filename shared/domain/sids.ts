/** Twilio SIDs the wizard meets: two capital letters naming the kind, then 32 lowercase hex digits. */
export const SID_KINDS = {
  AC: 'Account SID',
  FO: 'Flex instance SID',
  JQ: 'SSO connection id',
  JB: 'Realm SID',
  WS: 'TaskRouter Workspace SID',
  WK: 'TaskRouter Worker SID',
  SK: 'API key SID',
} as const;

export type SidPrefix = keyof typeof SID_KINDS;

const HEX_LENGTH = 32;

/** How a SID looks, in the words every hint and error uses: "AC followed by 32 lowercase hex digits (0-9, a-f)". */
export function sidForm(prefix: string): string {
  return `${prefix} followed by ${HEX_LENGTH} lowercase hex digits (0-9, a-f)`;
}

function article(noun: string): string {
  return /^([AEIOU]|SSO)/i.test(noun) ? 'an' : 'a';
}

/**
 * Checks one SID against the kind expected. Returns null when it fits, otherwise a message that
 * says which part is wrong (prefix, length, characters) and what is expected.
 */
export function sidProblem(value: string, expected: SidPrefix, kindName?: string): string | null {
  const kind = kindName ?? SID_KINDS[expected];
  const form = sidForm(expected);
  const sid = value.trim();
  if (sid === '') return `${article(kind)} ${kind} is required: ${form}`;
  const prefix = sid.slice(0, 2);
  if (prefix !== expected) {
    const known = SID_KINDS[prefix.toUpperCase() as SidPrefix];
    if (prefix.toUpperCase() === expected) {
      return `${article(kind)} ${kind} starts with a capital ${expected}; this starts with "${prefix}"`;
    }
    const what = known ? `, which is ${article(known)} ${known}` : '';
    return `${article(kind)} ${kind} starts with ${expected}; this starts with ${prefix}${what}`;
  }
  const rest = sid.slice(2);
  if (/[A-F]/.test(rest) && /^[0-9a-fA-F]*$/.test(rest)) {
    return `${article(kind)} ${kind} has lowercase hex digits after ${expected}; this one has capital letters (copy it again from the Console)`;
  }
  const bad = rest.match(/[^0-9a-f]/);
  if (bad) {
    return `${article(kind)} ${kind} is ${form}; "${bad[0]}" at position ${3 + (bad.index ?? 0)} is not a hex digit`;
  }
  if (rest.length !== HEX_LENGTH) {
    return `${article(kind)} ${kind} is ${form}; this one has ${rest.length} hex digit${rest.length === 1 ? '' : 's'} after ${expected} (${rest.length < HEX_LENGTH ? 'some were cut off' : 'there is extra text'})`;
  }
  return null;
}

export function isSid(value: string, expected: SidPrefix): boolean {
  return sidProblem(value, expected) === null;
}
