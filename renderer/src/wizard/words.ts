import type { Severity } from '../../../shared/findings';

/** How a finding's severity is said to the admin. */
export const SEVERITY_WORDS: Record<Severity, string> = { error: 'Problem', warning: 'Worth checking', info: 'Note' };
