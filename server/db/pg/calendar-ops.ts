import { eq, inArray, sql } from 'drizzle-orm';
import { connectionOf, readColumns, type CalendarStore } from '../../calendar/calendar-store';
import { calendarConnections as t } from './calendar-schema';
import type { PgDb } from './open';

// Reps' calendar connections on PostgreSQL, the twin of sqlite/calendar-ops.ts.
export function createCalendarOps(db: PgDb): CalendarStore {
  return {
    async calendarOf(repId) {
      const [row] = await db.select().from(t).where(eq(t.repId, repId));
      return row ? connectionOf(row) : null;
    },
    async calendarsOf(repIds) {
      if (!repIds.length) return [];
      return (
        await db
          .select()
          .from(t)
          .where(inArray(t.repId, [...repIds]))
      ).map(connectionOf);
    },
    async saveCalendar(c) {
      const row = { ...c, state: 'connected', lastReadOkAt: c.connectedAt, lastFailedAt: null, downSince: null, lastError: null };
      await db.insert(t).values(row).onConflictDoUpdate({ target: t.repId, set: row });
    },
    async removeCalendar(repId) {
      const removed = await db.delete(t).where(eq(t.repId, repId)).returning({ repId: t.repId });
      return removed.length > 0;
    },
    async recordCalendarRead(repId, outcome) {
      // One statement: the first failure's time (down_since) survives later failures, across processes.
      const set = readColumns(outcome, null);
      await db
        .update(t)
        .set(outcome.ok ? set : { ...set, downSince: sql`coalesce(${t.downSince}, ${outcome.at})` })
        .where(eq(t.repId, repId));
    },
  };
}
