/** A new IdP connection id, in the form the profile schema accepts (`c-` and 8 hex digits). */
export function newConnectionId(): string {
  return `c-${globalThis.crypto.randomUUID().slice(0, 8)}`;
}
