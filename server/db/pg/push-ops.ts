import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, lt, sql } from 'drizzle-orm';
import type { PushStore } from '../../push/push-store';
import { users } from './schema';
import { pushActionTokens as tokens, pushDeliveries as deliveries, pushSubscriptions as devices, vapidKeys } from './push-schema';
import type { PgDb } from './open';

/** The one row of `vapid_keys`. */
const INSTALL = 'install';

// Push keys, devices, action tokens and delivery claims on PostgreSQL, the twin of
// sqlite/push-ops.ts. The key pair and each push are claimed by a primary key: of processes
// doing it at once, one inserts and the others read its row or skip.
export function createPushOps(db: PgDb): PushStore {
  return {
    async vapidKeys(make, now) {
      await db
        .insert(vapidKeys)
        .values({ id: INSTALL, ...make(), createdAt: now })
        .onConflictDoNothing();
      const [row] = await db.select().from(vapidKeys).where(eq(vapidKeys.id, INSTALL));
      if (!row) throw new Error('vapid_keys missing after insert');
      return { publicKey: row.publicKey, privateKey: row.privateKey };
    },
    async saveDevice(device, now) {
      const fresh = { id: randomUUID(), ...device, createdAt: now, lastDeliveryAt: null, lastFailure: null };
      // One statement, so two saves of one endpoint at once cannot both insert.
      const [row] = await db.insert(devices).values(fresh).onConflictDoUpdate({ target: devices.endpoint, set: device }).returning();
      return { device: row!, created: row!.id === fresh.id };
    },
    async devicesOf(userId) {
      return db.select().from(devices).where(eq(devices.userId, userId)).orderBy(asc(devices.createdAt), asc(devices.id));
    },
    async deviceCount(userId) {
      const [row] = await db.select({ n: count() }).from(devices).where(eq(devices.userId, userId));
      return Number(row?.n ?? 0);
    },
    async dropDevice(id, ownerId, awayReason) {
      return db.transaction(async (tx) => {
        const which = ownerId === null ? eq(devices.id, id) : and(eq(devices.id, id), eq(devices.userId, ownerId));
        const [gone] = await tx.delete(devices).where(which).returning({ userId: devices.userId });
        if (!gone) return null;
        const [left] = await tx.select({ n: count() }).from(devices).where(eq(devices.userId, gone.userId));
        if (Number(left?.n ?? 0) > 0) return { userId: gone.userId, wentAway: false };
        // 'devices' is compared as text: the presence column's declared values may not name it yet.
        const away = await tx
          .update(users)
          .set({ presence: 'away', awayReason })
          .where(and(eq(users.id, gone.userId), sql`${users.presence} = 'devices'`))
          .returning({ id: users.id });
        return { userId: gone.userId, wentAway: away.length > 0 };
      });
    },
    async deliveryOk(id, at) {
      await db.update(devices).set({ lastDeliveryAt: at, lastFailure: null }).where(eq(devices.id, id));
    },
    async deliveryFailed(id, failure) {
      await db.update(devices).set({ lastFailure: failure }).where(eq(devices.id, id));
    },
    async addActionToken(token) {
      await db.insert(tokens).values({ ...token, usedAt: null });
    },
    async useActionToken(hash, now) {
      // One conditional update: of two uses at once, one sets used_at and the other finds it set.
      const [used] = await db
        .update(tokens)
        .set({ usedAt: now })
        .where(and(eq(tokens.hash, hash), isNull(tokens.usedAt)))
        .returning();
      if (used) return used.expiresAt <= now ? { ok: false, error: 'expired' } : { ok: true, offerId: used.offerId, repId: used.repId };
      const [known] = await db.select({ hash: tokens.hash }).from(tokens).where(eq(tokens.hash, hash));
      return { ok: false, error: known ? 'used' : 'unknown' };
    },
    async claimDelivery(offerId, subscriptionId, kind, at) {
      const claimed = await db
        .insert(deliveries)
        .values({ offerId, subscriptionId, kind, claimedAt: at })
        .onConflictDoNothing()
        .returning({ offerId: deliveries.offerId });
      return claimed.length > 0;
    },
    async prune(before) {
      const t = await db.delete(tokens).where(lt(tokens.expiresAt, before)).returning({ hash: tokens.hash });
      const d = await db.delete(deliveries).where(lt(deliveries.claimedAt, before)).returning({ offerId: deliveries.offerId });
      return t.length + d.length;
    },
  };
}
