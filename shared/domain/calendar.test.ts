import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { certificateReminderIcs, reminderDate } from './calendar';

const NOW = new Date('2026-03-10T15:30:00Z');
const reminder = {
  uid: 'cert-expiry-contoso-20270401@flex-sso-wizard',
  customer: 'Contoso; Sales, EMEA',
  idpLabel: 'Microsoft Entra ID (Azure AD)',
  productName: 'Flex',
  notAfter: '2027-04-01T12:00:00.000Z',
  now: NOW,
};

describe('the certificate reminder (.ics)', () => {
  const text = certificateReminderIcs(reminder);

  it('is an iCalendar file a calendar reads back: one all-day event 30 days before expiry, with an alarm', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(reminder.uid);
    expect(event.summary).toBe('Renew the SSO signing certificate for Contoso; Sales, EMEA (expires 2027-04-01)');
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-03-02');
    expect(event.endDate.toString()).toBe('2027-03-03');
    expect(event.description).toContain('expires on 2027-04-01');
    expect(event.description).toContain('paste it into the Twilio Console (X.509 Certificate)');
    const alarm = calendar.getFirstSubcomponent('vevent')!.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarm.getFirstPropertyValue('trigger')?.toString()).toBe('PT9H');
  });

  it('has CRLF line ends and no line longer than 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it('falls on today when the certificate expires sooner than that', () => {
    expect(reminderDate('2026-03-20T00:00:00Z', NOW).toISOString().slice(0, 10)).toBe('2026-03-10');
    expect(reminderDate('2026-06-01T00:00:00Z', NOW).toISOString().slice(0, 10)).toBe('2026-05-02');
  });
});
