// The report facts kept on each lead row, the twin of sqlite/report-facts.ts: worked out when a
// lead is captured or a touch of its visitor arrives, backfilled once, and worked out on read for
// any lead still without them.
import { sql } from 'drizzle-orm';
import {
  factColumns,
  factsByLead,
  FACT_INPUT_COLUMNS_SQL,
  leadTouchColumnsSql,
  REPORT_FACTS_BACKFILL,
  type LeadTouchRow,
  type ReportFactsInput,
  type ReportFactsRule,
} from '../report-rows';
import type { ReportFacts } from '../../reports/report-facts.core';
import type { PgConn, PgDb } from './open';

/** Leads worked out per statement: bounded so a backfill never holds rows long. */
const BATCH = 500;

/** The facts of these leads, worked out from the rows they come from (no writes). */
export async function factsOf(conn: PgConn, ids: readonly string[], rule: ReportFactsRule): Promise<Map<string, ReportFacts>> {
  const out = new Map<string, ReportFacts>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [inputs, touches] = await Promise.all([
      conn.execute<ReportFactsInput & { id: string } & Record<string, unknown>>(sql`
        select ${sql.raw(FACT_INPUT_COLUMNS_SQL.replace('l.captured_at as', 'l.captured_at::float8 as').replace('v.first_seen_at as', 'v.first_seen_at::float8 as'))}
          from leads l left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id
         where l.id = any(${sql.param(batch)}::text[])`),
      conn.execute<LeadTouchRow & Record<string, unknown>>(sql`
        select ${sql.raw(leadTouchColumnsSql('t.at::float8'))}
          from leads l join visitor_touches t on t.site_id = l.site_id and t.visitor_id = l.visitor_id and t.at <= l.captured_at
         where l.id = any(${sql.param(batch)}::text[]) and t.kind = 'session'
        union all
        select ${sql.raw(leadTouchColumnsSql('t.at::float8'))}
          from leads l join visitor_touches t on t.lead_id = l.id
         where l.id = any(${sql.param(batch)}::text[])
         order by "leadId", at`),
    ]);
    for (const [id, facts] of factsByLead(inputs.rows, touches.rows, rule)) out.set(id, facts);
  }
  return out;
}

/** Works the facts of these leads out and stores them (pass the write's transaction). */
export async function refreshFacts(conn: PgConn, ids: readonly string[], rule: ReportFactsRule): Promise<void> {
  const facts = await factsOf(conn, ids, rule);
  if (!facts.size) return;
  const rows = [...facts].map(([id, f]) => ({ id, ...factColumns(f) }));
  await conn.execute(sql`
    update leads l set report_source = x.source, report_campaign = x.campaign, report_visitor_seen_at = x.seen, report_touches = x.touches
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, source: r.reportSource, campaign: r.reportCampaign, seen: r.reportVisitorSeenAt, touches: r.reportTouches })))}::jsonb)
        as x(id text, source text, campaign text, seen bigint, touches text)
     where l.id = x.id`);
}

/** After a session touch of visitors at `at` (or their visitor row made): their leads captured since then are worked out again. */
export async function touchedVisitors(
  conn: PgConn,
  visitors: ReadonlyArray<{ siteId: string; visitorId: string; since: number }>,
  rule: ReportFactsRule,
): Promise<void> {
  if (!visitors.length) return;
  const res = await conn.execute<{ id: string }>(sql`
    select l.id from leads l
      join jsonb_to_recordset(${JSON.stringify(visitors)}::jsonb) as x("siteId" text, "visitorId" text, since bigint)
        on l.site_id = x."siteId" and l.visitor_id = x."visitorId" and l.captured_at >= x.since`);
  if (res.rows.length) await refreshFacts(conn, [...new Set(res.rows.map((r) => r.id))], rule);
}

/** Stores the facts of every lead without them, once per database (marked in `settings`); returns how many. */
export async function backfillFacts(db: PgDb, rule: ReportFactsRule): Promise<number> {
  return backfillLeads(db, REPORT_FACTS_BACKFILL, 'report_touches is null', (tx, ids) => refreshFacts(tx, ids, rule));
}

/**
 * Works out, in transactions of BATCH leads, what `work` stores for every lead `missing` (a condition
 * on the leads row) picks out, once per database (marked in `settings` under `key`); returns how many.
 */
export async function backfillLeads(db: PgDb, key: string, missing: string, work: (tx: PgConn, ids: string[]) => Promise<void>): Promise<number> {
  const done = await db.execute(sql`select 1 from settings where key = ${key}`);
  if (done.rows.length) return 0;
  let after = '';
  let count = 0;
  for (;;) {
    const res = await db.execute<{ id: string }>(sql`select id from leads where id > ${after} and ${sql.raw(missing)} order by id limit ${BATCH}`);
    if (!res.rows.length) break;
    const ids = res.rows.map((r) => r.id);
    await db.transaction((tx) => work(tx, ids));
    after = ids.at(-1)!;
    count += ids.length;
  }
  await db.execute(sql`insert into settings (key, value) values (${key}, ${new Date().toISOString()}) on conflict (key) do nothing`);
  return count;
}
