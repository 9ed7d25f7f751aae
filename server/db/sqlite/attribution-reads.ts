// First- and last-touch attribution counted by SQLite: the leads of the range grouped by their
// credited touch's channel, source or campaign (read out of report_touches) and the day of their
// first touch, and the won deals in the order the leads are read, so no lead's touches become
// JavaScript values. A range with a lead whose facts are not stored yet is counted from its leads.
import type { AttributionBy } from '../../../shared/console-api';
import type { AttributionCounts, SingleTouchModel } from '../../reports/attribution.core';
import { creditedTouchPath } from '../report-rows';
import { FUNNEL_MISSING_SQL } from './funnel-reads';
import type { Db } from './open';

const RANGE = 'l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to';
const DAY_MS = 24 * 3600 * 1000;

/** The credited touch's value, whether there is one, and a time in the day of the first touch (else the capture). */
const touchColumns = (model: SingleTouchModel, by: AttributionBy) => {
  const [touch, field] = creditedTouchPath(model, by);
  return `json_extract(l.report_touches, '$[${touch === 'last' ? '#-1' : '0'}][${field}]') as value,
          json_array_length(l.report_touches) > 0 as credited,
          coalesce(json_extract(l.report_touches, '$[0][0]'), l.captured_at) as cohortAt`;
};

/** The leads counted per credited value and day of first touch. */
export const attributionRowsSql = (model: SingleTouchModel, by: AttributionBy) => `select ${touchColumns(model, by)},
       count(*) as leads, count(l.report_mql_at) as mql, count(l.report_sql_at) as "sql",
       count(l.report_opportunity_at) as opportunities, count(l.report_won_at) as won
  from leads l
 where ${RANGE}
 group by value, credited, cohortAt / ${DAY_MS}`;

/** The won deals in the order the report's leads are read (leads_workspace_captured). */
export const attributionWonSql = (model: SingleTouchModel, by: AttributionBy) => `select ${touchColumns(model, by)}, l.deal_value as dealValue
  from leads l indexed by leads_workspace_captured
 where ${RANGE} and l.report_won_at is not null
 order by l.captured_at, l.rowid`;

type Range = { ws: string; from: number; to: number };

export function createAttributionReads(
  db: Db,
  slow: (range: Range, model: SingleTouchModel, by: AttributionBy) => AttributionCounts,
): (range: Range, model: SingleTouchModel, by: AttributionBy) => AttributionCounts {
  const raw = db.$client;
  const missing = raw.prepare<Range, { missing: number }>(FUNNEL_MISSING_SQL);
  const statements = new Map<string, { rows: ReturnType<typeof raw.prepare>; won: ReturnType<typeof raw.prepare> }>();
  return (range, model, by) => {
    if (missing.get(range)!.missing) return slow(range, model, by);
    const key = `${model} ${by}`;
    let s = statements.get(key);
    if (!s) statements.set(key, (s = { rows: raw.prepare(attributionRowsSql(model, by)), won: raw.prepare(attributionWonSql(model, by)) }));
    const flag = <T extends { credited: number | boolean }>(r: T) => ({ ...r, credited: Boolean(r.credited) });
    return {
      rows: (s.rows.all(range) as Array<AttributionCounts['rows'][number] & { credited: number }>).map(flag),
      won: (s.won.all(range) as Array<AttributionCounts['won'][number] & { credited: number }>).map(flag),
    };
  };
}
