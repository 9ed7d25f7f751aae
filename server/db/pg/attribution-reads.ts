// First- and last-touch attribution counted by PostgreSQL, the twin of sqlite/attribution-reads.ts:
// the credited touch's value read out of report_touches (json), the day of the first touch by integer
// division, counts cast to int and times to float8; the won deals in the order the leads are read.
import { sql, type SQL } from 'drizzle-orm';
import type { AttributionBy } from '../../../shared/console-api';
import type { AttributionCounts, SingleTouchModel } from '../../reports/attribution.core';
import { creditedTouchPath } from '../report-rows';
import { funnelQueries } from './funnel-reads';
import type { PgDb } from './open';

type Range = { ws: string; from: number; to: number };

const DAY_MS = 24 * 3600 * 1000;

const touchColumns = (model: SingleTouchModel, by: AttributionBy) => {
  const [touch, field] = creditedTouchPath(model, by);
  const first = '(l.report_touches::json -> 0 ->> 0)::bigint';
  return sql.raw(`(l.report_touches::json -> ${touch === 'last' ? -1 : 0} ->> ${field}) as value,
    json_array_length(l.report_touches::json) > 0 as credited,
    coalesce(${first}, l.captured_at)`);
};

export const attributionQueries = (r: Range, model: SingleTouchModel, by: AttributionBy): Record<'rows' | 'won', SQL> => {
  const range = sql`l.workspace_id = ${r.ws} and l.captured_at >= ${r.from} and l.captured_at < ${r.to}`;
  return {
    rows: sql`
      select value, credited, min(at)::float8 as "cohortAt", count(*)::int as leads, count(mql)::int as mql, count(sq)::int as "sql",
             count(opportunity)::int as opportunities, count(won)::int as won
        from (select ${touchColumns(model, by)} as at, l.report_mql_at as mql, l.report_sql_at as sq,
                     l.report_opportunity_at as opportunity, l.report_won_at as won
                from leads l where ${range}) t
       group by value, credited, at / ${sql.raw(String(DAY_MS))}`,
    won: sql`
      select ${touchColumns(model, by)}::float8 as "cohortAt", l.deal_value::float8 as "dealValue"
        from leads l where ${range} and l.report_won_at is not null
       order by l.captured_at, l.id`,
  };
};

export async function attributionCountsRead(
  db: PgDb,
  range: Range,
  model: SingleTouchModel,
  by: AttributionBy,
  slow: () => Promise<AttributionCounts>,
): Promise<AttributionCounts> {
  if ((await db.execute<{ missing: boolean }>(funnelQueries(range).missing)).rows[0]!.missing) return slow();
  const q = attributionQueries(range, model, by);
  const [rows, won] = await Promise.all([
    db.execute<AttributionCounts['rows'][number] & Record<string, unknown>>(q.rows),
    db.execute<AttributionCounts['won'][number] & Record<string, unknown>>(q.won),
  ]);
  return { rows: rows.rows, won: won.rows };
}
