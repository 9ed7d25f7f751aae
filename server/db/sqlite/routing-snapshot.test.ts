// Every routing decision reads the workspace's reps with their load: it must seek each rep's open
// offers and open leads, never count through the workspace's whole history of offers and leads
// (a soak's broadcasts left 50,000 offers to scan per decision, and routing fell minutes behind).
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open';
import { repsWithLoad } from './routing-snapshot';

describe('routing snapshot: the reps read', () => {
  it('counts each rep through offers_rep_status and leads_owner_active, scanning no offers or leads', () => {
    const db = openDatabase(':memory:');
    const { sql, params } = repsWithLoad(db).toSQL();
    const details = db.$client
      .prepare(`explain query plan ${sql}`)
      .all(...params.map(() => 'w'))
      .map((r) => (r as { detail: string }).detail);
    const text = details.join('\n');
    expect(text).toContain('COVERING INDEX offers_rep_status (rep_id=? AND status=?)');
    expect(text).toContain('COVERING INDEX leads_owner_active (owner_id=? AND routing=? AND outcome=?)');
    expect(details.filter((d) => /^SEARCH (o|l) USING INDEX (offers_workspace_offered|leads_workspace_routing)/.test(d) || /^SCAN (o|l)\b/.test(d))).toEqual(
      [],
    );
  });
});
