/**
 * Dates the product states are data (ISO `YYYY-MM-DD`), compared with today's date where they
 * decide what the product says. Shown to people as "31 March 2026".
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "2026-03-31" → "31 March 2026" (no locale, so every output reads the same). */
export function longDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

/** Whether the whole day `iso` (UTC) is over at `now`. */
export function dayHasPassed(iso: string, now: Date): boolean {
  return now.getTime() > Date.parse(`${iso}T23:59:59.999Z`);
}
