import type { ClaimProblem } from './claims';

/** Flex's token lives one hour and is refreshed while the UI runs. */
export const FLEX_TOKEN_TTL_HOURS = 1;
/** A shift's length: sessions shorter than this log agents out mid-shift. */
export const ADVISED_SESSION_HOURS = 10;

/**
 * Checks SessionNotOnOrAfter against the moment of the login (AuthnInstant or IssueInstant).
 * Absent is the advised state: no problem.
 */
export function checkSessionLifetime(loginAt: Date | string, sessionNotOnOrAfter: Date | string | undefined): ClaimProblem[] {
  if (sessionNotOnOrAfter === undefined || sessionNotOnOrAfter === '') return [];
  const start = new Date(loginAt).getTime();
  const end = new Date(sessionNotOnOrAfter).getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return [{ code: 'session-too-short', severity: 'warning', message: 'SessionNotOnOrAfter or the login time is not a readable date' }];
  }
  const hours = (end - start) / 3_600_000;
  const shown = `${Math.round(hours * 10) / 10} h`;
  if (hours <= FLEX_TOKEN_TTL_HOURS) {
    return [{ code: 'session-too-short', severity: 'error', message: `the IdP limits the session to ${shown} (SessionNotOnOrAfter); it must be longer than ${FLEX_TOKEN_TTL_HOURS} hour, Flex's token lifetime. Remove the limit, or set it to at least a shift (${ADVISED_SESSION_HOURS} h)` }];
  }
  if (hours < 8) {
    return [{ code: 'session-too-short', severity: 'warning', message: `the IdP limits the session to ${shown} (SessionNotOnOrAfter); agents will be logged out mid-shift and live calls can drop. Remove the limit or make it longer than a shift (8-10 h)` }];
  }
  return [{ code: 'session-limit', severity: 'info', message: `the IdP sets SessionNotOnOrAfter (${shown}); Twilio advises not setting it, but it is longer than a shift` }];
}
