// A rep's calendar over real CalDAV: Debian's Radicale on a loopback port (reached through the
// guarded fetch because SIXTY_FETCH_ALLOW admits 127.0.0.1, as an operator would for a calendar
// server on the company network), a real Sixty server, and the tests' own CalDAV calls
// (test/helpers/caldav-seed.ts) to make calendars and events and to read back what Sixty wrote.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import ICAL from 'ical.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { REDACT } from '../../server/log/logger';
import { CALENDAR_CHECKS_PER_MINUTE } from '../../server/calendar/calendar.routes';
import { calendarViewSchema, discoveredCalendarsSchema, myCalendarSchema } from '../../shared/schemas/calendar.schema';
import { apiErrorSchema } from '../../shared/schemas/public-api.schema';
import type { CalendarView, MyCalendar } from '../../shared/console-api';
import { makeCalendar, NEW_YORK_VTIMEZONE, putObject, readAll, vevent, type SeedLogin } from '../helpers/caldav-seed';
import { startRadicale, type Radicale } from '../helpers/radicale';
import { rawDatabaseText } from '../helpers/raw-database';
import { BROWSER_UA, rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';

const ANSWERS: Record<string, z.ZodType> = {
  'GET /': myCalendarSchema,
  'POST /discover': discoveredCalendarsSchema,
  'PUT /': calendarViewSchema,
  'POST /test': calendarViewSchema,
};
const PASSWORD = `app-pw-${randomBytes(6).toString('hex')}`;
const at = (iso: string) => Date.parse(iso);

let radicale: Radicale;
let server: TestServer;
let cookie: string;
let danaId: string;
let dana: SeedLogin;
let work: string;
const logged: string[] = [];
/** Every answer body the API gave in this file, to look for the password in. */
const answered: string[] = [];

async function api<T>(method: string, path: string, body?: unknown, srv: TestServer = server, who = cookie): Promise<{ status: number; body: T }> {
  const res = await fetch(`${srv.url}/v1/console/calendar${path === '/' ? '' : path}`, {
    method,
    headers: { cookie: who, origin: srv.url, 'user-agent': BROWSER_UA, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  answered.push(text);
  const parsed = text ? JSON.parse(text) : null;
  // Every answer matches the schema the API documents for it.
  const schema = res.status >= 400 ? apiErrorSchema : ANSWERS[`${method} ${path}`];
  if (parsed !== null) schema!.parse(parsed);
  return { status: res.status, body: parsed as T };
}

beforeAll(async () => {
  radicale = await startRadicale([
    { name: 'dana', password: PASSWORD },
    { name: 'sam', password: 'sam-password' },
  ]);
  const capture = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  server = await startTestServer({
    fetchAllow: ['127.0.0.1'],
    calendarKey: randomBytes(32),
    log: pino({ level: 'debug', redact: { paths: REDACT, censor: '[redacted]' } }, capture),
  });
  cookie = await signIn(server.url, 'dana@demo.sixty');
  danaId = (await rows<{ id: string }>(server, 'select id from users where email = ?', 'dana@demo.sixty'))[0]!.id;
  dana = { url: radicale.url, username: 'dana', password: PASSWORD };
  work = await makeCalendar(dana, 'work', { displayName: 'Work', timeZone: 'America/New_York' });
  await makeCalendar(dana, 'personal', { displayName: 'Personal' });
});

afterAll(async () => {
  await server?.stop();
  await radicale?.close();
});

describe('connecting a calendar from the console', () => {
  it('discovers the calendars from the base URL, asks to pick one of several, and connects it without answering the password', async () => {
    const found = await api<{ calendars: { url: string; displayName: string }[] }>('POST', '/discover', {
      serverUrl: radicale.url,
      username: 'dana',
      password: PASSWORD,
    });
    expect(found.status).toBe(200);
    expect(found.body.calendars.map((c) => c.displayName).sort()).toEqual(['Personal', 'Work']);
    expect(found.body.calendars.find((c) => c.displayName === 'Work')!.url).toBe(work);

    const unpicked = await api<{ error: { fields: Record<string, string> } }>('PUT', '/', { serverUrl: radicale.url, username: 'dana', password: PASSWORD });
    expect(unpicked.status).toBe(400);
    expect(unpicked.body.error.fields.calendarUrl).toMatch(/several calendars/);
    // Only a calendar discovery found may be connected (no arbitrary URL to read or write).
    const elsewhere = await api<{ error: { fields: Record<string, string> } }>('PUT', '/', {
      serverUrl: radicale.url,
      username: 'dana',
      password: PASSWORD,
      calendarUrl: `${radicale.url}/sam/x/`,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.fields.calendarUrl).toMatch(/not among/);

    const connected = await api<CalendarView>('PUT', '/', { serverUrl: `${radicale.url}/`, username: 'dana', password: PASSWORD, calendarUrl: work });
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ displayName: 'Work', calendarUrl: work, username: 'dana', state: 'connected', downSince: null });
    const mine = await api<MyCalendar>('GET', '/');
    expect(mine.body).toMatchObject({ canConnect: true, calendar: { displayName: 'Work', state: 'connected' } });
    expect(JSON.stringify(mine.body)).not.toMatch(/password/i);
    // Stored sealed: the database file's bytes do not hold it (PostgreSQL's files are out of reach: checked by row).
    expect(rawDatabaseText(server)).not.toContain(PASSWORD);
    const [row] = await rows<{ sealed: string }>(server, 'select sealed_password as sealed from calendar_connections where rep_id = ?', danaId);
    expect(row!.sealed).toMatch(/^v1:/);
    expect(row!.sealed).not.toContain(PASSWORD);
  });

  it('gives field messages for bad input, a refused login, an address Sixty may not reach and a server that does not answer', async () => {
    const bad = await api<{ error: { fields: Record<string, string> } }>('POST', '/discover', { serverUrl: 'ftp://x', username: '', password: '' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['password', 'serverUrl', 'username']);

    const refused = await api<{ error: { fields: Record<string, string> } }>('POST', '/discover', {
      serverUrl: radicale.url,
      username: 'dana',
      password: 'wrong',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.password).toMatch(/refused this username and app password/);

    // A private address the allow-list does not name (only 127.0.0.1 is admitted here).
    const privateNet = await api<{ error: { fields: Record<string, string> } }>('POST', '/discover', {
      serverUrl: 'http://10.1.2.3/',
      username: 'dana',
      password: 'x',
    });
    expect(privateNet.status).toBe(400);
    expect(privateNet.body.error.fields.serverUrl).toMatch(/SIXTY_FETCH_ALLOW/);

    const closed = await api<{ error: { fields: Record<string, string> } }>('POST', '/discover', {
      serverUrl: 'http://127.0.0.1:9/',
      username: 'dana',
      password: 'x',
    });
    expect(closed.status).toBe(400);
    expect(closed.body.error.fields.serverUrl).toMatch(/could not connect/i);

    // A web server that is not a calendar server.
    const web = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome</h1>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const serverUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/`;
      const notCaldav = await api<{ error: { fields: Record<string, string> } }>('POST', '/discover', { serverUrl, username: 'dana', password: 'x' });
      expect(notCaldav.status).toBe(400);
      expect(notCaldav.body.error.fields.serverUrl).toMatch(/No CalDAV service was found/);
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });
  it("reads all-day events of a calendar that names no zone in the rep's team's zone", async () => {
    const samLogin = { url: radicale.url, username: 'sam', password: 'sam-password' };
    const solo = await makeCalendar(samLogin, 'solo', { displayName: 'Solo' });
    const sam = await signIn(server.url, 'sam@demo.sixty');
    const connected = await api<CalendarView>('PUT', '/', { serverUrl: radicale.url, username: 'sam', password: 'sam-password' }, server, sam);
    expect(connected.body).toMatchObject({ calendarUrl: solo, displayName: 'Solo' });
    const [who] = await rows<{ id: string; workspaceId: string }>(
      server,
      'select id, workspace_id as "workspaceId" from users where email = ?',
      'sam@demo.sixty',
    );
    const team = (await server.deps.store.teams(who!.workspaceId)).find((t) => t.members.some((m) => m.repId === who!.id))!;
    const [row] = await rows<{ zone: string | null }>(server, 'select time_zone as zone from calendar_connections where rep_id = ?', who!.id);
    expect(row!.zone).toBe(team.hours.timeZone);
    expect(await api('DELETE', '/', undefined, server, sam)).toMatchObject({ status: 204 });
  });

  it('limits checks of calendar servers per user, with Retry-After', async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i <= CALENDAR_CHECKS_PER_MINUTE; i++) {
      const res = await fetch(`${server.url}/v1/console/calendar/discover`, {
        method: 'POST',
        headers: { cookie: admin, origin: server.url, 'user-agent': BROWSER_UA, 'content-type': 'application/json' },
        body: JSON.stringify({ serverUrl: 'not a url', username: 'admin', password: 'x' }),
      });
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another user is not held back by the admin's checks.
    expect((await api('POST', '/discover', { serverUrl: 'not a url', username: 'dana', password: 'x' })).status).toBe(400);
  });
});

describe('busy times for slots', () => {
  beforeAll(async () => {
    await putObject(dana, work, 'busy', vevent('busy', '2026-03-03T15:00:00Z', '2026-03-03T16:00:00Z'));
    await putObject(dana, work, 'free', vevent('free', '2026-03-03T17:00:00Z', '2026-03-03T18:00:00Z', 'TRANSP:TRANSPARENT'));
    // Weekly at 09:00 New York time from Monday 2 March (EST, -5) over the DST change on 8 March
    // (EDT, -4); the 16 March occurrence is excluded.
    await putObject(dana, work, 'weekly', [
      ...NEW_YORK_VTIMEZONE,
      'BEGIN:VEVENT',
      'UID:weekly',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=America/New_York:20260302T090000',
      'DTEND;TZID=America/New_York:20260302T100000',
      'RRULE:FREQ=WEEKLY',
      'EXDATE;TZID=America/New_York:20260316T090000',
      'SUMMARY:Standup',
      'END:VEVENT',
    ]);
    // All day on Wednesday 11 March: the calendar's zone is New York.
    await putObject(dana, work, 'offsite', [
      'BEGIN:VEVENT',
      'UID:offsite',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260311',
      'DTEND;VALUE=DATE:20260312',
      'SUMMARY:Offsite',
      'END:VEVENT',
    ]);
  });

  it('reads a busy event, weekly occurrences across the DST change (not the excluded one), an all-day event, and not a transparent one', async () => {
    const range = { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-24T00:00:00Z') };
    const [answer] = await server.deps.calendar.busyOf([danaId], range, at('2026-03-01T12:00:00Z'));
    expect(answer).toMatchObject({ repId: danaId, calendar: 'connected' });
    expect(answer!.busy).toEqual([
      { start: at('2026-03-02T14:00:00Z'), end: at('2026-03-02T15:00:00Z') },
      { start: at('2026-03-03T15:00:00Z'), end: at('2026-03-03T16:00:00Z') },
      { start: at('2026-03-09T13:00:00Z'), end: at('2026-03-09T14:00:00Z') },
      { start: at('2026-03-11T04:00:00Z'), end: at('2026-03-12T04:00:00Z') },
      { start: at('2026-03-23T13:00:00Z'), end: at('2026-03-23T14:00:00Z') },
    ]);
    // A rep without a calendar is `none`.
    const [nobody] = await server.deps.calendar.busyOf(['no-such-rep'], range, at('2026-03-01T12:00:00Z'));
    expect(nobody).toEqual({ repId: 'no-such-rep', busy: [], calendar: 'none', readAt: null });
  });

  it('finds an all-day event when the asked range starts late on its day in the calendar’s zone (still 11 March in New York)', async () => {
    // The server matches the DATE as if it were UTC (11 March 00:00Z–24:00Z); in New York the day lasts until 12 March 04:00Z.
    const range = { start: at('2026-03-12T01:00:00Z'), end: at('2026-03-12T03:00:00Z') };
    const answer = await server.deps.calendar.freshBusyOf(danaId, range, at('2026-03-01T12:00:00Z'));
    expect(answer.busy).toEqual([range]);
  });

  it('answers from the cache within the TTL and reads fresh on demand', async () => {
    const range = { start: at('2026-04-06T00:00:00Z'), end: at('2026-04-07T00:00:00Z') };
    const now = at('2026-04-01T00:00:00Z');
    expect((await server.deps.calendar.busyOf([danaId], range, now))[0]!.busy).toEqual([
      { start: at('2026-04-06T13:00:00Z'), end: at('2026-04-06T14:00:00Z') },
    ]);
    await putObject(dana, work, 'later', vevent('later', '2026-04-06T18:00:00Z', '2026-04-06T19:00:00Z'));
    // Cached: the new event is not seen yet...
    expect((await server.deps.calendar.busyOf([danaId], range, now + 1000))[0]!.busy).toHaveLength(1);
    // ...a fresh read (before a booking commits) sees it, and so does the cache after.
    expect((await server.deps.calendar.freshBusyOf(danaId, range, now + 2000)).busy).toHaveLength(2);
    expect((await server.deps.calendar.busyOf([danaId], range, now + 3000))[0]!.busy).toHaveLength(2);
  });
});

describe('meetings written by booking', () => {
  const uid = `meeting-${randomBytes(4).toString('hex')}@sixty.test`;
  const meeting = (start: string, sequence: number) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Sixty//Booking//EN',
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20260301T000000Z',
      `DTSTART:${start}`,
      'DURATION:PT30M',
      `SEQUENCE:${sequence}`,
      'SUMMARY:Call with Vera Visitor',
      'ORGANIZER;CN=Dana:mailto:dana@demo.sixty',
      'ATTENDEE;CN=Vera Visitor;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:vera@example.test',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');

  function readBack(all: { ics: string }[]) {
    const mine = all.map((o) => new ICAL.Component(ICAL.parse(o.ics)).getFirstSubcomponent('vevent')!).filter((v) => v.getFirstPropertyValue('uid') === uid);
    return mine.map((v) => ({
      start: (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
      organizer: v.getFirstPropertyValue('organizer'),
      attendee: v.getFirstPropertyValue('attendee'),
      // Sixty mails the invites: a scheduling server must not send its own as well.
      scheduledBy: v.getFirstProperty('attendee')!.getParameter('schedule-agent'),
      sequence: v.getFirstPropertyValue('sequence'),
    }));
  }

  it('puts the meeting where another client reads it back, replaces it on the same UID, and removes it', async () => {
    expect(await server.deps.calendar.putMeeting(danaId, { uid, ics: meeting('20260305T160000Z', 0) })).toBe('written');
    expect(readBack(await readAll(dana, work))).toEqual([
      { start: '2026-03-05T16:00:00.000Z', organizer: 'mailto:dana@demo.sixty', attendee: 'mailto:vera@example.test', scheduledBy: 'CLIENT', sequence: 0 },
    ]);
    // Booking's own meeting is busy at once (the cache was dropped on write).
    const range = { start: at('2026-03-05T00:00:00Z'), end: at('2026-03-06T00:00:00Z') };
    expect((await server.deps.calendar.busyOf([danaId], range, at('2026-03-01T12:00:00Z')))[0]!.busy).toContainEqual({
      start: at('2026-03-05T16:00:00Z'),
      end: at('2026-03-05T16:30:00Z'),
    });

    expect(await server.deps.calendar.putMeeting(danaId, { uid, ics: meeting('20260305T170000Z', 1) })).toBe('written');
    expect(readBack(await readAll(dana, work))).toEqual([
      { start: '2026-03-05T17:00:00.000Z', organizer: 'mailto:dana@demo.sixty', attendee: 'mailto:vera@example.test', scheduledBy: 'CLIENT', sequence: 1 },
    ]);

    expect(await server.deps.calendar.removeMeeting(danaId, uid)).toBe('written');
    expect(readBack(await readAll(dana, work))).toEqual([]);
    expect(await server.deps.calendar.putMeeting('no-such-rep', { uid, ics: meeting('20260305T170000Z', 0) })).toBe('no-calendar');
  });
});

describe('a calendar that is down', () => {
  it('answers down with no busy times when the server is stopped, records it for the console, and recovers', async () => {
    const range = { start: at('2026-05-04T00:00:00Z'), end: at('2026-05-05T00:00:00Z') };
    await radicale.stop();
    try {
      const before = Date.now();
      const answer = await server.deps.calendar.freshBusyOf(danaId, range, at('2026-05-01T00:00:00Z'));
      expect(answer).toEqual({ repId: danaId, busy: [], calendar: 'down', readAt: null });
      // Within the TTL, asks answer down from the cache instead of waiting on the server again.
      expect((await server.deps.calendar.busyOf([danaId], range, at('2026-05-01T00:00:01Z')))[0]!.calendar).toBe('down');
      expect(await server.deps.calendar.putMeeting(danaId, { uid: 'x', ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' })).toBe('failed');
      const mine = await api<MyCalendar>('GET', '/');
      expect(mine.body.calendar).toMatchObject({ state: 'down', lastError: 'could not connect to the calendar server' });
      expect(mine.body.calendar!.downSince).toBeGreaterThanOrEqual(before);
    } finally {
      await radicale.start();
    }
    const tested = await api<CalendarView>('POST', '/test');
    expect(tested.body).toMatchObject({ state: 'connected', downSince: null, lastError: null });
  });

  it('answers down when the server refuses the saved password, and says so', async () => {
    await rows(server, 'update calendar_connections set username = ? where rep_id = ?', 'sam', danaId);
    try {
      const answer = await server.deps.calendar.freshBusyOf(
        danaId,
        { start: at('2026-05-04T00:00:00Z'), end: at('2026-05-05T00:00:00Z') },
        at('2026-05-02T00:00:00Z'),
      );
      expect(answer.calendar).toBe('down');
      expect((await api<MyCalendar>('GET', '/')).body.calendar).toMatchObject({
        state: 'down',
        lastError: expect.stringMatching(/refused the username or app password/),
      });
    } finally {
      await rows(server, 'update calendar_connections set username = ? where rep_id = ?', 'dana', danaId);
    }
  });
});

describe('credentials', () => {
  it('are refused without SIXTY_CALENDAR_KEY, naming it', async () => {
    const keyless = await startTestServer({ fetchAllow: ['127.0.0.1'], calendarKey: null });
    try {
      const who = await signIn(keyless.url, 'dana@demo.sixty');
      expect((await api<MyCalendar>('GET', '/', undefined, keyless, who)).body).toEqual({ calendar: null, canConnect: false });
      const refused = await api<{ error: { code: string; message: string } }>(
        'PUT',
        '/',
        { serverUrl: radicale.url, username: 'dana', password: PASSWORD },
        keyless,
        who,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'calendar_key_missing', message: expect.stringContaining('SIXTY_CALENDAR_KEY') });
      expect(await rows(keyless, 'select rep_id from calendar_connections')).toEqual([]);
    } finally {
      await keyless.stop();
    }
  });

  it('never appear in the logs or in any answer, and disconnecting removes them', async () => {
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain(PASSWORD);
    expect(answered.join('\n')).not.toContain(PASSWORD);
    expect((await api('DELETE', '/')).status).toBe(204);
    expect((await api<MyCalendar>('GET', '/')).body.calendar).toBeNull();
    expect(await rows(server, 'select rep_id from calendar_connections')).toEqual([]);
  });
});
