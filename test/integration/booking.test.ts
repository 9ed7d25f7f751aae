// A visitor outside hours books a real meeting with a rep who is free for it: the times leave out
// the rep's calendar and Sixty meetings, the choice is checked against the calendar once more,
// the event goes into the rep's calendar and iTIP invites reach both mailboxes; a time taken
// meanwhile is refused with fresh times, also when 50 visitors race for it. Real server, real
// SQLite file, a local SMTP server; the rep's calendar is an in-memory CalendarPort.
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { weeklyHours } from '../../server/routing/hours.core';
import { FakeCalendar } from '../helpers/fake-calendar';
import { mimeParts } from '../helpers/mime-parts';
import { startInbox, type Inbox } from '../helpers/smtp-inbox';
import { callbackBody, connected, HOST_ORIGIN, postCallback, repSocket, signIn, startTestServer, visitorSocket, type TestServer } from '../helpers/test-server';
import { fakeTime } from '../sim/fake-time';
import { manageToken } from '../../server/booking/manage-link';

// Monday 2026-11-23 07:00 UTC: the team opens at 09:00.
const MONDAY_7 = Date.parse('2026-11-23T07:00:00Z');
const at = (hhmm: string, day = '2026-11-23') => Date.parse(`${day}T${hhmm}:00Z`);
const iso = (t: number) => new Date(t).toISOString();

describe('booking a meeting', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  /** The demo with Dana alone in Sales (or with Sam), 09:00 to 17:00 UTC on weekdays, calendars in memory. */
  async function setup(opts: { mail?: boolean; withSam?: boolean } = {}) {
    const time = fakeTime(MONDAY_7);
    const calendar = new FakeCalendar();
    const inbox: Inbox | null = opts.mail ? await startInbox() : null;
    if (inbox) cleanup.push(() => inbox.close());
    const s = await startTestServer({ ...time.server, calendar, ...(inbox ? { smtpUrl: inbox.url } : {}) });
    cleanup.push(() => s.stop());
    const dana = (await s.deps.store.userByEmail('dana@demo.sixty'))!;
    const [team] = await s.deps.store.teams(dana.workspaceId);
    await s.deps.store.updateTeam(team!.id, { hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00') });
    const sam = (await s.deps.store.userByEmail('sam@demo.sixty'))!;
    await s.deps.store.setTeamMembers(team!.id, opts.withSam ? [{ repId: dana.id }, { repId: sam.id }] : [{ repId: dana.id }]);
    return { s, time, calendar, inbox, dana, sam };
  }

  let phone = 100;
  /** A new visitor's callback (own phone and email, so no two join one lead). */
  async function visitor(s: TestServer, email: string | null = `v${phone}@example.com`, timeZone?: string) {
    phone++;
    const res = await postCallback(s.url, callbackBody(s.siteKey, { phone: `+1 415 555 2${phone}`, email: email ?? '', ...(timeZone ? { timeZone } : {}) }));
    expect(res.status).toBe(201);
    return res.body as { leadId: string; visitorToken: string; status: { state: string; slots: string[] } };
  }

  const choose = (s: TestServer, v: { leadId: string; visitorToken: string }, slot: string) =>
    fetch(`${s.url}/v1/callbacks/${v.leadId}/slot`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: HOST_ORIGIN },
      body: JSON.stringify({ token: v.visitorToken, slot }),
    });

  it('offers only times the rep is free for, books one, writes it into her calendar and mails iTIP invites to both', async () => {
    const { s, calendar, inbox, dana } = await setup({ mail: true });
    // Dana's team keeps the same hours in New York time (EST in November); Pat is in Los Angeles.
    const [team] = await s.deps.store.teams(dana.workspaceId);
    await s.deps.store.updateTeam(team!.id, { hours: weeklyHours('America/New_York', [1, 2, 3, 4, 5], '04:00', '12:00') });
    calendar.busy.set(dana.id, [{ start: at('09:00'), end: at('10:00') }]);
    const pat = await visitor(s, 'pat@example.com', 'America/Los_Angeles');
    expect(pat.status).toMatchObject({ state: 'no_rep', why: 'closed' });
    expect(pat.status.slots.slice(0, 3)).toEqual([iso(at('10:00')), iso(at('10:30')), iso(at('11:00'))]);

    const res = await choose(s, pat, iso(at('10:00')));
    expect(res.status).toBe(200);
    expect((await res.json()).status).toEqual({ state: 'scheduled', slot: iso(at('10:00')), meeting: { repName: 'Dana Reyes', endsAt: iso(at('10:30')) } });

    // The event in Dana's calendar: no METHOD, the visitor's answers and the lead card's link.
    await expect.poll(() => calendar.writes.length).toBe(1);
    const stored = new ICAL.Component(ICAL.parse(calendar.writes[0]!.ics!));
    expect(stored.getFirstPropertyValue('method')).toBeNull();
    const event = new ICAL.Event(stored.getFirstSubcomponent('vevent')!);
    expect(calendar.writes[0]).toMatchObject({ repId: dana.id, kind: 'put', uid: event.uid });
    expect(event.startDate.toJSDate().getTime()).toBe(at('10:00'));
    expect(event.description).toMatch(/commercial/i);
    expect(event.description).toContain(`/console/?lead=${pat.leadId}`);

    // Both invites: an inline text/calendar; method=REQUEST part and an .ics attachment, same UID.
    await expect.poll(() => inbox!.messages.map((m) => m.to).sort()).toEqual(['dana@demo.sixty', 'pat@example.com']);
    for (const mail of inbox!.messages) {
      const parts = mimeParts(mail.body);
      const inline = parts.find((p) => /^text\/calendar/i.test(p.contentType) && /method=REQUEST/i.test(p.contentType));
      const attached = parts.find((p) => /attachment/i.test(p.disposition) && /\.ics/.test(p.disposition));
      // The headers themselves, so a missing part names what was found instead.
      expect({ to: mail.to, inline: inline?.contentType, attached: attached?.disposition }).toEqual({
        to: mail.to,
        inline: expect.stringMatching(/^text\/calendar;.*method=REQUEST/i),
        attached: expect.stringMatching(/^attachment;.*\.ics/i),
      });
      for (const part of [inline!, attached!]) {
        const cal = new ICAL.Component(ICAL.parse(part.body));
        expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
        const vevent = cal.getFirstSubcomponent('vevent')!;
        const ev = new ICAL.Event(vevent);
        expect(ev.uid).toBe(event.uid);
        expect(ev.sequence).toBe(0);
        expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:dana@demo.sixty');
        expect(ev.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toContain('mailto:pat@example.com');
        expect([ev.startDate.toJSDate().getTime(), ev.endDate.toJSDate().getTime()]).toEqual([at('10:00'), at('10:30')]);
      }
    }

    // Each mail tells the time in its reader's zone, named: Dana's team's, Pat's browser's.
    const textOf = (to: string) => {
      const body = inbox!.messages.find((m) => m.to === to)!.body;
      const text = mimeParts(body).find((p) => /^text\/plain/i.test(p.contentType))!.body;
      return text.replace(/=\r?\n/g, '').replace(/=E2=80=AF|\u202f/g, ' ');
    };
    expect(textOf('dana@demo.sixty')).toContain('on Mon, Nov 23, 5:00 AM EST.');
    expect(textOf('pat@example.com')).toContain('on Mon, Nov 23, 2:00 AM PST.');

    // The visitor's add-to-calendar file, with their token only.
    const ics = await fetch(`${s.url}/v1/callbacks/${pat.leadId}/meeting.ics?token=${encodeURIComponent(pat.visitorToken)}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(new ICAL.Event(new ICAL.Component(ICAL.parse(await ics.text())).getFirstSubcomponent('vevent')!).uid).toBe(event.uid);
    expect((await fetch(`${s.url}/v1/callbacks/${pat.leadId}/meeting.ics?token=${pat.leadId}.forged`)).status).toBe(403);

    // The next visitor is not offered Dana's booked time.
    expect((await visitor(s)).status.slots[0]).toBe(iso(at('10:30')));
  });

  it("refuses a time taken in the rep's calendar since it was shown, with fresh times that leave it out", async () => {
    const { s, calendar, dana } = await setup();
    const v = await visitor(s);
    expect(v.status.slots[0]).toBe(iso(at('09:00')));
    calendar.lateBusy.set(dana.id, [{ start: at('09:00'), end: at('09:30') }]);
    const res = await choose(s, v, iso(at('09:00')));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('slot_taken');
    expect(body.slots[0]).toBe(iso(at('09:30')));
    expect(await s.deps.store.meetingOfLead(v.leadId)).toBeNull();
    // A time never offered (before opening) is a field error, not a conflict.
    const early = await choose(s, v, iso(at('08:00')));
    expect(early.status).toBe(400);
    expect((await early.json()).error.fields).toEqual({ slot: 'Pick one of the offered times' });
  });

  it('books exactly one of 50 visitors racing for the same time of one rep; the rest get 409 with fresh times', async () => {
    const { s } = await setup();
    const visitors = [];
    for (let i = 0; i < 50; i++) visitors.push(await visitor(s));
    const slot = iso(at('09:00'));
    expect(visitors.every((v) => v.status.slots[0] === slot)).toBe(true);
    const answers = await Promise.all(visitors.map(async (v) => ({ res: await choose(s, v, slot), v })));
    const won = answers.filter((a) => a.res.status === 200);
    const lost = answers.filter((a) => a.res.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const { res } of lost) {
      const body = await res.json();
      expect(body.error.code).toBe('slot_taken');
      expect(body.slots).not.toContain(slot);
      expect(body.slots.length).toBeGreaterThan(0);
    }
    const rows = await s.deps.store.upcomingMeetings((await s.deps.store.userByEmail('dana@demo.sixty'))!.id, MONDAY_7, 10);
    expect(rows.map((r) => [r.leadId, r.start])).toEqual([[won[0]!.v.leadId, at('09:00')]]);
  });

  it('follows the site meeting settings: length, notice and buffer, set by an admin', async () => {
    const { s, calendar, dana } = await setup();
    const admin = await signIn(s.url, 'admin@demo.sixty');
    const site = (await s.deps.store.siteByKey(s.siteKey))!;
    const put = (body: unknown) =>
      fetch(`${s.url}/v1/console/sites/${site.id}/booking`, {
        method: 'PUT',
        headers: { cookie: admin, 'content-type': 'application/json', origin: s.url },
        body: JSON.stringify(body),
      });
    const bad = await put({ meetingMinutes: 5, noticeMinutes: -1, bufferMinutes: 15 });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['meetingMinutes', 'noticeMinutes']);
    expect((await put({ meetingMinutes: 60, noticeMinutes: 180, bufferMinutes: 15 })).status).toBe(200);
    calendar.busy.set(dana.id, [{ start: at('12:00'), end: at('13:00') }]);
    const v = await visitor(s);
    // From 10:00 (three hours' notice), hour-long, 15 minutes clear of her 12:00 to 13:00.
    expect(v.status.slots.slice(0, 3)).toEqual([iso(at('10:00')), iso(at('10:30')), iso(at('13:30'))]);
    const res = await choose(s, v, iso(at('10:30')));
    expect((await res.json()).status.meeting.endsAt).toBe(iso(at('11:30')));
  });

  /** The iCalendar of a captured mail's inline invite. */
  function inviteIn(body: string) {
    const part = mimeParts(body).find((p) => /^text\/calendar/i.test(p.contentType))!;
    const cal = new ICAL.Component(ICAL.parse(part.body));
    return { method: cal.getFirstPropertyValue('method'), ev: new ICAL.Event(cal.getFirstSubcomponent('vevent')!) };
  }

  it('lets the visitor move and then cancel from the signed link in their mail; the calendar, both mailboxes and the trail follow', async () => {
    const { s, calendar, inbox } = await setup({ mail: true });
    const pat = await visitor(s, 'pat@example.com');
    expect((await choose(s, pat, iso(at('09:00')))).status).toBe(200);
    await expect.poll(() => inbox!.messages.length).toBe(2);
    const text = mimeParts(inbox!.messages.find((m) => m.to === 'pat@example.com')!.body).find((p) => p.contentType.startsWith('text/plain'))!.body;
    const link = text.split(/\s/).find((w) => w.includes('/meetings/'))!;
    const path = new URL(link).pathname;

    // The visitor's widget, still open, follows what the page does.
    const widget = visitorSocket(s.url, pat.visitorToken);
    cleanup.push(async () => void widget.close());
    const told: Array<{ state: string; slot?: string }> = [];
    widget.on('lead:status', (status) => void told.push(status));
    await connected(widget);

    const page = await fetch(`${s.url}${path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Your call with Dana Reyes');
    expect(html).toContain(`value="${iso(at('10:00'))}"`);

    // Moved to 10:00: the same UID with SEQUENCE 1 in her calendar and both mailboxes.
    const form = (slot: string) => ({ method: 'POST', body: new URLSearchParams({ slot }), redirect: 'manual' as const });
    const moved = await fetch(`${s.url}${path}/move`, form(iso(at('10:00'))));
    expect(moved.status).toBe(303);
    const next = moved.headers.get('location')!;
    expect(await (await fetch(`${s.url}${next}`)).text()).toContain('Moved: your call with Dana Reyes');
    await expect.poll(() => told.at(-1)).toMatchObject({ state: 'scheduled', slot: iso(at('10:00')) });
    await expect.poll(() => calendar.writes.length).toBe(2);
    const uid = calendar.writes[0]!.uid;
    expect(calendar.writes[1]).toMatchObject({ kind: 'put', uid });
    await expect.poll(() => inbox!.messages.length).toBe(4);
    for (const m of inbox!.messages.slice(2)) {
      const { method, ev } = inviteIn(m.body);
      expect([method, ev.uid, ev.sequence, ev.startDate.toJSDate().getTime()]).toEqual(['REQUEST', uid, 1, at('10:00')]);
    }
    // The first link is outdated now; a tampered, a garbage and an expired one are refused in words.
    const old = await fetch(`${s.url}${path}`);
    expect([old.status, await old.text()]).toEqual([410, expect.stringContaining('This link was replaced')]);
    const tampered = await fetch(`${s.url}${next.replace(/\?.*/, '').slice(0, -2)}xx`);
    expect([tampered.status, await tampered.text()]).toEqual([404, expect.stringContaining('This link is not valid')]);
    expect((await fetch(`${s.url}/meetings/x`)).status).toBe(404);
    const secret = await s.deps.store.secret('meeting-links');
    const booking = (await s.deps.store.meetingOfLead(pat.leadId))!;
    const expired = manageToken(secret, { bookingId: booking.id, sequence: booking.sequence, expiresAt: MONDAY_7 - 1 });
    expect((await fetch(`${s.url}/meetings/${expired}`)).status).toBe(410);
    const badTime = await fetch(`${s.url}${next.replace(/\?.*/, '')}/move`, form('not a time'));
    expect(badTime.status).toBe(400);

    // Cancelled: removed from her calendar, a CANCEL (SEQUENCE 2) to both, the lead's trail says it.
    const cancelled = await fetch(`${s.url}${next.replace(/\?.*/, '')}/cancel`, { method: 'POST', redirect: 'manual' });
    expect([cancelled.status, await cancelled.text()]).toEqual([200, expect.stringContaining('Your call is cancelled')]);
    await expect.poll(() => calendar.writes.map((w) => w.kind)).toEqual(['put', 'put', 'remove']);
    await expect.poll(() => inbox!.messages.length).toBe(6);
    for (const m of inbox!.messages.slice(4)) {
      const { method, ev } = inviteIn(m.body);
      expect([method, ev.uid, ev.sequence]).toEqual(['CANCEL', uid, 2]);
    }
    const card = (await s.deps.store.leadCard(pat.leadId, booking.workspaceId))!;
    expect(card.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['meeting_booked', 'meeting_moved', 'meeting_cancelled']));
    expect((await s.deps.store.visitorFacts(pat.leadId))!.routing).toBe('closed');
    await expect.poll(() => told.at(-1)?.state).toBe('closed');
  });

  it('offers the meeting at its time to the rep it was booked with first, though round robin would pick another', async () => {
    const { s, time, calendar, dana, sam } = await setup({ withSam: true });
    // Dana's calendar is busy at 09:00: the 09:00 meeting is booked with Sam.
    calendar.busy.set(dana.id, [{ start: at('09:00'), end: at('09:30') }]);
    const v = await visitor(s);
    const booked = await (await choose(s, v, iso(at('09:00')))).json();
    expect(booked.status.meeting.repName).toBe('Sam Okafor');
    // Both come online and available before 09:00; Dana was never offered a lead, so round robin would pick her.
    const sockets = await Promise.all(
      ['dana@demo.sixty', 'sam@demo.sixty'].map(async (email) => {
        const socket = repSocket(s.url, await signIn(s.url, email));
        await connected(socket);
        await socket.emitWithAck('presence:set', 'available');
        return socket;
      }),
    );
    cleanup.push(async () => sockets.forEach((x) => x.close()));
    const offers = () => s.deps.store.openOffersForRep(sam.id).then((o) => o.map((x) => x.leadId));
    expect(await offers()).toEqual([]);
    await time.scheduler.advanceTo(at('09:00'));
    await expect.poll(offers).toEqual([v.leadId]);
    expect(await s.deps.store.openOffersForRep(dana.id)).toEqual([]);
    const card = (await s.deps.store.leadCard(v.leadId, dana.workspaceId))!;
    expect(card.timeline.map((e) => e.text)).toContain('Meeting time: offered to the rep the meeting was booked with first');
  });

  it("serves the rep's private feed of her meetings to a subscribed calendar; a replaced or revoked URL gets 404", async () => {
    const { s } = await setup();
    const dana = await signIn(s.url, 'dana@demo.sixty');
    const feed = (method: string) => fetch(`${s.url}/v1/console/feed`, { method, headers: { cookie: dana, origin: s.url } });
    expect(await (await feed('GET')).json()).toEqual({ active: false, createdAt: null });
    const made = await feed('POST');
    expect(made.status).toBe(201);
    const { url } = await made.json();
    expect(url.startsWith(`${s.url}/feeds/`) && url.endsWith('.ics')).toBe(true);
    expect(await (await feed('GET')).json()).toEqual({ active: true, createdAt: MONDAY_7 });

    const pat = await visitor(s);
    expect((await choose(s, pat, iso(at('11:00')))).status).toBe(200);
    // A calendar app subscribed to the URL reads the meeting.
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.startDate.toJSDate().getTime(), e.summary])).toEqual([[at('11:00'), 'Call with Pat Lee (Acme website)']]);
    expect(events[0]!.uid).toBe((await s.deps.store.meetingOfLead(pat.leadId))!.uid);

    // Regenerated: the old URL is dead at once; turned off: the new one too.
    const { url: again } = await (await feed('POST')).json();
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(again)).status).toBe(200);
    expect((await feed('DELETE')).status).toBe(204);
    expect((await fetch(again)).status).toBe(404);
    expect((await fetch(`${s.url}/feeds/nothing.ics`)).status).toBe(404);
  });

  it("erases a person's meetings with the rest of their data", async () => {
    const { s, dana } = await setup();
    const pat = await visitor(s, 'erase-me@example.com');
    expect((await choose(s, pat, iso(at('09:00')))).status).toBe(200);
    const booking = (await s.deps.store.meetingOfLead(pat.leadId))!;
    await s.deps.erase(dana.workspaceId, { email: 'erase-me@example.com', phone: null, phoneMatches: () => false }, dana.id, MONDAY_7);
    expect(await s.deps.store.bookingById(booking.id)).toBeNull();
    expect(await s.deps.store.upcomingMeetings(dana.id, MONDAY_7, 10)).toEqual([]);
  });

  it("records a no-show in the lead's trail when the booked rep does not reach the visitor, and reports meetings in Numbers", async () => {
    const { s, time, dana } = await setup();
    const pat = await visitor(s);
    expect((await choose(s, pat, iso(at('09:00')))).status).toBe(200);
    const moving = await visitor(s);
    expect((await choose(s, moving, iso(at('09:30')))).status).toBe(200);
    expect((await s.deps.meetings.move((await s.deps.store.meetingOfLead(moving.leadId))!, at('11:00'), s.url)).kind).toBe('booked');
    const cancelling = await visitor(s);
    expect((await choose(s, cancelling, iso(at('10:00')))).status).toBe(200);
    expect(await s.deps.meetings.cancel((await s.deps.store.meetingOfLead(cancelling.leadId))!, s.url)).not.toBeNull();

    // At 09:00 Dana is offered Pat's meeting, accepts, and does not reach Pat.
    const cookie = await signIn(s.url, 'dana@demo.sixty');
    const socket = repSocket(s.url, cookie);
    cleanup.push(async () => void socket.close());
    await connected(socket);
    await socket.emitWithAck('presence:set', 'available');
    await time.scheduler.advanceTo(at('09:00'));
    await expect.poll(() => s.deps.store.openOffersForRep(dana.id).then((o) => o.length)).toBe(1);
    const [offer] = await s.deps.store.openOffersForRep(dana.id);
    expect((await socket.emitWithAck('offer:accept', { offerId: offer!.offerId })).ok).toBe(true);
    const logged = await fetch(`${s.url}/v1/console/leads/${pat.leadId}/outcome`, {
      method: 'POST',
      headers: { cookie, origin: s.url, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'no_answer' }),
    });
    expect(logged.status).toBe(200);
    expect((await logged.json()).timeline.map((e: { text: string }) => e.text)).toContain(
      `No-show: Dana Reyes did not reach the visitor at the meeting booked for ${iso(at('09:00'))}`,
    );

    const admin = await signIn(s.url, 'admin@demo.sixty');
    const range = `from=${encodeURIComponent(iso(MONDAY_7))}&to=${encodeURIComponent(iso(at('23:00')))}`;
    const numbers = await (await fetch(`${s.url}/v1/console/reports?${range}`, { headers: { cookie: admin } })).json();
    expect(numbers.meetings).toEqual({ booked: 3, moved: 1, cancelled: 1, held: 0, noShow: 1, notLogged: 0, upcoming: 1 });
  });

  it('refuses a visitor hammering the booking route with 429 and Retry-After', async () => {
    const { s } = await setup();
    const v = await visitor(s);
    const answers = [];
    // Times never offered (before opening): each is a 400 until the limit, then 429.
    for (let i = 0; i < 21; i++) answers.push(await choose(s, v, iso(at('08:00'))));
    expect(answers.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(400));
    expect(answers[20]!.status).toBe(429);
    expect(Number(answers[20]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
