// SQLite implementation of the tracking store. The ingest path uses prepared statements and
// writes many batches in one transaction: per-request query building and one commit per
// request are what would keep ingest far below the bare endpoint's rate.
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import * as t from '../schema';
import * as tr from '../tracking-schema';
import type { Db } from './open';
import { createReportStagesOps } from './report-stages';
import { createReportFactsOps } from './report-facts';
import type { StoreRules } from '../../routing/store-rules';
import type { BatchPlan, IngestItem, IngestResult, IngestRules, SiteSettings, TrackingStore } from '../../tracking/tracking-store';
import { firstRulesVersion, historySubjects, settingsColumns, toEngineEvent, toRulesVersionRow, toSiteSettings, withLiveVersion } from '../tracking-rows';

interface VisitorRow {
  traits: string;
  behaviour: string;
  hot: number;
  lead_id: string | null;
  is_bot: number;
  invited_at: number | null;
  fit: string;
  score: number;
}

interface LeadRow {
  id: string;
  answers: string;
  stage: string;
  routing: string;
  owner_id: string | null;
}

export function createTrackingOps(db: Db, rules: Pick<StoreRules, 'reportFacts' | 'funnelStages'>): TrackingStore {
  const raw = db.$client;
  const getVisitor = raw.prepare<[string, string], VisitorRow>(
    'select traits, behaviour, hot, lead_id, is_bot, invited_at, fit, score from visitors where site_id = ? and visitor_id = ?',
  );
  const insertVisitor = raw.prepare(
    `insert into visitors (site_id, visitor_id, workspace_id, first_seen_at, last_seen_at, referrer, utm_source, utm_medium,
       utm_campaign, utm_term, utm_content, landing_url, visits, traits, behaviour, rules_version)
     values (@siteId, @visitorId, @workspaceId, @now, @now, @referrer, @utmSource, @utmMedium, @utmCampaign, @utmTerm,
       @utmContent, @landingUrl, 1, '{}', @behaviour, @rulesVersion)`,
  );
  // One insert per batch, prepared once per batch size: a run() per event was the largest self
  // time in the batched-ingest profile (a 10-event batch's inserts take ~30% less this way).
  const insertEventsBySize = new Map<number, Statement>();
  const insertEvents = (n: number) => {
    let statement = insertEventsBySize.get(n);
    if (!statement) {
      const rows = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      statement = raw.prepare(`insert into events (workspace_id, site_id, visitor_id, type, name, url, client_at, at, props) values ${rows}`);
      insertEventsBySize.set(n, statement);
    }
    return statement;
  };
  const updateVisitor = raw.prepare(
    `update visitors set last_seen_at = @now, traits = @traits, behaviour = @behaviour, score = @score, fit = @fit, mql = @mql,
       hot = @hot, rules_version = @rulesVersion, lead_id = @leadId, visits = visits + @newVisit
     where site_id = @siteId and visitor_id = @visitorId`,
  );
  // A session's touch, unless the visitor has the same session touch since the plan says (plan-batch.core SESSION_REPEAT_MS).
  const insertTouch = raw.prepare(
    `insert into visitor_touches (workspace_id, site_id, visitor_id, kind, at, landing_url, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content)
     select @workspaceId, @siteId, @visitorId, 'session', @now, @landingUrl, @referrer, @utmSource, @utmMedium, @utmCampaign, @utmTerm, @utmContent
      where not exists (select 1 from visitor_touches where site_id = @siteId and visitor_id = @visitorId and at > @since and kind = 'session'
                           and referrer is @referrer and utm_source is @utmSource and utm_medium is @utmMedium and utm_campaign is @utmCampaign)`,
  );
  const visitorEvents = raw.prepare<[string, string], { type: string; name: string | null; url: string | null; at: number }>(
    'select type, name, url, at from events where site_id = ? and visitor_id = ? order by id',
  );
  const getLead = raw.prepare<[string], LeadRow>('select id, answers, stage, routing, owner_id from leads where id = ?');
  const updateLeadScore = raw.prepare(
    `update leads set score = @score, fit = @fit, fit_reason = @fitReason, mql = @mql, hot = @hot, reasons = @reasons,
       rules_version = @rulesVersion where id = @id`,
  );
  const updateLeadStage = raw.prepare('update leads set stage = ? where id = ?');
  const insertStageChange = raw.prepare(
    "insert into stage_changes (workspace_id, lead_id, from_stage, to_stage, actor, reason, at) values (?, ?, ?, ?, 'system', ?, ?)",
  );
  const insertLeadEvent = raw.prepare('insert into lead_events (workspace_id, lead_id, kind, text, at) values (?, ?, ?, ?, ?)');
  const findLeadByVisitor = raw.prepare<[string, string], { id: string }>(
    'select id from leads where site_id = ? and visitor_id = ? order by captured_at desc limit 1',
  );
  const findLeadByPhone = raw.prepare<[string, string], { id: string }>(
    "select id from leads where site_id = ? and phone = ? and stage not in ('suspect') order by captured_at desc limit 1",
  );

  // Prepared once: built with drizzle per call (an IN list of every online rep) it was a quarter of
  // the server's time under background ingest beside live reps (bench figure 1, issue 24).
  const availableReps = raw.prepare<[string], { id: string; name: string }>(
    "select id, name from users where workspace_id = ? and presence = 'available' and active = 1 order by last_offered_at",
  );
  const facts = createReportFactsOps(db, rules.reportFacts);
  const stageFacts = createReportStagesOps(db, rules.funnelStages);
  const settingsCache = new Map<string, SiteSettings>();

  /** The scored lead's columns, and the stage move scoring planned with its audit row and timeline line. */
  function rescoreLead(leadId: string, site: IngestItem['site'], rescore: NonNullable<BatchPlan['rescore']>, now: number) {
    const { columns, move } = rescore;
    updateLeadScore.run({ id: leadId, ...columns, mql: columns.mql ? 1 : 0, hot: columns.hot ? 1 : 0 });
    if (!move) return;
    updateLeadStage.run(move.to, leadId);
    insertStageChange.run(site.workspaceId, leadId, move.from, move.to, move.reason, now);
    stageFacts.refresh([leadId]);
    insertLeadEvent.run(site.workspaceId, leadId, 'qualified', move.note, now);
  }

  /** The existing lead an identify with a valid phone joins: the one the admission chose, else the phone's. */
  function leadToJoin(item: IngestItem): string | null {
    return item.joinLeadId ?? findLeadByPhone.get(item.site.id, item.identifiedPhone!)?.id ?? null;
  }

  /** The lead an identify with a valid phone made (it joined none), at its stage. */
  function insertIdentifiedLead(made: NonNullable<BatchPlan['created']>, now: number) {
    db.insert(t.leads).values(made.lead).run();
    insertLeadEvent.run(made.lead.workspaceId, made.lead.id, 'captured', made.note, now);
    insertStageChange.run(made.lead.workspaceId, made.lead.id, 'visitor', made.lead.stage, made.stageReason, now);
    facts.refresh([made.lead.id]);
    stageFacts.refresh([made.lead.id]);
  }

  function ingestOne(item: IngestItem, now: number, rules: IngestRules): IngestResult {
    const { site } = item;
    const row = getVisitor.get(site.id, item.visitorId);
    if (row?.is_bot) return rules.botResult(row.lead_id, site.rules);
    if (!row) insertVisitor.run({ siteId: site.id, visitorId: item.visitorId, workspaceId: site.workspaceId, now, ...rules.firstTouch(item) });
    // A callback may have come before the first behaviour batch: join that lead now.
    const knownLead = row ? row.lead_id : (findLeadByVisitor.get(site.id, item.visitorId)?.id ?? null);
    const leadId = knownLead ?? (item.identifiedPhone ? leadToJoin(item) : null);
    const lead = leadId ? getLead.get(leadId) : undefined;
    const plan = rules.planBatch({
      item,
      visitor: row && { traits: row.traits, behaviour: row.behaviour, hot: row.hot === 1, invitedAt: row.invited_at, score: row.score },
      history: () => visitorEvents.all(site.id, item.visitorId).map(toEngineEvent),
      leadId,
      lead: lead && { id: lead.id, answers: lead.answers, stage: lead.stage, routing: lead.routing, ownerId: lead.owner_id },
      newLeadId: !leadId && item.identifiedPhone ? randomUUID() : null,
      now,
    });
    if (item.events.length) {
      insertEvents(item.events.length).run(
        item.events.flatMap((e) => [
          site.workspaceId,
          site.id,
          item.visitorId,
          e.type,
          e.name ?? null,
          e.url ?? null,
          e.at,
          now,
          e.props ? JSON.stringify(e.props) : null,
        ]),
      );
    }
    const touched =
      plan.touch !== null &&
      insertTouch.run({ workspaceId: site.workspaceId, siteId: site.id, visitorId: item.visitorId, now, since: plan.touchRepeatSince, ...plan.touch }).changes >
        0;
    // A lead's report facts read its visitor's row and sessions up to its capture: a visitor row
    // made for leads already captured, or a session at their capture time, changes them.
    if ((!row || touched) && knownLead !== null) facts.touched(site.id, item.visitorId, row ? now : Number.MIN_SAFE_INTEGER);
    if (plan.created) insertIdentifiedLead(plan.created, now);
    else if (plan.rescore && lead) rescoreLead(lead.id, site, plan.rescore, now);
    const q = plan.qualification;
    updateVisitor.run({
      siteId: site.id,
      visitorId: item.visitorId,
      now,
      traits: plan.traits,
      behaviour: plan.behaviour,
      score: q.score,
      fit: q.fit.status,
      mql: q.mql ? 1 : 0,
      hot: q.hot ? 1 : 0,
      rulesVersion: q.rulesVersion,
      leadId: plan.leadId,
      newVisit: row && item.context?.returning ? 1 : 0,
    });
    return plan.result;
  }

  const ingestAll = raw.transaction((items: IngestItem[], now: number, rules: IngestRules) => items.map((item) => ingestOne(item, now, rules)));

  return {
    async settings(siteId) {
      const hit = settingsCache.get(siteId);
      if (hit) return hit;
      const s = toSiteSettings(db.select().from(tr.siteSettings).where(eq(tr.siteSettings.siteId, siteId)).get());
      settingsCache.set(siteId, s);
      return s;
    },

    async saveSettings(siteId, workspaceId, s) {
      const values = settingsColumns(siteId, workspaceId, s);
      db.insert(tr.siteSettings).values(values).onConflictDoUpdate({ target: tr.siteSettings.siteId, set: values }).run();
      settingsCache.delete(siteId);
    },

    async ingest(items, now, rules) {
      return ingestAll(items, now, rules);
    },

    async leadForIdentify(siteId, visitorId, phone) {
      return getVisitor.get(siteId, visitorId)?.lead_id ?? findLeadByVisitor.get(siteId, visitorId)?.id ?? findLeadByPhone.get(siteId, phone)?.id ?? null;
    },

    async markBot(siteId, visitorId) {
      raw.prepare('update visitors set is_bot = 1 where site_id = ? and visitor_id = ?').run(siteId, visitorId);
      // A bot's visitor is not counted among visitors: its leads' facts say so.
      facts.touched(siteId, visitorId, Number.MIN_SAFE_INTEGER);
    },

    async visitorHistory(siteId, visitorId) {
      const row = getVisitor.get(siteId, visitorId);
      if (!row || row.is_bot) return null;
      return { events: visitorEvents.all(siteId, visitorId).map(toEngineEvent), traits: JSON.parse(row.traits) };
    },

    async linkVisitorToLead(siteId, visitorId, leadId) {
      raw.prepare('update visitors set lead_id = ? where site_id = ? and visitor_id = ?').run(leadId, siteId, visitorId);
    },

    async availableReps(workspaceId) {
      return availableReps.all(workspaceId);
    },

    async markInvited(siteId, visitorId, now) {
      raw.prepare('update visitors set invited_at = ? where site_id = ? and visitor_id = ?').run(now, siteId, visitorId);
    },

    async purgeAnonymous(before) {
      return raw.transaction(() => {
        const events = raw
          .prepare(
            `delete from events where at < ? and exists (select 1 from visitors v where v.site_id = events.site_id
               and v.visitor_id = events.visitor_id and v.lead_id is null)`,
          )
          .run(before).changes;
        // Their session touches go with them: a touch says where an anonymous person came from.
        raw
          .prepare(
            `delete from visitor_touches where exists (select 1 from visitors v where v.site_id = visitor_touches.site_id
               and v.visitor_id = visitor_touches.visitor_id and v.lead_id is null and v.last_seen_at < ?)`,
          )
          .run(before);
        const visitors = raw.prepare('delete from visitors where lead_id is null and last_seen_at < ?').run(before).changes;
        return { events, visitors };
      })();
    },

    async rulesVersions(siteId) {
      const rows = db
        .select()
        .from(tr.rulesVersions)
        .where(eq(tr.rulesVersions.siteId, siteId))
        .orderBy(asc(tr.rulesVersions.version))
        .all()
        .map(toRulesVersionRow);
      const site = db.select({ rules: t.sites.rules, createdAt: t.sites.createdAt }).from(t.sites).where(eq(t.sites.id, siteId)).get();
      return site ? withLiveVersion(rows, JSON.parse(site.rules), site.createdAt) : rows;
    },

    async saveDraft(site, rules, userId, now) {
      return db.transaction((tx) => {
        const versions = tx.select({ v: tr.rulesVersions.version }).from(tr.rulesVersions).where(eq(tr.rulesVersions.siteId, site.id)).all();
        const version = Math.max(site.rules.version, ...versions.map((v) => v.v)) + 1;
        tx.insert(tr.rulesVersions)
          .values({
            siteId: site.id,
            version,
            workspaceId: site.workspaceId,
            rules: JSON.stringify({ ...rules, version }),
            status: 'draft',
            createdAt: now,
            createdBy: userId,
          })
          .run();
        return version;
      });
    },

    async publish(site, version, now) {
      return db.transaction((tx) => {
        const draft = tx
          .select()
          .from(tr.rulesVersions)
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.version, version)))
          .get();
        if (!draft) return false;
        // Keep the version being replaced, so a rollback can publish it again.
        const current = tx
          .select()
          .from(tr.rulesVersions)
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.version, site.rules.version)))
          .get();
        if (!current) {
          const { createdAt } = tx.select({ createdAt: t.sites.createdAt }).from(t.sites).where(eq(t.sites.id, site.id)).get()!;
          tx.insert(tr.rulesVersions)
            .values({ siteId: site.id, workspaceId: site.workspaceId, ...firstRulesVersion(site.rules, createdAt) })
            .run();
        }
        tx.update(tr.rulesVersions)
          .set({ status: 'retired', retiredAt: now })
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.status, 'published')))
          .run();
        tx.update(tr.rulesVersions)
          .set({ status: 'published', publishedAt: now, retiredAt: null })
          .where(and(eq(tr.rulesVersions.siteId, site.id), eq(tr.rulesVersions.version, version)))
          .run();
        tx.update(t.sites).set({ rules: draft.rules }).where(eq(t.sites.id, site.id)).run();
        return true;
      });
    },

    async history(siteId) {
      const leads = db
        .select({ id: t.leads.id, name: t.leads.name, answers: t.leads.answers, email: t.leads.email, visitorId: t.leads.visitorId })
        .from(t.leads)
        .where(eq(t.leads.siteId, siteId))
        .all();
      const callbackLeadIds = new Set(
        raw
          .prepare<[string], { id: string }>(
            "select e.lead_id as id from lead_events e join leads l on l.id = e.lead_id where l.site_id = ? and e.kind = 'captured' and e.text like 'Asked for a callback%'",
          )
          .all(siteId)
          .map((r) => r.id),
      );
      const linked = db
        .select({ visitorId: tr.visitors.visitorId, leadId: tr.visitors.leadId, traits: tr.visitors.traits })
        .from(tr.visitors)
        .where(and(eq(tr.visitors.siteId, siteId), isNotNull(tr.visitors.leadId)))
        .all();
      const visitors = db
        .select({ visitorId: tr.visitors.visitorId, traits: tr.visitors.traits })
        .from(tr.visitors)
        .where(and(eq(tr.visitors.siteId, siteId), eq(tr.visitors.isBot, false)))
        .all();
      return historySubjects({ leads, callbackLeadIds, linked, visitors, eventsOf: (visitorId) => visitorEvents.all(siteId, visitorId).map(toEngineEvent) });
    },
  };
}
