// The funnel's counts are aggregated from indexes: the covering leads_workspace_report for the
// counts, medians, visitors and won deals, the partial leads_report_missing for the check that every
// lead of the range keeps its facts, and a range of leads for the exits (EXPLAIN QUERY PLAN on the migrated schema).
import { describe, expect, it } from 'vitest';
import { FUNNEL_EXITS_SQL, FUNNEL_GROUPS_SQL, FUNNEL_MEDIANS_SQL, FUNNEL_MISSING_SQL, FUNNEL_VISITORS_SQL, FUNNEL_WON_SQL } from './funnel-reads';
import { openDatabase } from './open';

const db = openDatabase(':memory:');
const plan = (sql: string) =>
  db.$client
    .prepare(`explain query plan ${sql}`)
    .all({ ws: 'w', from: 0, to: 1 })
    .map((r) => (r as { detail: string }).detail);

describe('funnel reads: query plans', () => {
  it.each([
    ['facts missing', FUNNEL_MISSING_SQL, 'USING INDEX leads_report_missing'],
    ['groups', FUNNEL_GROUPS_SQL, 'USING COVERING INDEX leads_workspace_report'],
    ['medians', FUNNEL_MEDIANS_SQL, 'USING COVERING INDEX leads_workspace_report'],
    ['visitors', FUNNEL_VISITORS_SQL, 'USING COVERING INDEX leads_workspace_report'],
    ['won deals', FUNNEL_WON_SQL, 'USING COVERING INDEX leads_workspace_report'],
    ['exits', FUNNEL_EXITS_SQL, 'USING INDEX leads_workspace_'],
  ])('%s: searches its index for the range and scans no table', (_name, sql, index) => {
    const details = plan(sql);
    expect(
      details.some((d) => d.startsWith('SEARCH l ') && d.includes(index) && d.includes('captured_at>? AND captured_at<?')),
      details.join('\n'),
    ).toBe(true);
    expect(
      details.filter((d) => /^SCAN (l|leads)\b/.test(d)),
      details.join('\n'),
    ).toEqual([]);
  });
});
