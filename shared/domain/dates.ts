/**
 * Dates the product states are data (ISO `YYYY-MM-DD`), compared with today's date where they
 * decide what the product says. Shown to people as "31 March 2026".
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "2026-03-31" (or a whole ISO time, read in UTC) → "31 March 2026" (no locale, so every output reads the same). */
export function longDate(iso: string | null): string {
  if (iso === null) return 'an unknown date';
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z)?$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

/** Whether the whole day `iso` (UTC) is over at `now`. */
export function dayHasPassed(iso: string, now: Date): boolean {
  return now.getTime() > Date.parse(`${iso}T23:59:59.999Z`);
}

/** 2477 → "2,477" (no locale, so every output reads the same). */
export function groupedNumber(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

function days(count: number): string {
  return `${groupedNumber(count)} day${count === 1 ? '' : 's'}`;
}

/** Whole days until a date, in words: "702 days left", "expires today", "expired 2,477 days ago". */
export function daysLeftWords(daysLeft: number): string {
  if (daysLeft > 0) return `${days(daysLeft)} left`;
  if (daysLeft === 0) return 'expires today';
  return `expired ${days(-daysLeft)} ago`;
}
