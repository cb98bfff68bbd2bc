import type { Severity } from '../../../shared/findings';

/** How a finding's severity is said to the admin. */
export const SEVERITY_WORDS: Record<Severity, string> = { error: 'Problem', warning: 'Worth checking', info: 'Note' };

/** Our name for a value, with the IdP's own name for it when that differs ("Issuer", not "Issuer (Issuer)"). */
export function withTheirName(ours: string, theirs: string): string {
  return ours.trim().toLowerCase() === theirs.trim().toLowerCase() ? ours : `${ours} (${theirs})`;
}
