import { randomUUID } from 'node:crypto';
import { and, desc, eq, getTableColumns, gte, inArray, lt, sql } from 'drizzle-orm';
import { DIGEST_ROLES, slaChangeOf, subscriptionOf, type SlaStore } from '../../sla/sla-store';
import { leads, users, workspaces } from './schema';
import { digestSends, digestSubscriptions, marketingSlaChanges as changes } from './sla-schema';
import type { PgDb } from './open';

// The saved SLA, digest choices and sent digests on PostgreSQL, the twin of sqlite/sla-ops.ts.
// A digest period is claimed by its primary key: of processes sending at once, one inserts.
export function createSlaOps(db: PgDb): SlaStore {
  return {
    async slaHistory(workspaceId, limit) {
      const rows = await db.select().from(changes).where(eq(changes.workspaceId, workspaceId)).orderBy(desc(changes.changedAt), desc(changes.id)).limit(limit);
      return rows.map(slaChangeOf);
    },
    async saveSla(workspaceId, input, by, at) {
      const row = { id: randomUUID(), workspaceId, ...input, changedBy: by.id, changedByName: by.name, changedAt: at };
      await db.insert(changes).values(row);
      return slaChangeOf(row);
    },
    async digestOf(userId) {
      const [row] = await db.select().from(digestSubscriptions).where(eq(digestSubscriptions.userId, userId));
      return row ? subscriptionOf(row) : null;
    },
    async setDigest(userId, sub) {
      if (!sub) {
        await db.delete(digestSubscriptions).where(eq(digestSubscriptions.userId, userId));
        return;
      }
      const row = { userId, workspaceId: sub.workspaceId, frequency: sub.cadence, timeZone: sub.timeZone, since: sub.since };
      await db.insert(digestSubscriptions).values(row).onConflictDoUpdate({ target: digestSubscriptions.userId, set: row });
    },
    async digestRecipients() {
      const rows = await db
        .select({ ...getTableColumns(digestSubscriptions), email: users.email, name: users.name })
        .from(digestSubscriptions)
        .innerJoin(users, eq(users.id, digestSubscriptions.userId))
        .where(and(eq(users.active, true), inArray(users.role, [...DIGEST_ROLES])));
      return rows.map(subscriptionOf);
    },
    async claimDigest(userId, period, at) {
      const claimed = await db.insert(digestSends).values({ userId, period, claimedAt: at }).onConflictDoNothing().returning({ userId: digestSends.userId });
      return claimed.length > 0;
    },
    async releaseDigest(userId, period) {
      await db.delete(digestSends).where(and(eq(digestSends.userId, userId), eq(digestSends.period, period)));
    },
    async wonDeals(workspaceId, from, to) {
      const [row] = await db
        .select({ won: sql<number>`count(*)`, revenue: sql<number>`coalesce(sum(${leads.dealValue}), 0)` })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), eq(leads.stage, 'won'), gte(leads.closedAt, from), lt(leads.closedAt, to)));
      const [ws] = await db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId));
      return { won: Number(row?.won ?? 0), revenue: Number(row?.revenue ?? 0), currency: ws?.currency ?? 'USD' };
    },
  };
}
