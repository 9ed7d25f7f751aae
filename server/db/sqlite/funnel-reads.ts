// The funnel's counts aggregated by SQLite (issue 21: a report over 100,000 leads under a second):
// GROUP BY over the stage facts and report facts each lead row keeps, read from the covering index
// leads_workspace_report, so no lead becomes a JavaScript value. A range with a lead whose facts are
// not stored yet is counted the slow way (funnel.core funnelCounts over its leads). The statements
// are exported so a test can check their query plans.
import { exitCounts, funnelCountsOf, FUNNEL_STEP_TIMES as STEP_TIMES, type FunnelGroupRow } from '../report-rows';
import type { FunnelCounts, StageStep } from '../../reports/funnel.core';
import type { Db } from './open';

const RANGE = 'l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to';

/** Whether a lead of the range still lacks stored facts (the partial index leads_report_missing holds only those). */
export const FUNNEL_MISSING_SQL = `select exists (select 1 from leads l where ${RANGE} and (l.report_touches is null or l.report_exits is null)) as missing`;

/** Leads, steps reached and follow-ups per source and campaign. */
export const FUNNEL_GROUPS_SQL = `select l.report_source as source, l.report_campaign as campaign, count(*) as leads,
       count(l.report_mql_at) as mql, count(l.report_sal_at) as sal, count(l.report_sql_at) as "sql",
       count(l.report_opportunity_at) as opportunity, count(l.report_won_at) as won,
       sum(l.contact_attempts > 0) as workedLeads, sum(case when l.contact_attempts > 0 then l.contact_attempts else 0 end) as attempts
  from leads l
 where ${RANGE}
 group by l.report_source, l.report_campaign`;

/** The leads' moves out of the funnel, by their list of exits ('[]': none), read from the lead rows (the covering index leaves their text out). */
export const FUNNEL_EXITS_SQL = `select l.report_exits as exits, count(*) as count from leads l where ${RANGE} and l.report_exits <> '[]' group by l.report_exits`;

/**
 * Per step, the median (nearest rank: the ceil(n/2)-th smallest, as reports/stats.ts percentile) of those times. Only
 * leads that reached MQL have any: a step is reached at the first change to it or a later step (funnel.core stagesReaching),
 * so reaching a step implies reaching every earlier one.
 */
export const FUNNEL_MEDIANS_SQL = `with d as materialized (
  select ${STEP_TIMES.map(([step, a, b]) => `case when ${a} is not null and ${b} is not null then max(0, ${b} - ${a}) end as "${step}"`).join(', ')}
    from leads l
   where ${RANGE} and l.report_mql_at is not null)
select ${STEP_TIMES.map(
  ([step]) =>
    `(select "${step}" from d where "${step}" is not null order by "${step}" limit 1 offset (select (count("${step}") + 1) / 2 - 1 from d)) as "${step}"`,
).join(',\n       ')}`;

/** The distinct tracked visitors among the leads that the range's visitors count (first seen in it): per site, which is cheaper than pairs. */
export const FUNNEL_VISITORS_SQL = `select coalesce(sum(n), 0) as n from (
  select count(distinct l.visitor_id) as n from leads l
   where ${RANGE} and l.visitor_id is not null and l.report_visitor_seen_at >= @from and l.report_visitor_seen_at < @to
   group by l.site_id)`;

/** The won deals' values in the order the funnel's leads are read (leads_workspace_captured's), to be summed in that order. */
export const FUNNEL_WON_SQL = `select l.deal_value from leads l indexed by leads_workspace_report
 where ${RANGE} and l.report_won_at is not null order by l.captured_at, l.rowid`;

type Range = { ws: string; from: number; to: number };

export function createFunnelReads(db: Db, steps: readonly StageStep[], slow: (range: Range) => FunnelCounts): (range: Range) => FunnelCounts {
  const raw = db.$client;
  const missing = raw.prepare<Range, { missing: number }>(FUNNEL_MISSING_SQL);
  const groups = raw.prepare<Range, FunnelGroupRow>(FUNNEL_GROUPS_SQL);
  const exits = raw.prepare<Range, { exits: string; count: number }>(FUNNEL_EXITS_SQL);
  const medians = raw.prepare<Range, FunnelCounts['medianMs']>(FUNNEL_MEDIANS_SQL);
  const visitors = raw.prepare<Range, { n: number }>(FUNNEL_VISITORS_SQL);
  const won = raw.prepare<Range, number | null>(FUNNEL_WON_SQL).pluck();
  return (range) => {
    if (missing.get(range)!.missing) return slow(range);
    return funnelCountsOf({
      steps,
      groups: groups.all(range),
      exits: exitCounts(exits.all(range)),
      medianMs: medians.get(range)!,
      countedVisitors: visitors.get(range)!.n,
      wonValues: won.all(range),
    });
  };
}
