// The tests' own CalDAV client, independent of the code under test: plain fetch calls that make
// calendars (MKCALENDAR), put and read events, as a rep's other calendar apps would.

export interface SeedLogin {
  url: string;
  username: string;
  password: string;
}

function authOf(login: SeedLogin): string {
  return `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
}

async function ok(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** Makes `/<user>/<name>/`, optionally with a display name and a calendar time zone (a VTIMEZONE's TZID). */
export async function makeCalendar(login: SeedLogin, name: string, opts: { displayName?: string; timeZone?: string } = {}): Promise<string> {
  const url = `${login.url}/${login.username}/${name}/`;
  const zone = opts.timeZone
    ? `<C:calendar-timezone>BEGIN:VCALENDAR\r\nPRODID:-//test//EN\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:${opts.timeZone}\r\nEND:VTIMEZONE\r\nEND:VCALENDAR</C:calendar-timezone>`
    : '';
  const body = `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop>
    <D:displayname>${opts.displayName ?? name}</D:displayname>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
    ${zone}
  </D:prop></D:set>
</C:mkcalendar>`;
  await ok(await fetch(url, { method: 'MKCALENDAR', headers: { authorization: authOf(login), 'content-type': 'application/xml' }, body }), `MKCALENDAR ${url}`);
  return url;
}

/** Puts a calendar object made of these VEVENT (and VTIMEZONE) lines. */
export async function putObject(login: SeedLogin, calendarUrl: string, uid: string, lines: string[]): Promise<void> {
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
  await ok(
    await fetch(`${calendarUrl}${uid}.ics`, { method: 'PUT', headers: { authorization: authOf(login), 'content-type': 'text/calendar' }, body: ics }),
    `PUT ${uid}`,
  );
}

/** A simple busy VEVENT's lines (UTC times). */
export function vevent(uid: string, start: string, end: string, ...extra: string[]): string[] {
  const utc = (iso: string) => `${iso.replace(/[-:]/g, '').slice(0, 15)}Z`;
  return ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `DTSTART:${utc(start)}`, `DTEND:${utc(end)}`, 'SUMMARY:Busy', ...extra, 'END:VEVENT'];
}

/** Every object's text in the calendar (a depth-1 calendar-query with data), as another client reads it. */
export async function readAll(login: SeedLogin, calendarUrl: string): Promise<{ href: string; ics: string }[]> {
  const body = `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
</C:calendar-query>`;
  const res = await ok(
    await fetch(calendarUrl, { method: 'REPORT', headers: { authorization: authOf(login), depth: '1', 'content-type': 'application/xml' }, body }),
    'REPORT',
  );
  const xml = await res.text();
  const found: { href: string; ics: string }[] = [];
  for (const part of xml.split(/<(?:\w+:)?response>/).slice(1)) {
    const href = /<(?:\w+:)?href>([^<]*)</.exec(part)?.[1] ?? '';
    const data = /<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/.exec(part)?.[1];
    if (data) found.push({ href, ics: data.replace(/&#13;/g, '\r').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') });
  }
  return found;
}

/** America/New_York as calendar apps send it (Radicale wants a VTIMEZONE for every TZID). */
export const NEW_YORK_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];
