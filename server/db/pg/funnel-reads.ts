// The funnel's counts aggregated by PostgreSQL, the twin of sqlite/funnel-reads.ts: GROUP BY over
// the facts each lead row keeps (leads_workspace_report), medians by percentile_disc (nearest rank,
// as reports/stats.ts percentile), counts cast to int and times to float8. A range with a lead whose
// facts are not stored yet is counted the slow way. The queries are exported for a test of their plans.
import { sql, type SQL } from 'drizzle-orm';
import type { FunnelCounts, StageStep } from '../../reports/funnel.core';
import { exitCounts, funnelCountsOf, FUNNEL_STEP_TIMES as STEP_TIMES, type FunnelGroupRow } from '../report-rows';
import type { PgDb } from './open';

type Range = { ws: string; from: number; to: number };

const inRange = (r: Range) => sql`l.workspace_id = ${r.ws} and l.captured_at >= ${r.from} and l.captured_at < ${r.to}`;

export const funnelQueries = (r: Range): Record<'missing' | 'groups' | 'exits' | 'medians' | 'visitors' | 'won', SQL> => ({
  missing: sql`select exists (select 1 from leads l where ${inRange(r)} and (l.report_touches is null or l.report_exits is null)) as missing`,
  groups: sql`
    select l.report_source as source, l.report_campaign as campaign, count(*)::int as leads,
           count(l.report_mql_at)::int as mql, count(l.report_sal_at)::int as sal, count(l.report_sql_at)::int as "sql",
           count(l.report_opportunity_at)::int as opportunity, count(l.report_won_at)::int as won,
           (count(*) filter (where l.contact_attempts > 0))::int as "workedLeads",
           coalesce(sum(l.contact_attempts) filter (where l.contact_attempts > 0), 0)::float8 as attempts
      from leads l
     where ${inRange(r)}
     group by l.report_source, l.report_campaign`,
  exits: sql`select l.report_exits as exits, count(*)::int as count from leads l where ${inRange(r)} and l.report_exits <> '[]' group by l.report_exits`,
  // Only leads that reached MQL have any of these times: reaching a step implies every earlier one (funnel.core stagesReaching).
  medians: sql`select ${sql.raw(
    STEP_TIMES.map(
      ([step, a, b]) =>
        `(percentile_disc(0.5) within group (order by case when ${a} is not null and ${b} is not null then greatest(0, ${b} - ${a}) end))::float8 as "${step}"`,
    ).join(', '),
  )}
      from leads l where ${inRange(r)} and l.report_mql_at is not null`,
  visitors: sql`select coalesce(sum(n), 0)::int as n from (
      select count(distinct l.visitor_id) as n from leads l
       where ${inRange(r)} and l.visitor_id is not null and l.report_visitor_seen_at >= ${r.from} and l.report_visitor_seen_at < ${r.to}
       group by l.site_id) v`,
  // In the order the funnel's leads are read (reports-ops.ts reportLeadsQuery), to be summed in that order.
  won: sql`select l.deal_value::float8 as value from leads l where ${inRange(r)} and l.report_won_at is not null order by l.captured_at, l.id`,
});

export async function funnelCountsRead(
  db: PgDb,
  range: Range,
  steps: readonly StageStep[],
  slow: (range: Range) => Promise<FunnelCounts>,
): Promise<FunnelCounts> {
  const q = funnelQueries(range);
  if ((await db.execute<{ missing: boolean }>(q.missing)).rows[0]!.missing) return slow(range);
  const [groups, exits, medians, visitors, won] = await Promise.all([
    db.execute<FunnelGroupRow & Record<string, unknown>>(q.groups),
    db.execute<{ exits: string; count: number }>(q.exits),
    db.execute<FunnelCounts['medianMs'] & Record<string, unknown>>(q.medians),
    db.execute<{ n: number }>(q.visitors),
    db.execute<{ value: number | null }>(q.won),
  ]);
  return funnelCountsOf({
    steps,
    groups: groups.rows,
    exits: exitCounts(exits.rows),
    medianMs: medians.rows[0]!,
    countedVisitors: visitors.rows[0]!.n,
    wonValues: won.rows.map((w) => w.value),
  });
}
