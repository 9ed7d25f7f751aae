// PostgreSQL implementation of the tracking store, the twin of sqlite/tracking-ops.ts. The hot
// path, ingest, lives in ingest.ts; each batch is planned by the rules passed in
// (tracking/plan-batch.core.ts) and rows are shaped as SQLite shapes them (../tracking-rows).
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { touchedVisitors } from './report-facts';
import type { StoreRules } from '../../routing/store-rules';
import type { BehaviourEvent } from '../../../shared/qualify/types';
import type { SiteSettings, TrackingStore } from '../../tracking/tracking-store';
import { firstRulesVersion, historySubjects, settingsColumns, toEngineEvent, toRulesVersionRow, toSiteSettings, withLiveVersion } from '../tracking-rows';
import { ingestGroup } from './ingest';
import type { PgConn, PgDb } from './open';
import { retryingRaces } from './retry';
import * as t from './schema';
import * as tr from './tracking-schema';

/**
 * How long a site's settings are trusted from memory (real time: a cache). Another process may
 * save them; this bounds how long this one filters on the old ones.
 */
const SETTINGS_TTL_MS = 2000;

export function createTrackingOps(db: PgDb, storeRules: Pick<StoreRules, 'reportFacts' | 'funnelStages'>): TrackingStore {
  const settingsCache = new Map<string, { settings: SiteSettings; at: number }>();

  async function visitorEvents(conn: PgConn, siteId: string, visitorId: string): Promise<BehaviourEvent[]> {
    const res = await conn.execute<{ type: string; name: string | null; url: string | null; at: number }>(
      sql`select type, name, url, at::float8 as at from events where site_id = ${siteId} and visitor_id = ${visitorId} order by id`,
    );
    return res.rows.map(toEngineEvent);
  }

  return {
    async settings(siteId) {
      const hit = settingsCache.get(siteId);
      if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.settings;
      const [row] = await db.select().from(tr.siteSettings).where(eq(tr.siteSettings.siteId, siteId));
      const settings = toSiteSettings(row);
      settingsCache.set(siteId, { settings, at: Date.now() });
      return settings;
    },

    async saveSettings(siteId, workspaceId, s) {
      const values = settingsColumns(siteId, workspaceId, s);
      await db.insert(tr.siteSettings).values(values).onConflictDoUpdate({ target: tr.siteSettings.siteId, set: values });
      settingsCache.delete(siteId);
    },

    async ingest(items, now, rules) {
      if (!items.length) return [];
      return retryingRaces(() => db.transaction((tx) => ingestGroup(tx, items, now, rules, storeRules.reportFacts, storeRules.funnelStages)));
    },

    async leadForIdentify(siteId, visitorId, phone) {
      const res = await db.execute<{ id: string }>(sql`
        select coalesce(
          (select lead_id from visitors where site_id = ${siteId} and visitor_id = ${visitorId}),
          (select id from leads where site_id = ${siteId} and visitor_id = ${visitorId} order by captured_at desc limit 1),
          (select id from leads where site_id = ${siteId} and phone = ${phone} and stage <> 'suspect' order by captured_at desc limit 1)
        ) as id`);
      return res.rows[0]?.id ?? null;
    },

    async markBot(siteId, visitorId) {
      await db.transaction(async (tx) => {
        await tx
          .update(tr.visitors)
          .set({ isBot: true })
          .where(and(eq(tr.visitors.siteId, siteId), eq(tr.visitors.visitorId, visitorId)));
        // A bot's visitor is not counted among visitors: its leads' facts say so.
        await touchedVisitors(tx, [{ siteId, visitorId, since: Number.MIN_SAFE_INTEGER }], storeRules.reportFacts);
      });
    },

    async visitorHistory(siteId, visitorId) {
      const [row] = await db
        .select({ traits: tr.visitors.traits, isBot: tr.visitors.isBot })
        .from(tr.visitors)
        .where(and(eq(tr.visitors.siteId, siteId), eq(tr.visitors.visitorId, visitorId)));
      if (!row || row.isBot) return null;
      return { events: await visitorEvents(db, siteId, visitorId), traits: JSON.parse(row.traits) };
    },

    async linkVisitorToLead(siteId, visitorId, leadId) {
      await db
        .update(tr.visitors)
        .set({ leadId })
        .where(and(eq(tr.visitors.siteId, siteId), eq(tr.visitors.visitorId, visitorId)));
    },

    async availableReps(workspaceId) {
      return (
        db
          .select({ id: t.users.id, name: t.users.name })
          .from(t.users)
          .where(and(eq(t.users.workspaceId, workspaceId), eq(t.users.presence, 'available'), eq(t.users.active, true)))
          // SQLite sorts NULL (never offered) first; PostgreSQL needs telling.
          .orderBy(sql`${t.users.lastOfferedAt} asc nulls first`)
      );
    },

    async markInvited(siteId, visitorId, now) {
      await db
        .update(tr.visitors)
        .set({ invitedAt: now })
        .where(and(eq(tr.visitors.siteId, siteId), eq(tr.visitors.visitorId, visitorId)));
    },

    async purgeAnonymous(before) {
      return db.transaction(async (tx) => {
        const events = await tx.execute(sql`
          delete from events where at < ${before} and exists (select 1 from visitors v where v.site_id = events.site_id
            and v.visitor_id = events.visitor_id and v.lead_id is null)`);
        // Their session touches go with them: a touch says where an anonymous person came from.
        await tx.execute(sql`
          delete from visitor_touches t using visitors v
           where v.site_id = t.site_id and v.visitor_id = t.visitor_id and v.lead_id is null and v.last_seen_at < ${before}`);
        const visitors = await tx.execute(sql`delete from visitors where lead_id is null and last_seen_at < ${before}`);
        return { events: events.rowCount ?? 0, visitors: visitors.rowCount ?? 0 };
      });
    },

    async rulesVersions(siteId) {
      const [rows, [site]] = await Promise.all([
        db.select().from(tr.rulesVersions).where(eq(tr.rulesVersions.siteId, siteId)).orderBy(asc(tr.rulesVersions.version)),
        db.select({ rules: t.sites.rules, createdAt: t.sites.createdAt }).from(t.sites).where(eq(t.sites.id, siteId)),
      ]);
      const versions = rows.map(toRulesVersionRow);
      return site ? withLiveVersion(versions, JSON.parse(site.rules), site.createdAt) : versions;
    },

    async saveDraft(site, rules, userId, now) {
      return db.transaction(async (tx) => {
        // Two drafts saved at once (any process) would otherwise pick the same number.
        await tx.select({ id: t.sites.id }).from(t.sites).where(eq(t.sites.id, site.id)).for('update');
        const versions = await tx.select({ v: tr.rulesVersions.version }).from(tr.rulesVersions).where(eq(tr.rulesVersions.siteId, site.id));
        const version = Math.max(site.rules.version, ...versions.map((v) => v.v)) + 1;
        await tx.insert(tr.rulesVersions).values({
          siteId: site.id,
          version,
          workspaceId: site.workspaceId,
          rules: JSON.stringify({ ...rules, version }),
          status: 'draft',
          createdAt: now,
          createdBy: userId,
        });
        return version;
      });
    },

    async publish(site, version, now) {
      return db.transaction(async (tx) => {
        const [locked] = await tx.select({ createdAt: t.sites.createdAt }).from(t.sites).where(eq(t.sites.id, site.id)).for('update');
        const [draft] = await tx
          .select()
          .from(tr.rulesVersions)
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.version, version)));
        if (!draft || !locked) return false;
        // Keep the version being replaced, so a rollback can publish it again.
        const [current] = await tx
          .select({ version: tr.rulesVersions.version })
          .from(tr.rulesVersions)
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.version, site.rules.version)));
        if (!current)
          await tx.insert(tr.rulesVersions).values({ siteId: site.id, workspaceId: site.workspaceId, ...firstRulesVersion(site.rules, locked.createdAt) });
        await tx
          .update(tr.rulesVersions)
          .set({ status: 'retired', retiredAt: now })
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.status, 'published')));
        await tx
          .update(tr.rulesVersions)
          .set({ status: 'published', publishedAt: now, retiredAt: null })
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.version, version)));
        await tx.update(t.sites).set({ rules: draft.rules }).where(eq(t.sites.id, site.id));
        return true;
      });
    },

    async history(siteId) {
      const [leads, callbackLeads, linked, visitors, events] = await Promise.all([
        db
          .select({ id: t.leads.id, name: t.leads.name, answers: t.leads.answers, email: t.leads.email, visitorId: t.leads.visitorId })
          .from(t.leads)
          .where(eq(t.leads.siteId, siteId)),
        // SQLite's LIKE ignores ASCII case; ILIKE keeps that.
        db.execute<{ id: string }>(sql`
          select e.lead_id as id from lead_events e join leads l on l.id = e.lead_id
           where l.site_id = ${siteId} and e.kind = 'captured' and e.text ilike 'Asked for a callback%'`),
        db
          .select({ visitorId: tr.visitors.visitorId, leadId: tr.visitors.leadId, traits: tr.visitors.traits })
          .from(tr.visitors)
          .where(and(eq(tr.visitors.siteId, siteId), isNotNull(tr.visitors.leadId))),
        db
          .select({ visitorId: tr.visitors.visitorId, traits: tr.visitors.traits })
          .from(tr.visitors)
          .where(and(eq(tr.visitors.siteId, siteId), eq(tr.visitors.isBot, false))),
        // Every subject's events in one read (bots' are never replayed unless they became a lead).
        db.execute<{ visitor_id: string; type: string; name: string | null; url: string | null; at: number }>(sql`
          select e.visitor_id, e.type, e.name, e.url, e.at::float8 as at
            from events e join visitors v on v.site_id = e.site_id and v.visitor_id = e.visitor_id
           where e.site_id = ${siteId} and (not v.is_bot or v.lead_id is not null)
           order by e.id`),
      ]);
      const byVisitor = new Map<string, BehaviourEvent[]>();
      for (const e of events.rows) {
        const list = byVisitor.get(e.visitor_id);
        if (list) list.push(toEngineEvent(e));
        else byVisitor.set(e.visitor_id, [toEngineEvent(e)]);
      }
      return historySubjects({
        leads,
        callbackLeadIds: new Set(callbackLeads.rows.map((r) => r.id)),
        linked,
        visitors,
        // A fresh array per subject, as the SQLite version reads one per subject.
        eventsOf: (visitorId) => [...(byVisitor.get(visitorId) ?? [])],
      });
    },
  };
}
