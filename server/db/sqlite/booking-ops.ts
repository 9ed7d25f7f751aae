// Booked meetings on SQLite: one writer, so the overlap check and the insert in one synchronous
// transaction cannot interleave with another booking; the partial unique index backs it up.
import { and, asc, desc, eq, gt, gte, inArray, lt, ne } from 'drizzle-orm';
import type { BookingOps, BookResult } from '../../booking/booking-store';
import * as b from '../booking-schema';
import { toBooking, toBookingSettings, type BookingRow } from '../booking-rows';
import * as t from '../schema';
import type { Conn, StoreContext } from './context';

export function bookingOps(ctx: StoreContext): BookingOps {
  const { db, reader, rules } = ctx;

  const repOf = (conn: Conn, repId: string) => conn.select({ name: t.users.name, email: t.users.email }).from(t.users).where(eq(t.users.id, repId)).get();
  const withRep = (conn: Conn, row: BookingRow) => toBooking(row, repOf(conn, row.repId));

  /** Another active meeting of the rep within the buffer of [start, end). */
  function clash(conn: Conn, repId: string, start: number, end: number, bufferMs: number, except: string | null): boolean {
    const others = conn
      .select({ id: b.bookings.id })
      .from(b.bookings)
      .where(
        and(
          eq(b.bookings.repId, repId),
          eq(b.bookings.status, 'active'),
          lt(b.bookings.startAt, end + bufferMs),
          gt(b.bookings.endAt, start - bufferMs),
          except ? ne(b.bookings.id, except) : undefined,
        ),
      )
      .all();
    return others.length > 0;
  }

  return {
    async bookingSettings(siteId) {
      return toBookingSettings(db.select().from(b.siteBooking).where(eq(b.siteBooking.siteId, siteId)).get());
    },

    async setBookingSettings(siteId, s) {
      db.insert(b.siteBooking)
        .values({ siteId, ...s })
        .onConflictDoUpdate({ target: b.siteBooking.siteId, set: s })
        .run();
    },

    async bookedTimes(repIds, range) {
      if (!repIds.length) return [];
      return db
        .select({ repId: b.bookings.repId, start: b.bookings.startAt, end: b.bookings.endAt })
        .from(b.bookings)
        .where(
          and(inArray(b.bookings.repId, [...repIds]), eq(b.bookings.status, 'active'), lt(b.bookings.startAt, range.end), gt(b.bookings.endAt, range.start)),
        )
        .all();
    },

    async bookMeeting(nb, now): Promise<BookResult> {
      return db.transaction((tx): BookResult => {
        const lead = reader.lead(nb.leadId);
        if (!lead) return { ok: false, reason: 'not_found' };
        const rep = repOf(tx, nb.repId);
        if (!rep) return { ok: false, reason: 'not_found' };
        if (clash(tx, nb.repId, nb.start, nb.end, nb.bufferMs, null)) return { ok: false, reason: 'taken' };
        const plan = rules.planMeeting(lead, { bookingId: nb.id, start: nb.start, repId: nb.repId, repName: rep.name }, ctx.site(tx, lead.siteId).slaMs);
        if (!plan) return { ok: false, reason: 'not_waiting' };
        const row: BookingRow = {
          id: nb.id,
          workspaceId: lead.workspaceId,
          siteId: lead.siteId,
          leadId: lead.id,
          repId: nb.repId,
          startAt: nb.start,
          endAt: nb.end,
          status: 'active',
          uid: nb.uid,
          sequence: 0,
        };
        tx.insert(b.bookings)
          .values({ ...row, createdAt: now, updatedAt: now })
          .run();
        ctx.execute(tx, lead, plan, now);
        return { ok: true, booking: toBooking(row, rep) };
      });
    },

    async moveMeeting(id, start, end, bufferMs, now): Promise<BookResult> {
      return db.transaction((tx): BookResult => {
        const row = tx.select().from(b.bookings).where(eq(b.bookings.id, id)).get();
        if (!row || row.status !== 'active') return { ok: false, reason: 'not_found' };
        const lead = reader.lead(row.leadId);
        if (!lead) return { ok: false, reason: 'not_found' };
        if (clash(tx, row.repId, start, end, bufferMs, row.id)) return { ok: false, reason: 'taken' };
        const rep = repOf(tx, row.repId);
        const plan = rules.planMeetingMoved(
          lead,
          { bookingId: id, from: row.startAt, to: start, repName: rep?.name ?? 'the rep' },
          ctx.site(tx, lead.siteId).slaMs,
        );
        if (!plan) return { ok: false, reason: 'not_waiting' };
        const moved = { ...row, startAt: start, endAt: end, sequence: row.sequence + 1 };
        tx.update(b.bookings).set({ startAt: start, endAt: end, sequence: moved.sequence, updatedAt: now }).where(eq(b.bookings.id, id)).run();
        ctx.execute(tx, lead, plan, now);
        return { ok: true, booking: toBooking(moved, rep) };
      });
    },

    async cancelMeeting(id, now) {
      return db.transaction((tx) => {
        const row = tx.select().from(b.bookings).where(eq(b.bookings.id, id)).get();
        if (!row || row.status !== 'active') return null;
        const rep = repOf(tx, row.repId);
        const cancelled = { ...row, status: 'cancelled' as const, sequence: row.sequence + 1 };
        tx.update(b.bookings).set({ status: 'cancelled', sequence: cancelled.sequence, updatedAt: now }).where(eq(b.bookings.id, id)).run();
        const lead = reader.lead(row.leadId);
        if (lead) ctx.execute(tx, lead, rules.planMeetingCancelled(lead, { bookingId: id, start: row.startAt, repName: rep?.name ?? 'the rep' }), now);
        return toBooking(cancelled, rep);
      });
    },

    async recordMeetingResult(id, result, now) {
      return db.transaction((tx) => {
        const row = tx.select().from(b.bookings).where(eq(b.bookings.id, id)).get();
        if (!row || row.status !== 'active') return false;
        const done = tx
          .select({ id: t.leadEvents.id })
          .from(t.leadEvents)
          .where(and(eq(t.leadEvents.leadId, row.leadId), inArray(t.leadEvents.kind, ['meeting_held', 'meeting_no_show']), gte(t.leadEvents.at, row.startAt)))
          .get();
        const lead = reader.lead(row.leadId);
        if (done || !lead) return false;
        const rep = repOf(tx, row.repId);
        ctx.execute(tx, lead, rules.planMeetingResult({ bookingId: id, start: row.startAt, repName: rep?.name ?? 'The rep' }, result), now);
        return true;
      });
    },

    async bookingById(id) {
      const row = db.select().from(b.bookings).where(eq(b.bookings.id, id)).get();
      return row ? withRep(db, row) : null;
    },

    async meetingOfLead(leadId) {
      const row = db
        .select()
        .from(b.bookings)
        .where(and(eq(b.bookings.leadId, leadId), eq(b.bookings.status, 'active')))
        .orderBy(desc(b.bookings.createdAt))
        .get();
      return row ? withRep(db, row) : null;
    },

    async upcomingMeetings(repId, from, limit) {
      return db
        .select()
        .from(b.bookings)
        .where(and(eq(b.bookings.repId, repId), eq(b.bookings.status, 'active'), gt(b.bookings.endAt, from)))
        .orderBy(asc(b.bookings.startAt))
        .limit(limit)
        .all()
        .map((row) => withRep(db, row));
    },

    async setFeedToken(repId, workspaceId, tokenHash, now) {
      if (tokenHash === null) {
        db.delete(b.repFeeds).where(eq(b.repFeeds.repId, repId)).run();
        return;
      }
      db.insert(b.repFeeds)
        .values({ repId, workspaceId, tokenHash, createdAt: now })
        .onConflictDoUpdate({ target: b.repFeeds.repId, set: { tokenHash, createdAt: now } })
        .run();
    },

    async feedOf(repId) {
      return db.select({ createdAt: b.repFeeds.createdAt }).from(b.repFeeds).where(eq(b.repFeeds.repId, repId)).get() ?? null;
    },

    async repOfFeed(tokenHash) {
      return db.select({ repId: b.repFeeds.repId }).from(b.repFeeds).where(eq(b.repFeeds.tokenHash, tokenHash)).get()?.repId ?? null;
    },
  };
}
