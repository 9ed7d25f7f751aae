import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, lt, sql } from 'drizzle-orm';
import type { PushStore } from '../../push/push-store';
import { users } from '../schema';
import { pushActionTokens as tokens, pushDeliveries as deliveries, pushSubscriptions as devices, vapidKeys } from '../push-schema';
import type { Db } from './open';

/** The one row of `vapid_keys`. */
const INSTALL = 'install';

// Push keys, devices, action tokens and delivery claims on SQLite, the twin of pg/push-ops.ts.
export function createPushOps(db: Db): PushStore {
  // Asked for every offer made and closed (a burst's thousand offers): prepared once.
  const devicesOf = db
    .select()
    .from(devices)
    .where(eq(devices.userId, sql.placeholder('user')))
    .orderBy(asc(devices.createdAt), asc(devices.id))
    .prepare();
  return {
    async vapidKeys(make, now) {
      return db.transaction((tx) => {
        const row = tx.select().from(vapidKeys).where(eq(vapidKeys.id, INSTALL)).get();
        if (row) return { publicKey: row.publicKey, privateKey: row.privateKey };
        const keys = make();
        tx.insert(vapidKeys)
          .values({ id: INSTALL, ...keys, createdAt: now })
          .run();
        return keys;
      });
    },
    async saveDevice(device, now) {
      const fresh = { id: randomUUID(), ...device, createdAt: now, lastDeliveryAt: null, lastFailure: null };
      const row = db.insert(devices).values(fresh).onConflictDoUpdate({ target: devices.endpoint, set: device }).returning().get();
      return { device: row, created: row.id === fresh.id };
    },
    async devicesOf(userId) {
      return devicesOf.all({ user: userId });
    },
    async deviceCount(userId) {
      return db.select({ n: count() }).from(devices).where(eq(devices.userId, userId)).get()?.n ?? 0;
    },
    async dropDevice(id, ownerId, awayReason) {
      return db.transaction((tx) => {
        const which = ownerId === null ? eq(devices.id, id) : and(eq(devices.id, id), eq(devices.userId, ownerId));
        const gone = tx.delete(devices).where(which).returning({ userId: devices.userId }).get();
        if (!gone) return null;
        const left = tx.select({ n: count() }).from(devices).where(eq(devices.userId, gone.userId)).get()?.n ?? 0;
        // 'devices' is compared as text: the presence column's declared values may not name it yet.
        const away =
          left === 0 &&
          tx
            .update(users)
            .set({ presence: 'away', awayReason })
            .where(and(eq(users.id, gone.userId), sql`${users.presence} = 'devices'`))
            .run().changes > 0;
        return { userId: gone.userId, wentAway: away };
      });
    },
    async deliveryOk(id, at) {
      db.update(devices).set({ lastDeliveryAt: at, lastFailure: null }).where(eq(devices.id, id)).run();
    },
    async deliveryFailed(id, failure) {
      db.update(devices).set({ lastFailure: failure }).where(eq(devices.id, id)).run();
    },
    async addActionToken(token) {
      db.insert(tokens)
        .values({ ...token, usedAt: null })
        .run();
    },
    async useActionToken(hash, now) {
      const used = db
        .update(tokens)
        .set({ usedAt: now })
        .where(and(eq(tokens.hash, hash), isNull(tokens.usedAt)))
        .returning()
        .get();
      if (used) return used.expiresAt <= now ? { ok: false, error: 'expired' } : { ok: true, offerId: used.offerId, repId: used.repId };
      const known = db.select({ hash: tokens.hash }).from(tokens).where(eq(tokens.hash, hash)).get();
      return { ok: false, error: known ? 'used' : 'unknown' };
    },
    async claimDelivery(offerId, subscriptionId, kind, at) {
      return db.insert(deliveries).values({ offerId, subscriptionId, kind, claimedAt: at }).onConflictDoNothing().run().changes > 0;
    },
    async prune(before) {
      return db.transaction((tx) => {
        const t = tx.delete(tokens).where(lt(tokens.expiresAt, before)).run().changes;
        return t + tx.delete(deliveries).where(lt(deliveries.claimedAt, before)).run().changes;
      });
    },
  };
}
