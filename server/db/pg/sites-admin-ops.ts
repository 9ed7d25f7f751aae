// Site administration on PostgreSQL (keys, install check, appearance): the twin of
// sqlite/sites-admin-ops.ts.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { SitesAdminStore } from '../../sites/sites-admin-store';
import { appearanceOf, appearanceValues } from '../appearance-rows';
import * as t from './schema';
import * as a from './admin-schema';
import type { PgDb } from './open';

export function createSitesAdminOps(db: PgDb): SitesAdminStore {
  return {
    async installs(siteId) {
      return db
        .select({
          origin: a.siteInstalls.origin,
          lastUrl: a.siteInstalls.lastUrl,
          firstSeenAt: a.siteInstalls.firstSeenAt,
          lastSeenAt: a.siteInstalls.lastSeenAt,
        })
        .from(a.siteInstalls)
        .where(eq(a.siteInstalls.siteId, siteId));
    },

    async seen(siteId, workspaceId, origin, url, now) {
      // One statement, so two processes seeing the same origin first at once cannot both insert.
      await db
        .insert(a.siteInstalls)
        .values({ siteId, origin, workspaceId, firstSeenAt: now, lastSeenAt: now, lastUrl: url })
        .onConflictDoUpdate({
          target: [a.siteInstalls.siteId, a.siteInstalls.origin],
          set: { lastSeenAt: sql`excluded.last_seen_at`, lastUrl: sql`coalesce(excluded.last_url, ${a.siteInstalls.lastUrl})` },
        });
    },

    async update(workspaceId, siteId, u) {
      const done = await db
        .update(t.sites)
        .set({ name: u.name, allowedOrigins: JSON.stringify(u.allowedOrigins), phoneRegion: u.phoneRegion, offerTimeoutMs: u.offerTimeoutMs })
        .where(and(eq(t.sites.id, siteId), eq(t.sites.workspaceId, workspaceId)));
      return done.rowCount === 1;
    },

    async rotateKey(workspaceId, siteId, newKey, now, graceMs) {
      return db.transaction(async (tx) => {
        // The row lock makes concurrent rotations take turns, so each retires the key it replaced.
        const [site] = await tx
          .select({ siteKey: t.sites.siteKey })
          .from(t.sites)
          .where(and(eq(t.sites.id, siteId), eq(t.sites.workspaceId, workspaceId)))
          .for('update');
        if (!site) return false;
        await tx.insert(a.retiredSiteKeys).values({ siteKey: site.siteKey, siteId, workspaceId, expiresAt: now + graceMs });
        await tx.update(t.sites).set({ siteKey: newKey }).where(eq(t.sites.id, siteId));
        return true;
      });
    },

    async currentKeyForRetired(siteKey, now) {
      const [row] = await db
        .select({ key: t.sites.siteKey })
        .from(a.retiredSiteKeys)
        .innerJoin(t.sites, eq(t.sites.id, a.retiredSiteKeys.siteId))
        .where(and(eq(a.retiredSiteKeys.siteKey, siteKey), gt(a.retiredSiteKeys.expiresAt, now)));
      return row?.key ?? null;
    },

    async appearance(siteId) {
      const [row] = await db.select().from(a.siteAppearance).where(eq(a.siteAppearance.siteId, siteId));
      return appearanceOf(row);
    },

    async saveAppearance(siteId, workspaceId, ap) {
      const values = appearanceValues(siteId, workspaceId, ap);
      await db.insert(a.siteAppearance).values(values).onConflictDoUpdate({ target: a.siteAppearance.siteId, set: values });
    },
  };
}
