import type { ClaimProblem } from './claims';
import { MODES, type ModeId } from './modes';

/** Flex's token lives one hour and is refreshed while the UI runs: a session must be longer. */
export const FLEX_TOKEN_TTL_HOURS = 1;
/** An agent's shift, 8 to 10 hours: a session shorter than its start logs agents out mid-shift. */
const SHIFT_HOURS = 8;
const ADVISED_SESSION_HOURS = 10;
/**
 * IdPs compute SessionNotOnOrAfter from a moment of their own, which may be a little before or
 * after the timestamps in the response: an 8-hour session must not be judged shorter than a shift
 * because AuthnInstant is a second later.
 */
const SESSION_TOLERANCE_MS = 3 * 60_000;

const HOUR_MS = 3_600_000;

function durationText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${(minutes / 60).toFixed(minutes % 60 === 0 ? 0 : 1)} hours`;
}

function time(value: Date | string | null | undefined): number {
  if (value === null || value === undefined || value === '') return Number.NaN;
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/**
 * Checks SessionNotOnOrAfter against the login: the session is measured from the earliest of the
 * moments given (AuthnInstant, the IssueInstants), since an IdP counts from one of them. Absent is
 * the advised state: no problem. The 1-hour floor is strict (Flex needs more than its token's
 * hour); the shift threshold allows SESSION_TOLERANCE_MS.
 */
export function checkSessionLifetime(
  loginAt: Date | string | ReadonlyArray<Date | string | null | undefined>,
  sessionNotOnOrAfter: Date | string | null | undefined,
  mode?: ModeId,
): ClaimProblem[] {
  const product = mode ? MODES[mode].productName : 'Flex';
  if (sessionNotOnOrAfter === undefined || sessionNotOnOrAfter === null || sessionNotOnOrAfter === '') return [];
  const starts = (Array.isArray(loginAt) ? loginAt : [loginAt]).map(time).filter((t) => !Number.isNaN(t));
  const end = time(sessionNotOnOrAfter);
  if (starts.length === 0 || Number.isNaN(end)) {
    return [{ code: 'session-too-short', severity: 'warning', message: 'SessionNotOnOrAfter or the login time is not a readable date' }];
  }
  const length = end - Math.min(...starts);
  const shown = durationText(Math.max(0, length));
  const setting = `SessionNotOnOrAfter ${sessionNotOnOrAfter instanceof Date ? sessionNotOnOrAfter.toISOString() : sessionNotOnOrAfter}`;
  const shift = `longer than an agent's shift (${SHIFT_HOURS} to ${ADVISED_SESSION_HOURS} hours)`;
  if (length <= FLEX_TOKEN_TTL_HOURS * HOUR_MS) {
    return [
      {
        code: 'session-too-short',
        severity: 'error',
        message: `the IdP limits the session to ${shown} (${setting}); ${product} needs more than ${FLEX_TOKEN_TTL_HOURS} hour (its token's lifetime), or agents are logged out. Remove the limit, or make it ${shift}`,
      },
    ];
  }
  if (length + SESSION_TOLERANCE_MS < SHIFT_HOURS * HOUR_MS) {
    return [
      {
        code: 'session-too-short',
        severity: 'warning',
        message: `the IdP limits the session to ${shown} (${setting}), shorter than an agent's shift (${SHIFT_HOURS} to ${ADVISED_SESSION_HOURS} hours): agents may be logged out mid-shift and live calls can drop. Remove the limit or make it ${shift}`,
      },
    ];
  }
  return [
    {
      code: 'session-limit',
      severity: 'info',
      message: `the IdP sets ${setting} (a ${shown} session); Twilio advises not setting it, but it is longer than a shift`,
    },
  ];
}
