// Booked meetings on PostgreSQL: a booking takes its lead's workspace lock first (as every
// routing write does), so the overlap check and the insert of one rep's meetings run one
// transaction at a time across processes; the partial unique index backs it up.
import { and, asc, desc, eq, gt, gte, inArray, lt, ne } from 'drizzle-orm';
import type { BookingOps, BookResult } from '../../booking/booking-store';
import { toBooking, toBookingSettings, type BookingRow } from '../booking-rows';
import * as b from './booking-schema';
import type { StoreContext } from './context';
import { executePlan } from './execute-plan';
import { lockWorkspaceOf } from './locks';
import type { PgConn, PgTx } from './open';
import * as t from './schema';

export function bookingOps(ctx: StoreContext): BookingOps {
  const { db, reader, rules } = ctx;

  const repOf = async (conn: PgConn, repId: string) =>
    (await conn.select({ name: t.users.name, email: t.users.email }).from(t.users).where(eq(t.users.id, repId)))[0];
  const withRep = async (conn: PgConn, row: BookingRow) => toBooking(row, await repOf(conn, row.repId));

  /** Another active meeting of the rep within the buffer of [start, end). */
  async function clash(conn: PgConn, repId: string, start: number, end: number, bufferMs: number, except: string | null): Promise<boolean> {
    const others = await conn
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
      .limit(1);
    return others.length > 0;
  }

  /** The booking, its lead's workspace locked. */
  async function lockedBooking(conn: PgTx, id: string) {
    const [found] = await conn.select({ leadId: b.bookings.leadId }).from(b.bookings).where(eq(b.bookings.id, id));
    if (!found || (await lockWorkspaceOf(conn, t.leads, found.leadId)) === null) return null;
    const [row] = await conn.select().from(b.bookings).where(eq(b.bookings.id, id));
    return row ?? null;
  }

  return {
    async bookingSettings(siteId) {
      const [row] = await db.select().from(b.siteBooking).where(eq(b.siteBooking.siteId, siteId));
      return toBookingSettings(row);
    },

    async setBookingSettings(siteId, s) {
      await db
        .insert(b.siteBooking)
        .values({ siteId, ...s })
        .onConflictDoUpdate({ target: b.siteBooking.siteId, set: s });
    },

    async bookedTimes(repIds, range) {
      if (!repIds.length) return [];
      return db
        .select({ repId: b.bookings.repId, start: b.bookings.startAt, end: b.bookings.endAt })
        .from(b.bookings)
        .where(
          and(inArray(b.bookings.repId, [...repIds]), eq(b.bookings.status, 'active'), lt(b.bookings.startAt, range.end), gt(b.bookings.endAt, range.start)),
        );
    },

    async bookMeeting(nb, now): Promise<BookResult> {
      return db.transaction(async (tx): Promise<BookResult> => {
        if ((await lockWorkspaceOf(tx, t.leads, nb.leadId)) === null) return { ok: false, reason: 'not_found' };
        const lead = (await reader.lead(tx, nb.leadId))!;
        const rep = await repOf(tx, nb.repId);
        if (!rep) return { ok: false, reason: 'not_found' };
        if (await clash(tx, nb.repId, nb.start, nb.end, nb.bufferMs, null)) return { ok: false, reason: 'taken' };
        const site = await ctx.site(tx, lead.siteId);
        const plan = rules.planMeeting(lead, { bookingId: nb.id, start: nb.start, repId: nb.repId, repName: rep.name }, site.slaMs);
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
        await tx.insert(b.bookings).values({ ...row, createdAt: now, updatedAt: now });
        await executePlan(tx, lead, plan, now, rules.funnelStages);
        return { ok: true, booking: toBooking(row, rep) };
      });
    },

    async moveMeeting(id, start, end, bufferMs, now): Promise<BookResult> {
      return db.transaction(async (tx): Promise<BookResult> => {
        const row = await lockedBooking(tx, id);
        if (!row || row.status !== 'active') return { ok: false, reason: 'not_found' };
        const lead = await reader.lead(tx, row.leadId);
        if (!lead) return { ok: false, reason: 'not_found' };
        if (await clash(tx, row.repId, start, end, bufferMs, row.id)) return { ok: false, reason: 'taken' };
        const rep = await repOf(tx, row.repId);
        const site = await ctx.site(tx, lead.siteId);
        const plan = rules.planMeetingMoved(lead, { bookingId: id, from: row.startAt, to: start, repName: rep?.name ?? 'the rep' }, site.slaMs);
        if (!plan) return { ok: false, reason: 'not_waiting' };
        const moved = { ...row, startAt: start, endAt: end, sequence: row.sequence + 1 };
        await tx.update(b.bookings).set({ startAt: start, endAt: end, sequence: moved.sequence, updatedAt: now }).where(eq(b.bookings.id, id));
        await executePlan(tx, lead, plan, now, rules.funnelStages);
        return { ok: true, booking: toBooking(moved, rep) };
      });
    },

    async cancelMeeting(id, now) {
      return db.transaction(async (tx) => {
        const row = await lockedBooking(tx, id);
        if (!row || row.status !== 'active') return null;
        const rep = await repOf(tx, row.repId);
        const cancelled = { ...row, status: 'cancelled' as const, sequence: row.sequence + 1 };
        await tx.update(b.bookings).set({ status: 'cancelled', sequence: cancelled.sequence, updatedAt: now }).where(eq(b.bookings.id, id));
        const lead = await reader.lead(tx, row.leadId);
        if (lead)
          await executePlan(
            tx,
            lead,
            rules.planMeetingCancelled(lead, { bookingId: id, start: row.startAt, repName: rep?.name ?? 'the rep' }),
            now,
            rules.funnelStages,
          );
        return toBooking(cancelled, rep);
      });
    },

    async recordMeetingResult(id, result, now) {
      return db.transaction(async (tx) => {
        const row = await lockedBooking(tx, id);
        if (!row || row.status !== 'active') return false;
        const [done] = await tx
          .select({ id: t.leadEvents.id })
          .from(t.leadEvents)
          .where(and(eq(t.leadEvents.leadId, row.leadId), inArray(t.leadEvents.kind, ['meeting_held', 'meeting_no_show']), gte(t.leadEvents.at, row.startAt)))
          .limit(1);
        const lead = await reader.lead(tx, row.leadId);
        if (done || !lead) return false;
        const rep = await repOf(tx, row.repId);
        await executePlan(
          tx,
          lead,
          rules.planMeetingResult({ bookingId: id, start: row.startAt, repName: rep?.name ?? 'The rep' }, result),
          now,
          rules.funnelStages,
        );
        return true;
      });
    },

    async bookingById(id) {
      const [row] = await db.select().from(b.bookings).where(eq(b.bookings.id, id));
      return row ? withRep(db, row) : null;
    },

    async meetingOfLead(leadId) {
      const [row] = await db
        .select()
        .from(b.bookings)
        .where(and(eq(b.bookings.leadId, leadId), eq(b.bookings.status, 'active')))
        .orderBy(desc(b.bookings.createdAt))
        .limit(1);
      return row ? withRep(db, row) : null;
    },

    async upcomingMeetings(repId, from, limit) {
      const rows = await db
        .select()
        .from(b.bookings)
        .where(and(eq(b.bookings.repId, repId), eq(b.bookings.status, 'active'), gt(b.bookings.endAt, from)))
        .orderBy(asc(b.bookings.startAt))
        .limit(limit);
      return Promise.all(rows.map((row) => withRep(db, row)));
    },

    async setFeedToken(repId, workspaceId, tokenHash, now) {
      if (tokenHash === null) {
        await db.delete(b.repFeeds).where(eq(b.repFeeds.repId, repId));
        return;
      }
      await db
        .insert(b.repFeeds)
        .values({ repId, workspaceId, tokenHash, createdAt: now })
        .onConflictDoUpdate({ target: b.repFeeds.repId, set: { tokenHash, createdAt: now } });
    },

    async feedOf(repId) {
      const [row] = await db.select({ createdAt: b.repFeeds.createdAt }).from(b.repFeeds).where(eq(b.repFeeds.repId, repId));
      return row ?? null;
    },

    async repOfFeed(tokenHash) {
      const [row] = await db.select({ repId: b.repFeeds.repId }).from(b.repFeeds).where(eq(b.repFeeds.tokenHash, tokenHash));
      return row?.repId ?? null;
    },
  };
}
