import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { clientScheduled } from './client-scheduled.core';

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Sixty//Booking//EN',
  'BEGIN:VEVENT',
  'UID:m-1@sixty.test',
  'DTSTAMP:20260301T000000Z',
  'DTSTART:20260305T160000Z',
  'DURATION:PT30M',
  'SUMMARY:Call',
  'ORGANIZER;CN=Dana:mailto:dana@demo.sixty',
  'ATTENDEE;CN=Vera;PARTSTAT=NEEDS-ACTION:mailto:vera@example.test',
  'ATTENDEE;SCHEDULE-AGENT=SERVER:mailto:other@example.test',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('clientScheduled', () => {
  it('marks organizer and attendees as scheduled by the client, keeps an explicit choice and everything else', () => {
    const vevent = new ICAL.Component(ICAL.parse(clientScheduled(ICS))).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstProperty('organizer')!.getParameter('schedule-agent')).toBe('CLIENT');
    expect(vevent.getAllProperties('attendee').map((p) => [p.getFirstValue(), p.getParameter('schedule-agent'), p.getParameter('cn') ?? null])).toEqual([
      ['mailto:vera@example.test', 'CLIENT', 'Vera'],
      ['mailto:other@example.test', 'SERVER', null],
    ]);
    expect(vevent.getFirstPropertyValue('uid')).toBe('m-1@sixty.test');
    expect((vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });
});
