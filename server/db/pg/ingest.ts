// One ingest call on PostgreSQL: one transaction with a fixed handful of round trips however
// many batches it groups. The rows it needs are read up front in one statement each, every batch
// is scored in memory in arrival order (exactly as the SQLite version scores them one after
// another, with the same pure core), and the writes go out as a few multi-row statements.
// Locks, always in this order: the workspaces whose known leads the group touches (their
// routing state), then its visitors' rows (sorted), then those leads' rows (sorted).
import { refreshStageFacts } from './report-stages';
import type { FunnelStages } from '../../reports/funnel.core';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { BehaviourEvent } from '../../../shared/qualify/types';
import type { BatchPlan, IngestItem, IngestResult, IngestRules, SessionTouch } from '../../tracking/tracking-store';
import type { Site } from '../store';
import { toEngineEvent } from '../tracking-rows';
import { lockWorkspace } from './locks';
import type { PgTx } from './open';
import { RaceLost } from './retry';
import * as t from './schema';
import { refreshFacts, touchedVisitors } from './report-facts';
import type { ReportFactsRule } from '../report-rows';

type VisitorRow = {
  traits: string;
  behaviour: string;
  hot: boolean;
  lead_id: string | null;
  is_bot: boolean;
  invited_at: number | null;
  score: number;
};

type LeadRow = {
  id: string;
  answers: string;
  stage: string;
  routing: string;
  owner_id: string | null;
};

/** A lead made in this group; its stage follows the group's later batches. */
type NewLead = Omit<NonNullable<BatchPlan['created']>['lead'], 'stage'> & { stage: string };

/** One visitor of the group: where it stands before the next batch, and what to write back. */
interface VisitorSlot {
  item: IngestItem;
  /** As the next batch sees it; undefined until the first batch of a visitor first seen in this group. */
  row: VisitorRow | undefined;
  /** The lead a visitor first seen here joins (a callback came before any behaviour). */
  leadByVisitor: string | null;
  /** Events already in the database, read only when the rules changed since they were scored. */
  stored: BehaviourEvent[] | null;
  /**
   * Events of this group so far, as a rebuild from history sees them: the current batch's own
   * included, since the SQLite version inserts them before it reads the history.
   */
  added: BehaviourEvent[];
  /** Rules versions its batches bring (one, unless a process scored with a stale site). */
  versions: Set<number>;
  update: {
    traits: string;
    behaviour: string;
    score: number;
    fit: string;
    mql: boolean;
    hot: boolean;
    rulesVersion: number;
    leadId: string | null;
    newVisits: number;
  } | null;
}

type Key = string;
const keyOf = (siteId: string, visitorId: string): Key => `${siteId}\n${visitorId}`;

/** PostgreSQL text cannot hold NUL; one such string would fail every batch of its group. */
function pgText<T extends string | null>(s: T): T {
  return (s === null ? s : s.replace(/\0/g, '')) as T;
}

/** A JS array as one array parameter (drizzle would otherwise spread it into a list). */
const list = (values: readonly unknown[]) => sql.param(values);

/**
 * Creates the visitors first seen in this group (with their first batch's attribution) and, in
 * the same statement, names the workspaces whose known leads the group may rescore or join,
 * read from the rows as they were before it: their routing state is at stake.
 */
async function insertNewVisitors(tx: PgTx, slots: readonly VisitorSlot[], now: number, rules: IngestRules) {
  const touch = slots.map((s) => rules.firstTouch(s.item));
  const res = await tx.execute<{ site_id: string | null; visitor_id: string | null; workspace_id: string | null }>(sql`
    with k as (
      select * from unnest(${list(slots.map((s) => s.item.site.id))}::text[], ${list(slots.map((s) => s.item.visitorId))}::text[],
                           ${list(slots.map((s) => s.item.site.workspaceId))}::text[], ${list(touch.map((x) => pgText(x.referrer)))}::text[],
                           ${list(touch.map((x) => pgText(x.utmSource)))}::text[], ${list(touch.map((x) => pgText(x.utmMedium)))}::text[],
                           ${list(touch.map((x) => pgText(x.utmCampaign)))}::text[], ${list(touch.map((x) => pgText(x.utmTerm)))}::text[],
                           ${list(touch.map((x) => pgText(x.utmContent)))}::text[], ${list(touch.map((x) => pgText(x.landingUrl)))}::text[],
                           ${list(touch.map((x) => x.behaviour))}::text[], ${list(touch.map((x) => x.rulesVersion))}::int[])
                    with ordinality as k(site_id, visitor_id, workspace_id, referrer, utm_source, utm_medium, utm_campaign, utm_term,
                                         utm_content, landing_url, behaviour, rules_version, ord)
    ), inserted as (
      insert into visitors (site_id, visitor_id, workspace_id, first_seen_at, last_seen_at, referrer, utm_source, utm_medium,
                            utm_campaign, utm_term, utm_content, landing_url, visits, traits, behaviour, rules_version)
      select k.site_id, k.visitor_id, k.workspace_id, ${now}::int8, ${now}::int8, k.referrer, k.utm_source, k.utm_medium,
             k.utm_campaign, k.utm_term, k.utm_content, k.landing_url, 1, '{}', k.behaviour, k.rules_version
        from k order by k.ord
      on conflict do nothing
      returning site_id, visitor_id
    )
    select site_id, visitor_id, null::text as workspace_id from inserted
    union all
    select distinct null::text, null::text, k.workspace_id from k
     where exists (select 1 from visitors v where v.site_id = k.site_id and v.visitor_id = k.visitor_id and v.lead_id is not null and not v.is_bot)
        or (not exists (select 1 from visitors v where v.site_id = k.site_id and v.visitor_id = k.visitor_id)
            and exists (select 1 from leads l where l.workspace_id = k.workspace_id and l.site_id = k.site_id and l.visitor_id = k.visitor_id))`);
  return {
    created: new Set(res.rows.filter((r) => r.site_id !== null).map((r) => keyOf(r.site_id!, r.visitor_id!))),
    workspacesWithLeads: res.rows.filter((r) => r.workspace_id !== null).map((r) => r.workspace_id!),
  };
}

/** Session touches, each unless its visitor has the same session touch since the plan says (plan-batch.core SESSION_REPEAT_MS). */
async function insertTouches(tx: PgTx, rows: ReadonlyArray<{ item: IngestItem; touch: SessionTouch; since: number }>, now: number) {
  const col = (pick: (x: SessionTouch) => string | null) => list(rows.map((r) => pgText(pick(r.touch))));
  await tx.execute(sql`
    insert into visitor_touches (workspace_id, site_id, visitor_id, kind, at, landing_url, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content)
    select x.workspace_id, x.site_id, x.visitor_id, 'session', ${now}::int8, x.landing_url, x.referrer, x.utm_source, x.utm_medium, x.utm_campaign, x.utm_term, x.utm_content
      from unnest(${list(rows.map((r) => r.item.site.workspaceId))}::text[], ${list(rows.map((r) => r.item.site.id))}::text[],
                  ${list(rows.map((r) => r.item.visitorId))}::text[], ${col((x) => x.landingUrl)}::text[], ${col((x) => x.referrer)}::text[],
                  ${col((x) => x.utmSource)}::text[], ${col((x) => x.utmMedium)}::text[], ${col((x) => x.utmCampaign)}::text[],
                  ${col((x) => x.utmTerm)}::text[], ${col((x) => x.utmContent)}::text[], ${list(rows.map((r) => r.since))}::int8[])
           as x(workspace_id, site_id, visitor_id, landing_url, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content, since)
     where not exists (select 1 from visitor_touches v where v.site_id = x.site_id and v.visitor_id = x.visitor_id and v.at > x.since
                          and v.kind = 'session' and v.referrer is not distinct from x.referrer and v.utm_source is not distinct from x.utm_source
                          and v.utm_medium is not distinct from x.utm_medium and v.utm_campaign is not distinct from x.utm_campaign)`);
}

/**
 * The group's visitors, locked until commit so a concurrent batch of the same visitor waits for
 * this one; for those first seen here, the latest lead captured from them (a callback that
 * came before any behaviour).
 */
async function lockVisitors(tx: PgTx, slots: readonly VisitorSlot[], created: ReadonlySet<Key>) {
  const res = await tx.execute<VisitorRow & { site_id: string; visitor_id: string; lead_by_visitor: string | null }>(sql`
    select v.site_id, v.visitor_id, v.traits, v.behaviour, v.hot, v.lead_id, v.is_bot, v.invited_at::float8 as invited_at, v.score,
           case when k.created then (select l.id from leads l where l.workspace_id = v.workspace_id and l.site_id = v.site_id
                                        and l.visitor_id = v.visitor_id order by l.captured_at desc limit 1) end as lead_by_visitor
      from visitors v
      join unnest(${list(slots.map((s) => s.item.site.id))}::text[], ${list(slots.map((s) => s.item.visitorId))}::text[],
                  ${list(slots.map((s) => created.has(keyOf(s.item.site.id, s.item.visitorId))))}::bool[]) as k(site_id, visitor_id, created)
        on v.site_id = k.site_id and v.visitor_id = k.visitor_id
     order by v.site_id, v.visitor_id
       for update of v`);
  return new Map(res.rows.map((r) => [keyOf(r.site_id, r.visitor_id), r]));
}

/**
 * The leads the group may touch, locked: known leads of its visitors, and every lead with a
 * phone an identify in the group carries (the one it joins is chosen as the group runs).
 */
async function lockLeads(tx: PgTx, ids: readonly string[], phones: ReadonlyArray<{ site: Site; phone: string }>) {
  const res = await tx.execute<LeadRow & { site_id: string; phone: string; captured_at: number }>(sql`
    select id, answers, stage, routing, owner_id, site_id, phone, captured_at::float8 as captured_at
      from leads
     where id in (select unnest(${list(ids)}::text[])
                  union all
                  select l.id from leads l
                    join unnest(${list(phones.map((p) => p.site.workspaceId))}::text[], ${list(phones.map((p) => p.site.id))}::text[],
                                ${list(phones.map((p) => p.phone))}::text[]) as k(workspace_id, site_id, phone)
                      on l.workspace_id = k.workspace_id and l.site_id = k.site_id and l.phone = k.phone)
     order by id
       for update`);
  return res.rows;
}

async function storedHistory(tx: PgTx, slots: readonly VisitorSlot[]) {
  const res = await tx.execute<{ site_id: string; visitor_id: string; type: string; name: string | null; url: string | null; at: number }>(sql`
    select e.site_id, e.visitor_id, e.type, e.name, e.url, e.at::float8 as at
      from events e
      join unnest(${list(slots.map((s) => s.item.site.id))}::text[], ${list(slots.map((s) => s.item.visitorId))}::text[]) as k(site_id, visitor_id)
        on e.site_id = k.site_id and e.visitor_id = k.visitor_id
     order by e.id`);
  const byKey = new Map<Key, BehaviourEvent[]>();
  for (const r of res.rows) {
    const k = keyOf(r.site_id, r.visitor_id);
    const events = byKey.get(k);
    if (events) events.push(toEngineEvent(r));
    else byKey.set(k, [toEngineEvent(r)]);
  }
  return byKey;
}

export async function ingestGroup(
  tx: PgTx,
  items: readonly IngestItem[],
  now: number,
  rules: IngestRules,
  reportFacts: ReportFactsRule,
  stages: FunnelStages,
): Promise<IngestResult[]> {
  const slots = new Map<Key, VisitorSlot>();
  for (const item of items) {
    const k = keyOf(item.site.id, item.visitorId);
    const slot = slots.get(k) ?? { item, row: undefined, leadByVisitor: null, stored: null, added: [], versions: new Set<number>(), update: null };
    slot.versions.add(item.site.rules.version);
    slots.set(k, slot);
  }
  // One order for every lock a group takes, so two groups never wait on each other in a circle.
  const sorted = [...slots.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);

  // The workspace locks come before any row lock, as in every transaction that touches routing
  // state. Which are needed is read with the insert of new visitors (their rows are invisible
  // to other transactions, so holding them cannot close a circle); the locked read confirms it.
  const { created, workspacesWithLeads } = await insertNewVisitors(tx, sorted, now, rules);
  const locked = new Set<string>();
  const lockAll = async (workspaceIds: Iterable<string>) => {
    for (const w of [...new Set(workspaceIds)].filter((w) => !locked.has(w)).sort()) {
      await lockWorkspace(tx, w);
      locked.add(w);
    }
  };
  await lockAll([...items.filter((i) => i.identifiedPhone).map((i) => i.site.workspaceId), ...workspacesWithLeads]);

  const rows = await lockVisitors(tx, sorted, created);
  for (const [k, slot] of slots) {
    const row = rows.get(k);
    // Deleted (retention, erasure) between our insert and our read: start again.
    if (!row) throw new RaceLost(`visitor ${slot.item.visitorId} vanished during ingest`);
    if (created.has(k)) slot.leadByVisitor = row.lead_by_visitor;
    else
      slot.row = {
        traits: row.traits,
        behaviour: row.behaviour,
        hot: row.hot,
        lead_id: row.lead_id,
        is_bot: row.is_bot,
        invited_at: row.invited_at,
        score: row.score,
      };
  }

  // A lead linked since the first read (a callback racing this group): lock its workspace too.
  const known = [
    ...sorted.map((s) => (s.row ? s.row.lead_id : s.leadByVisitor)),
    // Leads the capture admission joined an identify to are written too.
    ...items.map((i) => i.joinLeadId ?? null),
  ].filter((id): id is string => id !== null);
  await lockAll(sorted.filter((s) => !s.row?.is_bot && (s.row ? s.row.lead_id : s.leadByVisitor) !== null).map((s) => s.item.site.workspaceId));

  const leads = new Map<string, LeadRow>();
  /** Leads with a phone, newest first, for identify to join (`stage` is read as the group moves it). */
  const byPhone = new Map<string, Array<{ id: string; capturedAt: number }>>();
  const phoneKey = (siteId: string, phone: string) => `${siteId}\n${phone}`;
  const phones = items.filter((i) => i.identifiedPhone).map((i) => ({ site: i.site, phone: i.identifiedPhone! }));
  if (known.length || phones.length) {
    for (const l of await lockLeads(tx, known, phones)) {
      leads.set(l.id, { id: l.id, answers: l.answers, stage: l.stage, routing: l.routing, owner_id: l.owner_id });
      const pk = phoneKey(l.site_id, l.phone);
      byPhone.set(
        pk,
        [...(byPhone.get(pk) ?? []), { id: l.id, capturedAt: l.captured_at }].sort((a, b) => b.capturedAt - a.capturedAt),
      );
    }
  }

  // Rebuilding a visitor's state needs their history: read it for visitors whose stored rules
  // version is not the one every batch of theirs brings.
  const rebuilding = sorted.filter((s) => {
    const stored = s.row ? (JSON.parse(s.row.behaviour) as { version: number }).version : null;
    return s.versions.size > 1 || (stored !== null && !s.versions.has(stored));
  });
  if (rebuilding.length) {
    const stored = await storedHistory(tx, rebuilding);
    for (const s of rebuilding) s.stored = stored.get(keyOf(s.item.site.id, s.item.visitorId)) ?? [];
  }

  const newLeads: NewLead[] = [];
  const rescored = new Map<string, NonNullable<BatchPlan['rescore']>['columns']>();
  const stageChanges: Array<typeof t.stageChanges.$inferInsert> = [];
  const leadEvents: Array<typeof t.leadEvents.$inferInsert> = [];
  const events: Array<{ item: IngestItem; e: IngestItem['events'][number] }> = [];
  /** Session touches, one per visitor of the group (a second in the same group is the same session told twice). */
  const touches = new Map<Key, { item: IngestItem; touch: SessionTouch; since: number }>();

  /** The scored lead's columns, and the stage move scoring planned (read by the group's later batches). */
  function rescoreLead(lead: LeadRow, site: Site, rescore: NonNullable<BatchPlan['rescore']>) {
    const fresh = newLeads.find((l) => l.id === lead.id);
    if (fresh) Object.assign(fresh, rescore.columns);
    else rescored.set(lead.id, rescore.columns);
    const { move } = rescore;
    if (!move) return;
    stageChanges.push({
      workspaceId: site.workspaceId,
      leadId: lead.id,
      fromStage: move.from,
      toStage: move.to,
      actor: 'system',
      reason: move.reason,
      at: now,
    });
    leadEvents.push({ workspaceId: site.workspaceId, leadId: lead.id, kind: 'qualified', text: move.note, at: now });
    lead.stage = move.to;
  }

  /** The existing lead an identify with a valid phone joins: the one the admission chose, else the phone's. */
  function leadToJoin(item: IngestItem): string | null {
    if (item.joinLeadId && leads.has(item.joinLeadId)) return item.joinLeadId;
    return (byPhone.get(phoneKey(item.site.id, item.identifiedPhone!)) ?? []).find((l) => leads.get(l.id)!.stage !== 'suspect')?.id ?? null;
  }

  /** The lead an identify with a valid phone made (it joined none), as the group's later batches see it. */
  function addIdentifiedLead(item: IngestItem, made: NonNullable<BatchPlan['created']>) {
    const pk = phoneKey(item.site.id, item.identifiedPhone!);
    const lead = {
      ...made.lead,
      name: pgText(made.lead.name),
      email: pgText(made.lead.email ?? null),
      pageUrl: pgText(made.lead.pageUrl ?? null),
      referrer: pgText(made.lead.referrer ?? null),
    };
    newLeads.push(lead);
    leads.set(lead.id, { id: lead.id, answers: lead.answers, stage: lead.stage, routing: lead.routing, owner_id: null });
    byPhone.set(pk, [{ id: lead.id, capturedAt: now }, ...(byPhone.get(pk) ?? [])]);
    leadEvents.push({ workspaceId: item.site.workspaceId, leadId: lead.id, kind: 'captured', text: made.note, at: now });
    stageChanges.push({
      workspaceId: item.site.workspaceId,
      leadId: lead.id,
      fromStage: 'visitor',
      toStage: lead.stage,
      actor: 'system',
      reason: made.stageReason,
      at: now,
    });
  }

  function ingestOne(item: IngestItem): IngestResult {
    const { site } = item;
    const slot = slots.get(keyOf(site.id, item.visitorId))!;
    const row = slot.row;
    if (row?.is_bot) return rules.botResult(row.lead_id, site.rules);
    const knownLead = row ? row.lead_id : slot.leadByVisitor;
    const leadId = knownLead ?? (item.identifiedPhone ? leadToJoin(item) : null);
    const lead = leadId ? leads.get(leadId) : undefined;
    const plan = rules.planBatch({
      item,
      visitor: row && { traits: row.traits, behaviour: row.behaviour, hot: row.hot, invitedAt: row.invited_at, score: row.score },
      // As the SQLite version sees it: the stored history and this group's earlier batches.
      history: () => [...(slot.stored ?? []), ...slot.added],
      leadId,
      lead: lead && { id: lead.id, answers: lead.answers, stage: lead.stage, routing: lead.routing, ownerId: lead.owner_id },
      newLeadId: !leadId && item.identifiedPhone ? randomUUID() : null,
      now,
    });
    for (const e of item.events) {
      events.push({ item, e });
      slot.added.push(toEngineEvent({ type: e.type, name: e.name ?? null, url: e.url ?? null, at: now }));
    }
    const key = keyOf(site.id, item.visitorId);
    if (plan.touch && !touches.has(key)) touches.set(key, { item, touch: plan.touch, since: plan.touchRepeatSince });
    if (plan.created) addIdentifiedLead(item, plan.created);
    else if (plan.rescore && lead) rescoreLead(lead, site, plan.rescore);
    const q = plan.qualification;
    const update = {
      traits: plan.traits,
      behaviour: plan.behaviour,
      score: q.score,
      fit: q.fit.status,
      mql: q.mql,
      hot: q.hot,
      rulesVersion: q.rulesVersion,
      leadId: plan.leadId,
    };
    slot.update = { ...update, newVisits: (slot.update?.newVisits ?? 0) + (row && item.context?.returning ? 1 : 0) };
    slot.row = {
      traits: update.traits,
      behaviour: update.behaviour,
      hot: q.hot,
      lead_id: plan.leadId,
      is_bot: false,
      invited_at: row?.invited_at ?? null,
      score: q.score,
    };
    return plan.result;
  }

  const results = items.map(ingestOne);

  if (newLeads.length) {
    for (const l of newLeads) l.stage = leads.get(l.id)!.stage;
    await tx.insert(t.leads).values(newLeads);
  }
  if (rescored.size) {
    const ids = [...rescored.keys()];
    const cols = [...rescored.values()];
    await tx.execute(sql`
      update leads l
         set score = x.score, fit = x.fit, fit_reason = x.fit_reason, mql = x.mql, hot = x.hot, reasons = x.reasons,
             rules_version = x.rules_version, stage = x.stage
        from unnest(${list(ids)}::text[], ${list(cols.map((c) => c.score))}::int[], ${list(cols.map((c) => c.fit))}::text[],
                    ${list(cols.map((c) => c.fitReason))}::text[], ${list(cols.map((c) => c.mql))}::bool[], ${list(cols.map((c) => c.hot))}::bool[],
                    ${list(cols.map((c) => c.reasons))}::text[], ${list(cols.map((c) => c.rulesVersion))}::int[],
                    ${list(ids.map((id) => leads.get(id)!.stage))}::text[])
             as x(id, score, fit, fit_reason, mql, hot, reasons, rules_version, stage)
       where l.id = x.id`);
  }
  if (stageChanges.length) {
    await tx.insert(t.stageChanges).values(stageChanges);
    await refreshStageFacts(tx, stages, [...new Set(stageChanges.map((c) => c.leadId))]);
  }
  if (touches.size) await insertTouches(tx, [...touches.values()], now);
  // A lead's report facts read its visitor's row and sessions up to its capture (report-facts.ts):
  // a visitor row made for leads already captured, or a session at their capture time, changes them.
  // (ingestOne has set every slot's row by now: `created` says which visitors are new.)
  const isNew = (s: VisitorSlot) => created.has(keyOf(s.item.site.id, s.item.visitorId));
  await touchedVisitors(
    tx,
    sorted
      .filter((s) => (s.row?.lead_id ?? s.leadByVisitor) != null && (isNew(s) || touches.has(keyOf(s.item.site.id, s.item.visitorId))))
      .map((s) => ({ siteId: s.item.site.id, visitorId: s.item.visitorId, since: isNew(s) ? Number.MIN_SAFE_INTEGER : now })),
    reportFacts,
  );
  if (newLeads.length)
    await refreshFacts(
      tx,
      newLeads.map((l) => l.id),
      reportFacts,
    );
  if (leadEvents.length) await tx.insert(t.leadEvents).values(leadEvents);

  const updates = sorted.filter((s) => s.update !== null);
  if (events.length || updates.length) {
    const u = updates.map((s) => s.update!);
    // Events keep arrival order (their ids order a visitor's history); one statement writes both tables.
    await tx.execute(sql`
      with inserted as (
        insert into events (workspace_id, site_id, visitor_id, type, name, url, client_at, at, props)
        select x.workspace_id, x.site_id, x.visitor_id, x.type, x.name, x.url, x.client_at, ${now}::int8, x.props
          from unnest(${list(events.map(({ item }) => item.site.workspaceId))}::text[], ${list(events.map(({ item }) => item.site.id))}::text[],
                      ${list(events.map(({ item }) => item.visitorId))}::text[], ${list(events.map(({ e }) => e.type))}::text[],
                      ${list(events.map(({ e }) => pgText(e.name ?? null)))}::text[], ${list(events.map(({ e }) => pgText(e.url ?? null)))}::text[],
                      ${list(events.map(({ e }) => e.at))}::int8[], ${list(events.map(({ e }) => (e.props ? JSON.stringify(e.props) : null)))}::text[])
               with ordinality as x(workspace_id, site_id, visitor_id, type, name, url, client_at, props, ord)
         order by x.ord
      )
      update visitors v
         set last_seen_at = ${now}::int8, traits = x.traits, behaviour = x.behaviour, score = x.score, fit = x.fit, mql = x.mql,
             hot = x.hot, rules_version = x.rules_version, lead_id = x.lead_id, visits = v.visits + x.new_visits
        from unnest(${list(updates.map((s) => s.item.site.id))}::text[], ${list(updates.map((s) => s.item.visitorId))}::text[],
                    ${list(u.map((x) => x.traits))}::text[], ${list(u.map((x) => x.behaviour))}::text[], ${list(u.map((x) => x.score))}::int[],
                    ${list(u.map((x) => x.fit))}::text[], ${list(u.map((x) => x.mql))}::bool[], ${list(u.map((x) => x.hot))}::bool[],
                    ${list(u.map((x) => x.rulesVersion))}::int[], ${list(u.map((x) => x.leadId))}::text[], ${list(u.map((x) => x.newVisits))}::int[])
             as x(site_id, visitor_id, traits, behaviour, score, fit, mql, hot, rules_version, lead_id, new_visits)
       where v.site_id = x.site_id and v.visitor_id = x.visitor_id`);
  }
  return results;
}
