export { SEVERITY_WORDS } from '../../../shared/findings';

/** Our name for a value, with the IdP's own name for it when that differs ("Issuer", not "Issuer (Issuer)"). */
export function withTheirName(ours: string, theirs: string): string {
  return ours.trim().toLowerCase() === theirs.trim().toLowerCase() ? ours : `${ours} (${theirs})`;
}
