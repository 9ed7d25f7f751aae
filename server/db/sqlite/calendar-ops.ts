import { eq, inArray } from 'drizzle-orm';
import { connectionOf, readColumns, type CalendarStore } from '../../calendar/calendar-store';
import { calendarConnections as t } from '../calendar-schema';
import type { Db } from './open';

// Reps' calendar connections on SQLite, the twin of pg/calendar-ops.ts.
export function createCalendarOps(db: Db): CalendarStore {
  return {
    async calendarOf(repId) {
      const row = db.select().from(t).where(eq(t.repId, repId)).get();
      return row ? connectionOf(row) : null;
    },
    async calendarsOf(repIds) {
      if (!repIds.length) return [];
      return db
        .select()
        .from(t)
        .where(inArray(t.repId, [...repIds]))
        .all()
        .map(connectionOf);
    },
    async saveCalendar(c) {
      const row = { ...c, state: 'connected', lastReadOkAt: c.connectedAt, lastFailedAt: null, downSince: null, lastError: null };
      db.insert(t).values(row).onConflictDoUpdate({ target: t.repId, set: row }).run();
    },
    async removeCalendar(repId) {
      return db.delete(t).where(eq(t.repId, repId)).run().changes > 0;
    },
    async recordCalendarRead(repId, outcome) {
      // One synchronous transaction: the first failure's time survives later failures.
      db.transaction((tx) => {
        const current = tx.select({ downSince: t.downSince }).from(t).where(eq(t.repId, repId)).get();
        if (current) tx.update(t).set(readColumns(outcome, current.downSince)).where(eq(t.repId, repId)).run();
      });
    },
  };
}
