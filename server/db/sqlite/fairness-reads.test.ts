// The speed-pays and rep-fairness reads are answered from indexes, never by scanning a whole
// table of leads or offers (EXPLAIN QUERY PLAN on the migrated schema).
import { describe, expect, it } from 'vitest';
import { ACCEPT_TIMES_SQL, CLOSED_SQL, OFFER_GROUPS_SQL, OWNED_SQL, SPEED_PAYS_SQL } from './fairness-reads';
import { openDatabase } from './open';

const db = openDatabase(':memory:');
const plan = (sql: string) =>
  db.$client
    .prepare(`explain query plan ${sql}`)
    .all({ ws: 'w', from: 0, to: 1 })
    .map((r) => (r as { detail: string }).detail);

describe('fairness reads: query plans', () => {
  it.each([
    ['speed pays', SPEED_PAYS_SQL, ['leads_workspace_hot'], 'COVERING INDEX stage_changes_lead_stage'],
    ['offers by rep', OFFER_GROUPS_SQL, ['offers_workspace_offered'], null],
    ['accept times', ACCEPT_TIMES_SQL, ['offers_workspace_offered'], null],
    ['owned leads', OWNED_SQL, ['leads_workspace_captured'], 'COVERING INDEX stage_changes_lead_stage'],
    ['closed deals', CLOSED_SQL, ['leads_workspace_closed'], null],
  ])('%s: searches its index and scans no table', (_name, sql, indexes, sub) => {
    const details = plan(sql);
    for (const index of indexes)
      expect(
        details.some((d) => d.includes(`USING INDEX ${index}`) || d.includes(`USING COVERING INDEX ${index}`)),
        details.join('\n'),
      ).toBe(true);
    if (sub)
      expect(
        details.some((d) => d.includes(sub)),
        details.join('\n'),
      ).toBe(true);
    // "SCAN x" without an index is a full table scan; the range reads are all "SEARCH".
    expect(
      details.filter((d) => /^SCAN (l|o|c|leads|offers|stage_changes)\b/.test(d) && !d.includes('INDEX')),
      details.join('\n'),
    ).toEqual([]);
  });
});
