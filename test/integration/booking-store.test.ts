// Booked meetings in the store, on every backend (SQLite; PostgreSQL on PGlite or the cluster
// suite's server): one rep's time is booked once, the buffer is kept, moves and cancels raise the
// SEQUENCE and carry the lead along, feed tokens are found by hash only.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import type { Site, Store } from '../../server/db/store';
import { seedDemo } from '../../server/demo/seed';
import { planCapture } from '../../server/capture/plan-capture.core';
import { DEFAULT_BOOKING } from '../../server/booking/booking-settings';
import { storeBackends, type OpenStore } from '../helpers/store-backends';
import { TEST_DEMO_PASSWORD } from '../helpers/test-server';

const NOW = Date.parse('2026-11-23T07:00:00Z');
const HOUR = 3_600_000;
const MIN = 60_000;
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 1 };

describe.each(storeBackends())('bookings on $name', (backend) => {
  let opened: OpenStore;
  let store: Store;
  let site: Site;
  let dana: string;

  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    const { siteKey } = await seedDemo(store, NOW, 20_000, TEST_DEMO_PASSWORD);
    site = (await store.siteByKey(siteKey))!;
    dana = (await store.userByEmail('dana@demo.sixty'))!.id;
  });

  afterEach(async () => {
    await opened.close();
  });

  async function waitingLead(name = 'Pat'): Promise<string> {
    const r = await store.commitCapture(
      planCapture({
        site,
        name,
        phoneE164: '+14155552671',
        email: null,
        answers: { projects: 'commercial', size: '51-200', role: 'decision' },
        pageUrl: null,
        visitorId: null,
        qualification: HOT,
        stage: 'hot',
        idempotency: null,
        now: NOW,
      }),
      null,
    );
    if (r.kind !== 'created') throw new Error('not created');
    return r.leadId;
  }

  const meeting = (leadId: string, start: number, bufferMs = 0) => ({
    id: randomUUID(),
    uid: `${randomUUID()}@sixty`,
    leadId,
    repId: dana,
    start,
    end: start + 30 * MIN,
    bufferMs,
  });

  it("keeps a site's meeting settings, the defaults until set", async () => {
    expect(await store.bookingSettings(site.id)).toEqual(DEFAULT_BOOKING);
    await store.setBookingSettings(site.id, { meetingMinutes: 45, noticeMinutes: 120, bufferMinutes: 10 });
    expect(await store.bookingSettings(site.id)).toEqual({ meetingMinutes: 45, noticeMinutes: 120, bufferMinutes: 10 });
  });

  it("books a waiting lead's meeting once: the lead is scheduled at its start with a trail line", async () => {
    const leadId = await waitingLead();
    const start = NOW + 3 * HOUR;
    const r = await store.bookMeeting(meeting(leadId, start), NOW);
    expect(r).toMatchObject({ ok: true, booking: { leadId, repId: dana, repName: 'Dana Reyes', start, end: start + 30 * MIN, status: 'active', sequence: 0 } });
    const facts = await store.visitorFacts(leadId);
    expect(facts).toMatchObject({ routing: 'scheduled', scheduledFor: start });
    const trail = await opened.query<{ kind: string; text: string }>('select kind, text from lead_events where lead_id = ? order by id', leadId);
    expect(trail.at(-1)).toEqual({ kind: 'meeting_booked', text: `Visitor booked a meeting with Dana Reyes at ${new Date(start).toISOString()}` });
    // The same visitor cannot book a second meeting: their lead is no longer waiting.
    expect(await store.bookMeeting(meeting(leadId, start + 2 * HOUR), NOW)).toEqual({ ok: false, reason: 'not_waiting' });
    expect(await store.bookedTimes([dana], { start: NOW, end: NOW + 24 * HOUR })).toEqual([{ repId: dana, start, end: start + 30 * MIN }]);
  });

  it("refuses a meeting that overlaps the rep's, or falls within the buffer; takes the next free one", async () => {
    const start = NOW + 3 * HOUR;
    expect((await store.bookMeeting(meeting(await waitingLead('A'), start), NOW)).ok).toBe(true);
    expect(await store.bookMeeting(meeting(await waitingLead('B'), start), NOW)).toEqual({ ok: false, reason: 'taken' });
    expect(await store.bookMeeting(meeting(await waitingLead('C'), start + 15 * MIN), NOW)).toEqual({ ok: false, reason: 'taken' });
    // Right after it: free without a buffer, refused with a 10-minute one.
    expect(await store.bookMeeting(meeting(await waitingLead('D'), start + 30 * MIN, 10 * MIN), NOW)).toEqual({ ok: false, reason: 'taken' });
    expect((await store.bookMeeting(meeting(await waitingLead('E'), start + 30 * MIN), NOW)).ok).toBe(true);
  });

  it('books one of twenty concurrent requests for the same time of one rep', async () => {
    const leads = await Promise.all(Array.from({ length: 20 }, (_, i) => waitingLead(`V${i}`)));
    const start = NOW + 5 * HOUR;
    const results = await Promise.all(leads.map((leadId) => store.bookMeeting(meeting(leadId, start), NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'taken')).toBe(true);
    expect(await opened.query<{ n: number }>("select count(*) as n from bookings where status = 'active'")).toEqual([{ n: 1 }]);
  });

  it('moves a meeting (SEQUENCE + 1, the lead follows), refuses a move onto another meeting, and cancels it', async () => {
    const first = await store.bookMeeting(meeting(await waitingLead('A'), NOW + 3 * HOUR), NOW);
    const leadId = await waitingLead('B');
    const r = await store.bookMeeting(meeting(leadId, NOW + 4 * HOUR), NOW);
    if (!r.ok || !first.ok) throw new Error('not booked');
    expect(await store.moveMeeting(r.booking.id, NOW + 3 * HOUR, NOW + 3 * HOUR + 30 * MIN, 0, NOW)).toEqual({ ok: false, reason: 'taken' });
    const to = NOW + 6 * HOUR;
    const moved = await store.moveMeeting(r.booking.id, to, to + 30 * MIN, 0, NOW);
    expect(moved).toMatchObject({ ok: true, booking: { start: to, sequence: 1, uid: r.booking.uid } });
    expect(await store.visitorFacts(leadId)).toMatchObject({ routing: 'scheduled', scheduledFor: to });

    const cancelled = await store.cancelMeeting(r.booking.id, NOW);
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 2 });
    expect(await store.cancelMeeting(r.booking.id, NOW)).toBeNull();
    expect(await store.visitorFacts(leadId)).toMatchObject({ routing: 'closed', scheduledFor: null });
    const kinds = await opened.query<{ kind: string }>('select kind from lead_events where lead_id = ? order by id', leadId);
    expect(kinds.map((k) => k.kind).slice(-3)).toEqual(['meeting_booked', 'meeting_moved', 'meeting_cancelled']);
    // The cancelled time is free again.
    expect((await store.bookMeeting(meeting(await waitingLead('C'), to), NOW)).ok).toBe(true);
    expect((await store.upcomingMeetings(dana, NOW, 10)).map((m) => m.start)).toEqual([NOW + 3 * HOUR, to]);
  });

  it('finds a rep by the hash of their feed token until it is replaced or revoked', async () => {
    await store.setFeedToken(dana, site.workspaceId, 'hash-1', NOW);
    expect(await store.repOfFeed('hash-1')).toBe(dana);
    await store.setFeedToken(dana, site.workspaceId, 'hash-2', NOW);
    expect(await store.repOfFeed('hash-1')).toBeNull();
    expect(await store.repOfFeed('hash-2')).toBe(dana);
    await store.setFeedToken(dana, site.workspaceId, null, NOW);
    expect(await store.repOfFeed('hash-2')).toBeNull();
  });
});
