import { and, eq, gt } from 'drizzle-orm';
import type { SitesAdminStore } from '../../sites/sites-admin-store';
import { appearanceOf, appearanceValues } from '../appearance-rows';
import * as t from '../schema';
import * as a from '../admin-schema';
import type { Db } from './open';

export function createSitesAdminOps(db: Db): SitesAdminStore {
  const upsertSeen = db.$client.prepare(
    `insert into site_installs (site_id, origin, workspace_id, first_seen_at, last_seen_at, last_url) values (?, ?, ?, ?, ?, ?)
     on conflict (site_id, origin) do update set last_seen_at = excluded.last_seen_at, last_url = coalesce(excluded.last_url, last_url)`,
  );
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
        .where(eq(a.siteInstalls.siteId, siteId))
        .all();
    },

    async seen(siteId, workspaceId, origin, url, now) {
      upsertSeen.run(siteId, origin, workspaceId, now, now, url);
    },

    async update(workspaceId, siteId, u) {
      const done = db
        .update(t.sites)
        .set({ name: u.name, allowedOrigins: JSON.stringify(u.allowedOrigins), phoneRegion: u.phoneRegion, offerTimeoutMs: u.offerTimeoutMs })
        .where(and(eq(t.sites.id, siteId), eq(t.sites.workspaceId, workspaceId)))
        .run();
      return done.changes === 1;
    },

    async rotateKey(workspaceId, siteId, newKey, now, graceMs) {
      return db.transaction((tx) => {
        const site = tx
          .select()
          .from(t.sites)
          .where(and(eq(t.sites.id, siteId), eq(t.sites.workspaceId, workspaceId)))
          .get();
        if (!site) return false;
        tx.insert(a.retiredSiteKeys)
          .values({ siteKey: site.siteKey, siteId, workspaceId, expiresAt: now + graceMs })
          .run();
        tx.update(t.sites).set({ siteKey: newKey }).where(eq(t.sites.id, siteId)).run();
        return true;
      });
    },

    async currentKeyForRetired(siteKey, now) {
      return (
        db
          .select({ key: t.sites.siteKey })
          .from(a.retiredSiteKeys)
          .innerJoin(t.sites, eq(t.sites.id, a.retiredSiteKeys.siteId))
          .where(and(eq(a.retiredSiteKeys.siteKey, siteKey), gt(a.retiredSiteKeys.expiresAt, now)))
          .get()?.key ?? null
      );
    },

    async appearance(siteId) {
      const row = db.select().from(a.siteAppearance).where(eq(a.siteAppearance.siteId, siteId)).get();
      return appearanceOf(row);
    },

    async saveAppearance(siteId, workspaceId, ap) {
      const values = appearanceValues(siteId, workspaceId, ap);
      db.insert(a.siteAppearance).values(values).onConflictDoUpdate({ target: a.siteAppearance.siteId, set: values }).run();
    },
  };
}
