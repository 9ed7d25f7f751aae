// The report facts kept on each lead row (leads.report_*, report-rows.ts reportFacts): worked out
// from the lead, its visitor and its stored touches when it is captured or a touch of its visitor
// arrives, backfilled once for leads captured before they existed, and worked out on read for any
// lead still without them, so a report is right whichever way a lead was written.
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
import type { Db } from './open';

/** Leads worked out per statement: bounded so a backfill never holds the writer long. */
const BATCH = 500;

const IDS = '(select value from json_each(@ids))';

/** A lead's stored touches by id, both halves by index (visitor_touches_visitor, visitor_touches_lead). */
const FACT_TOUCHES_SQL = `select ${leadTouchColumnsSql()}
       from leads l join visitor_touches t on t.site_id = l.site_id and t.visitor_id = l.visitor_id and t.at <= l.captured_at
      where l.id in ${IDS} and t.kind = 'session'
     union all
     select ${leadTouchColumnsSql()}
       from leads l join visitor_touches t on t.lead_id = l.id
      where l.id in ${IDS}`;

export interface ReportFactsOps {
  /** The facts of these leads, worked out from the rows they come from (no writes). */
  factsOf(ids: readonly string[]): Map<string, ReportFacts>;
  /** Works the facts of these leads out and stores them (call inside the write's transaction). */
  refresh(ids: readonly string[]): void;
  /** After a session touch of a visitor at `at`: its leads captured since then count it, so their facts are worked out again. */
  touched(siteId: string, visitorId: string, at: number): void;
  /** Stores the facts of every lead without them, once per database (marked in `settings`); returns how many. */
  backfill(): number;
}

export function createReportFactsOps(db: Db, rule: ReportFactsRule): ReportFactsOps {
  const raw = db.$client;
  const inputs = raw.prepare<{ ids: string }, ReportFactsInput & { id: string }>(
    `select ${FACT_INPUT_COLUMNS_SQL} from leads l left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id where l.id in ${IDS}`,
  );
  const touches = raw.prepare<{ ids: string }, LeadTouchRow>(FACT_TOUCHES_SQL);
  const write = raw.prepare(
    `update leads set report_source = @reportSource, report_campaign = @reportCampaign, report_visitor_seen_at = @reportVisitorSeenAt,
       report_touches = @reportTouches where id = @id`,
  );
  const leadsOfVisitor = raw
    .prepare<[string, string, number], string>('select id from leads where site_id = ? and visitor_id = ? and captured_at >= ?')
    .pluck();

  const factsOf = (ids: readonly string[]) => {
    const out = new Map<string, ReportFacts>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = { ids: JSON.stringify(ids.slice(i, i + BATCH)) };
      for (const [id, facts] of factsByLead(inputs.all(batch), touches.all(batch), rule)) out.set(id, facts);
    }
    return out;
  };
  const refresh = (ids: readonly string[]) => {
    for (const [id, facts] of factsOf(ids)) write.run({ id, ...factColumns(facts) });
  };

  return {
    factsOf,
    refresh,
    touched(siteId, visitorId, at) {
      const ids = leadsOfVisitor.all(siteId, visitorId, at);
      if (ids.length) refresh(ids);
    },
    backfill() {
      return backfillLeads(db, REPORT_FACTS_BACKFILL, 'report_touches is null', refresh);
    },
  };
}

/**
 * Works out, in transactions of BATCH leads, what `work` stores for every lead `missing` (a condition
 * on the leads row) picks out, once per database (marked in `settings` under `key`); returns how many.
 */
export function backfillLeads(db: Db, key: string, missing: string, work: (ids: string[]) => void): number {
  const raw = db.$client;
  if (raw.prepare<[string]>('select 1 from settings where key = ?').get(key)) return 0;
  const next = raw.prepare<[string, number], string>(`select id from leads where id > ? and ${missing} order by id limit ?`).pluck();
  let after = '';
  let count = 0;
  for (;;) {
    const ids = next.all(after, BATCH);
    if (!ids.length) break;
    raw.transaction(() => work(ids))();
    after = ids.at(-1)!;
    count += ids.length;
  }
  raw.prepare('insert into settings (key, value) values (?, ?) on conflict (key) do nothing').run(key, new Date().toISOString());
  return count;
}
