import { randomUUID } from 'node:crypto';
import { and, desc, eq, getTableColumns, gte, inArray, lt, sql } from 'drizzle-orm';
import { DIGEST_ROLES, slaChangeOf, subscriptionOf, type SlaStore } from '../../sla/sla-store';
import { leads, users, workspaces } from '../schema';
import { digestSends, digestSubscriptions, marketingSlaChanges as changes } from '../sla-schema';
import type { Db } from './open';

// The saved SLA, digest choices and sent digests on SQLite, the twin of pg/sla-ops.ts.
export function createSlaOps(db: Db): SlaStore {
  return {
    async slaHistory(workspaceId, limit) {
      return db
        .select()
        .from(changes)
        .where(eq(changes.workspaceId, workspaceId))
        .orderBy(desc(changes.changedAt), desc(changes.id))
        .limit(limit)
        .all()
        .map(slaChangeOf);
    },
    async saveSla(workspaceId, input, by, at) {
      const row = { id: randomUUID(), workspaceId, ...input, changedBy: by.id, changedByName: by.name, changedAt: at };
      db.insert(changes).values(row).run();
      return slaChangeOf(row);
    },
    async digestOf(userId) {
      const row = db.select().from(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).get();
      return row ? subscriptionOf(row) : null;
    },
    async setDigest(userId, sub) {
      if (!sub) {
        db.delete(digestSubscriptions).where(eq(digestSubscriptions.userId, userId)).run();
        return;
      }
      const row = { userId, workspaceId: sub.workspaceId, frequency: sub.cadence, timeZone: sub.timeZone, since: sub.since };
      db.insert(digestSubscriptions).values(row).onConflictDoUpdate({ target: digestSubscriptions.userId, set: row }).run();
    },
    async digestRecipients() {
      return db
        .select({ ...getTableColumns(digestSubscriptions), email: users.email, name: users.name })
        .from(digestSubscriptions)
        .innerJoin(users, eq(users.id, digestSubscriptions.userId))
        .where(and(eq(users.active, true), inArray(users.role, [...DIGEST_ROLES])))
        .all()
        .map(subscriptionOf);
    },
    async claimDigest(userId, period, at) {
      return db.insert(digestSends).values({ userId, period, claimedAt: at }).onConflictDoNothing().run().changes > 0;
    },
    async releaseDigest(userId, period) {
      db.delete(digestSends)
        .where(and(eq(digestSends.userId, userId), eq(digestSends.period, period)))
        .run();
    },
    async wonDeals(workspaceId, from, to) {
      const row = db
        .select({ won: sql<number>`count(*)`, revenue: sql<number>`coalesce(sum(${leads.dealValue}), 0)` })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), eq(leads.stage, 'won'), gte(leads.closedAt, from), lt(leads.closedAt, to)))
        .get();
      const ws = db.select({ currency: workspaces.currency }).from(workspaces).where(eq(workspaces.id, workspaceId)).get();
      return { won: Number(row?.won ?? 0), revenue: Number(row?.revenue ?? 0), currency: ws?.currency ?? 'USD' };
    },
  };
}
