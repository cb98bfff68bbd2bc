/**
 * A calendar reminder (iCalendar, RFC 5545) for the day to renew the IdP's signing certificate:
 * an all-day event some weeks before it expires, with an alarm that morning. Imported by Outlook,
 * Google Calendar and Apple Calendar alike.
 */

/** How long before the certificate expires the reminder falls (when that day is still ahead). */
export const CERTIFICATE_REMINDER_DAYS_BEFORE = 30;

export interface CertificateReminder {
  /** Stable per customer and certificate, so saving the reminder again updates the same event. */
  uid: string;
  customer: string;
  /** The IdP's name, as the product shows it (e.g. "Okta"). */
  idpLabel: string;
  /** "Flex" or "Frontline". */
  productName: string;
  /** When the certificate stops being valid (ISO). */
  notAfter: string;
  now: Date;
}

/** Text in a property value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A content line folded at 75 octets (UTF-8), continuation lines starting with a space (RFC 5545 3.1). */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const character of line) {
    const bytes = encoder.encode(character).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += character;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function dateValue(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The day the reminder falls on: some weeks before expiry, or today when that has passed. */
export function reminderDate(notAfter: string, now: Date): Date {
  const expiry = new Date(notAfter);
  const early = new Date(Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth(), expiry.getUTCDate() - CERTIFICATE_REMINDER_DAYS_BEFORE));
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return early.getTime() > today.getTime() ? early : today;
}

/** The .ics file's text (CRLF line ends, folded lines). */
export function certificateReminderIcs(reminder: CertificateReminder): string {
  const day = reminderDate(reminder.notAfter, reminder.now);
  const next = new Date(day.getTime() + 86_400_000);
  const expires = reminder.notAfter.slice(0, 10);
  const summary = `Renew the SSO signing certificate for ${reminder.customer} (expires ${expires})`;
  const description = [
    `The signing certificate ${reminder.idpLabel} uses for ${reminder.customer}'s ${reminder.productName} single sign-on expires on ${expires}. After that day nobody can sign in.`,
    `Before then: make a new signing certificate active in ${reminder.idpLabel}, paste it into the Twilio Console (X.509 Certificate) on the same day, and run a test login with the Flex SSO Wizard.`,
  ].join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Flex SSO Wizard//Certificate reminder//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(reminder.uid)}`,
    `DTSTAMP:${timestamp(reminder.now)}`,
    `DTSTART;VALUE=DATE:${dateValue(day)}`,
    `DTEND;VALUE=DATE:${dateValue(next)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(description)}`,
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(summary)}`,
    // Nine in the morning of the reminder day.
    'TRIGGER:PT9H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
