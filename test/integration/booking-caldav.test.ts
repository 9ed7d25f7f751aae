// Issue 20's "done means", end to end with real parts and no fake calendar: Dana connects her
// Radicale calendar through the console API, a visitor outside hours is offered only times she is
// truly free for (a busy event, a weekly series' occurrence in New York time after the DST change
// and an all-day event left out), books one; the meeting lands in Radicale (read back by the
// tests' own CalDAV client, test/helpers/caldav-seed.ts) and iTIP invites reach both mailboxes of
// a local SMTP server. A time taken in Radicale after it was shown is refused with fresh times;
// the visitor's signed link moves (SEQUENCE 1) and cancels (gone, CANCEL) the event in Radicale;
// with Radicale stopped, times fall back to team hours minus Sixty's meetings and the console
// says the calendar is down; at its time, the booked meeting is offered to Dana. One Radicale and
// one server for the whole file, on a fake clock.
import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklyHours } from '../../server/routing/hours.core';
import { DEFAULT_BOOKING } from '../../server/booking/booking-settings';
import { BUSY_TTL_MS } from '../../server/calendar/busy-cache.core';
import type { MyCalendar } from '../../shared/console-api';
import { makeCalendar, NEW_YORK_VTIMEZONE, putObject, readAll, vevent, type SeedLogin } from '../helpers/caldav-seed';
import { mimeParts } from '../helpers/mime-parts';
import { startRadicale, type Radicale } from '../helpers/radicale';
import { startInbox, type Inbox } from '../helpers/smtp-inbox';
import { BROWSER_UA, callbackBody, connected, HOST_ORIGIN, postCallback, repSocket, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { fakeTime } from '../sim/fake-time';

// Monday 23 November 2026, 07:00 UTC: the team (09:00 to 11:00 UTC on weekdays) is closed.
const MONDAY_7 = Date.parse('2026-11-23T07:00:00Z');
const MON = '2026-11-23';
const TUE = '2026-11-24';
const WED = '2026-11-25';
const THU = '2026-11-26';
const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00Z`);
const iso = (day: string, hhmm: string) => new Date(at(day, hhmm)).toISOString();
/** What happens after a commit (the calendar write, the mails, a background read) may take a while on a busy machine. */
const SETTLE = { timeout: 15_000, interval: 100 };
const PASSWORD = `app-pw-${randomBytes(6).toString('hex')}`;

let radicale: Radicale;
let inbox: Inbox;
let s: TestServer;
let time: ReturnType<typeof fakeTime>;
let cookie: string;
let login: SeedLogin;
let work: string;

beforeAll(async () => {
  time = fakeTime(MONDAY_7);
  [radicale, inbox] = await Promise.all([startRadicale([{ name: 'dana', password: PASSWORD }]), startInbox()]);
  // Radicale is on loopback: admitted through the guarded fetch's allow-list, as an operator
  // would admit a calendar server on the company network (SIXTY_FETCH_ALLOW).
  s = await startTestServer({ ...time.server, fetchAllow: ['127.0.0.1'], calendarKey: randomBytes(32), smtpUrl: inbox.url });
  const dana = (await s.deps.store.userByEmail('dana@demo.sixty'))!;
  const [team] = await s.deps.store.teams(dana.workspaceId);
  await s.deps.store.updateTeam(team!.id, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '11:00') });
  await s.deps.store.setTeamMembers(team!.id, [{ repId: dana.id }]);
  cookie = await signIn(s.url, 'dana@demo.sixty');
  login = { url: radicale.url, username: 'dana', password: PASSWORD };
  // A calendar that names no zone: all-day events fall on the team's (UTC) days.
  work = await makeCalendar(login, 'work', { displayName: 'Work' });
}, 60_000);

afterAll(async () => {
  await s?.stop();
  await Promise.all([radicale?.close(), inbox?.close()]);
});

/** The signed-in rep's own calendar API, as the console's Calendar page calls it. */
function calendarApi(method: string, path = '', body?: unknown) {
  return fetch(`${s.url}/v1/console/calendar${path}`, {
    method,
    headers: { cookie, origin: s.url, 'user-agent': BROWSER_UA, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

let phone = 100;
/** A new visitor's callback (own phone, email and idempotency key, so a repeat reads its status again). */
async function visitor(email = `v${phone}@example.com`) {
  phone++;
  const body = callbackBody(s.siteKey, { phone: `+1 415 555 2${phone}`, email });
  const key = `booking-caldav-${phone}`;
  const res = await postCallback(s.url, body, { key });
  expect(res.status).toBe(201);
  const v = res.body as { leadId: string; visitorToken: string; status: { state: string; why?: string; slots: string[] } };
  /** The lead's status now (the widget repeating its request gets the same lead). */
  const statusNow = async () => (await postCallback(s.url, body, { key })).body.status as { state: string; slots: string[] };
  return { ...v, email, statusNow };
}

const choose = (v: { leadId: string; visitorToken: string }, slot: string) =>
  fetch(`${s.url}/v1/callbacks/${v.leadId}/slot`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN, 'user-agent': BROWSER_UA },
    body: JSON.stringify({ token: v.visitorToken, slot }),
  });

/** The VEVENTs with this UID in Dana's Radicale calendar, read by the tests' own CalDAV client. */
async function inRadicale(uid: string) {
  const events = (await readAll(login, work))
    .map((o) => new ICAL.Component(ICAL.parse(o.ics)).getFirstSubcomponent('vevent')!)
    .filter((v) => v.getFirstPropertyValue('uid') === uid);
  return events.map((v) => {
    const ev = new ICAL.Event(v);
    return {
      start: ev.startDate.toJSDate().toISOString(),
      end: ev.endDate.toJSDate().toISOString(),
      sequence: ev.sequence,
      organizer: String(v.getFirstPropertyValue('organizer')).toLowerCase(),
      attendees: ev.attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort(),
    };
  });
}

/** A meeting as inRadicale reads it: Dana organizes (and attends), the visitor is invited. */
const danasMeeting = (start: string, end: string, sequence: number, visitorEmail: string) => ({
  start,
  end,
  sequence,
  organizer: 'mailto:dana@demo.sixty',
  attendees: ['mailto:dana@demo.sixty', `mailto:${visitorEmail}`],
});

/** The mails sent to `to` so far, each as its inline invite's method and event. */
function invitesTo(to: string) {
  return inbox.messages
    .filter((m) => m.to === to)
    .map((m) => {
      const parts = mimeParts(m.body);
      const inline = parts.find((p) => /^text\/calendar/i.test(p.contentType))!;
      const cal = new ICAL.Component(ICAL.parse(inline.body));
      const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
      const text = parts.find((p) => p.contentType.startsWith('text/plain'))?.body ?? '';
      return {
        method: cal.getFirstPropertyValue('method'),
        typeMethod: /method=(\w+)/i.exec(inline.contentType)?.[1]?.toUpperCase(),
        uid: ev.uid,
        sequence: ev.sequence,
        start: ev.startDate.toJSDate().toISOString(),
        end: ev.endDate.toJSDate().toISOString(),
        link: text.split(/\s/).find((w) => w.includes('/meetings/')) ?? null,
      };
    });
}

describe('a visitor outside hours books a meeting in the rep’s real CalDAV calendar', () => {
  let pat: Awaited<ReturnType<typeof visitor>>;
  let patUid: string;

  it('Dana connects her Radicale calendar through the console API', async () => {
    const found = await calendarApi('POST', '/discover', { serverUrl: radicale.url, username: 'dana', password: PASSWORD });
    expect(found.status).toBe(200);
    expect((await found.json()).calendars).toEqual([{ url: work, displayName: 'Work' }]);
    const connected = await calendarApi('PUT', '', { serverUrl: radicale.url, username: 'dana', password: PASSWORD, calendarUrl: work });
    expect(connected.status).toBe(200);
    expect(await connected.json()).toMatchObject({ calendarUrl: work, state: 'connected', downSince: null });
  });

  it('offers only times Dana is free for in Radicale: not a busy event, a weekly occurrence after the DST change, an all-day event', async () => {
    // Monday 09:00–10:00 UTC busy.
    await putObject(login, work, 'busy', vevent('busy', `${MON}T09:00:00Z`, `${MON}T10:00:00Z`));
    // Weekly on Mondays 05:30–06:00 New York time since 19 October (EDT: 09:30 UTC); on 23
    // November it is EST, so 10:30 UTC. Read at a fixed offset it would stay at 09:30 UTC.
    await putObject(login, work, 'weekly', [
      ...NEW_YORK_VTIMEZONE,
      'BEGIN:VEVENT',
      'UID:weekly',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=America/New_York:20261019T053000',
      'DTEND;TZID=America/New_York:20261019T060000',
      'RRULE:FREQ=WEEKLY',
      'SUMMARY:Early standup',
      'END:VEVENT',
    ]);
    // All of Tuesday.
    await putObject(login, work, 'offsite', [
      'BEGIN:VEVENT',
      'UID:offsite',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20261124',
      'DTEND;VALUE=DATE:20261125',
      'SUMMARY:Offsite',
      'END:VEVENT',
    ]);

    pat = await visitor('pat@example.com');
    expect(pat.status).toMatchObject({ state: 'no_rep', why: 'closed' });
    // Monday 10:00 is the one time she is free that day; Tuesday is gone; then Wednesday and Thursday.
    expect(pat.status.slots).toEqual([iso(MON, '10:00'), iso(WED, '09:00'), iso(WED, '09:30'), iso(WED, '10:00'), iso(WED, '10:30'), iso(THU, '09:00')]);
  });

  it('books the free time: the event is in Radicale with its UID, times, organizer and attendee, and both get a REQUEST invite', async () => {
    const res = await choose(pat, iso(MON, '10:00'));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toMatchObject({ state: 'scheduled', slot: iso(MON, '10:00'), meeting: { repName: 'Dana Reyes' } });
    patUid = (await s.deps.store.meetingOfLead(pat.leadId))!.uid;

    await expect.poll(() => inRadicale(patUid), SETTLE).toEqual([danasMeeting(iso(MON, '10:00'), iso(MON, '10:30'), 0, 'pat@example.com')]);

    await expect.poll(() => inbox.messages.map((m) => m.to).sort(), SETTLE).toEqual(['dana@demo.sixty', 'pat@example.com']);
    for (const to of ['pat@example.com', 'dana@demo.sixty'])
      expect(invitesTo(to)).toEqual([
        expect.objectContaining({ method: 'REQUEST', typeMethod: 'REQUEST', uid: patUid, sequence: 0, start: iso(MON, '10:00'), end: iso(MON, '10:30') }),
      ]);
  });

  let sue: Awaited<ReturnType<typeof visitor>>;
  it('refuses a time that became busy in Radicale after it was shown, with fresh times that leave it out', async () => {
    sue = await visitor('sue@example.com');
    // Dana's booked Monday 10:00 is gone from the times too.
    expect(sue.status.slots).toEqual([iso(WED, '09:00'), iso(WED, '09:30'), iso(WED, '10:00'), iso(WED, '10:30'), iso(THU, '09:00'), iso(THU, '09:30')]);
    await putObject(login, work, 'late', vevent('late', `${WED}T09:00:00Z`, `${WED}T09:30:00Z`));

    const res = await choose(sue, iso(WED, '09:00'));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('slot_taken');
    expect(body.slots).toEqual([iso(WED, '09:30'), iso(WED, '10:00'), iso(WED, '10:30'), iso(THU, '09:00'), iso(THU, '09:30'), iso(THU, '10:00')]);
    expect(await s.deps.store.meetingOfLead(sue.leadId)).toBeNull();
    // The widget asking again is not offered it either.
    expect((await sue.statusNow()).slots).not.toContain(iso(WED, '09:00'));
  });

  it('moves the meeting half an hour later from the signed link, over its own time (same UID, SEQUENCE 1), then cancels it (gone, CANCEL)', async () => {
    // An admin makes meetings an hour long: moving one half an hour later overlaps its own old
    // time, which is busy only for other meetings (in Sixty and as its event in Radicale).
    const admin = await signIn(s.url, 'admin@demo.sixty');
    const site = (await s.deps.store.siteByKey(s.siteKey))!;
    const meetingLength = async (meetingMinutes: number) => {
      const res = await fetch(`${s.url}/v1/console/sites/${site.id}/booking`, {
        method: 'PUT',
        headers: { cookie: admin, 'content-type': 'application/json', origin: s.url, 'user-agent': BROWSER_UA },
        body: JSON.stringify({ ...DEFAULT_BOOKING, meetingMinutes }),
      });
      expect(res.status).toBe(200);
    };
    await meetingLength(60);
    try {
      expect((await choose(sue, iso(WED, '09:30'))).status).toBe(200);
      const uid = (await s.deps.store.meetingOfLead(sue.leadId))!.uid;
      await expect.poll(() => inRadicale(uid), SETTLE).toEqual([danasMeeting(iso(WED, '09:30'), iso(WED, '10:30'), 0, 'sue@example.com')]);
      await expect.poll(() => invitesTo('sue@example.com').length, SETTLE).toBe(1);
      const path = new URL(invitesTo('sue@example.com')[0]!.link!).pathname;

      const page = await fetch(`${s.url}${path}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`value="${iso(WED, '10:00')}"`);
      const moved = await fetch(`${s.url}${path}/move`, { method: 'POST', body: new URLSearchParams({ slot: iso(WED, '10:00') }), redirect: 'manual' });
      expect(moved.status).toBe(303);
      await expect.poll(() => inRadicale(uid), SETTLE).toEqual([danasMeeting(iso(WED, '10:00'), iso(WED, '11:00'), 1, 'sue@example.com')]);
      for (const to of ['sue@example.com', 'dana@demo.sixty']) {
        await expect.poll(() => invitesTo(to).filter((m) => m.uid === uid).length, SETTLE).toBe(2);
        expect(invitesTo(to).filter((m) => m.uid === uid)[1]).toMatchObject({
          method: 'REQUEST',
          sequence: 1,
          start: iso(WED, '10:00'),
          end: iso(WED, '11:00'),
        });
      }

      const next = new URL(moved.headers.get('location')!, s.url).pathname;
      const cancelled = await fetch(`${s.url}${next}/cancel`, { method: 'POST', redirect: 'manual' });
      expect(cancelled.status).toBe(200);
      await expect.poll(() => inRadicale(uid), SETTLE).toEqual([]);
      for (const to of ['sue@example.com', 'dana@demo.sixty']) {
        await expect.poll(() => invitesTo(to).filter((m) => m.uid === uid).length, SETTLE).toBe(3);
        expect(invitesTo(to).filter((m) => m.uid === uid)[2]).toMatchObject({ method: 'CANCEL', typeMethod: 'CANCEL', sequence: 2 });
      }
      // Pat's meeting is untouched.
      expect((await inRadicale(patUid)).map((e) => e.start)).toEqual([iso(MON, '10:00')]);
    } finally {
      await meetingLength(DEFAULT_BOOKING.meetingMinutes);
    }
  });

  let lou: Awaited<ReturnType<typeof visitor>>;
  it('with Radicale stopped, still offers times (team hours minus Sixty meetings) and the console says the calendar is down', async () => {
    lou = await visitor();
    await radicale.stop();
    // Past the cache's TTL, the next ask refreshes in the background and finds the server gone.
    await time.scheduler.advanceTo(MONDAY_7 + BUSY_TTL_MS + 1000);
    // Radicale's busy Monday, weekly and all-day events no longer count; Pat's Sixty meeting at Monday 10:00 still does.
    await expect
      .poll(async () => (await lou.statusNow()).slots, SETTLE)
      .toEqual([iso(MON, '09:00'), iso(MON, '09:30'), iso(MON, '10:30'), iso(TUE, '09:00'), iso(TUE, '09:30'), iso(TUE, '10:00')]);
    const mine = (await (await calendarApi('GET')).json()) as MyCalendar;
    expect(mine.calendar).toMatchObject({ state: 'down', lastError: 'could not connect to the calendar server' });
    expect(mine.calendar!.downSince).toBeGreaterThan(MONDAY_7);
  });

  it("offers Pat's meeting to Dana at its time", async () => {
    const danaId = (await s.deps.store.userByEmail('dana@demo.sixty'))!.id;
    const offers = () => s.deps.store.openOffersForRep(danaId).then((o) => o.map((x) => x.leadId));
    const socket = repSocket(s.url, cookie);
    try {
      await connected(socket);
      await socket.emitWithAck('presence:set', 'available');
      // Lou, who booked nothing and missed the SLA, is escalated to whoever is online: Dana takes and logs the call.
      await expect.poll(offers, SETTLE).toEqual([lou.leadId]);
      const [offer] = await s.deps.store.openOffersForRep(danaId);
      expect((await socket.emitWithAck('offer:accept', { offerId: offer!.offerId })).ok).toBe(true);
      const logged = await fetch(`${s.url}/v1/console/leads/${lou.leadId}/outcome`, {
        method: 'POST',
        headers: { cookie, origin: s.url, 'user-agent': BROWSER_UA, 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'connected' }),
      });
      expect(logged.status).toBe(200);
      // Not before its time (the hours open at 09:00); at 10:00 Pat's meeting is offered to the rep it was booked with.
      await time.scheduler.advanceTo(at(MON, '09:59'));
      expect(await offers()).toEqual([]);
      await time.scheduler.advanceTo(at(MON, '10:00'));
      await expect.poll(offers, SETTLE).toEqual([pat.leadId]);
    } finally {
      socket.close();
    }
  });
});
