// The per-phone daily cap across processes: two guard stores on two connection pools (two Sixty
// processes) admit a burst of simultaneous requests for one phone. Exactly `limit` are admitted,
// whichever pool each lands on, and every refusal says when a slot frees up.
// Runs with SIXTY_TEST_DATABASE_URL.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackGuardStore } from '../../server/callbacks/callback-guard-store';
import { createCallbackGuardOps } from '../../server/db/pg/callback-guard-ops';
import { openPostgres, type PgDb } from '../../server/db/pg/open';
import { TEST_DATABASE_URL, createTestDatabase, dropTestDatabase } from '../helpers/databases';

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const LIMIT = 3;
const BURST = 40;
const ROUNDS = 10;

describe.skipIf(!TEST_DATABASE_URL)('the per-phone cap across two processes on one PostgreSQL', () => {
  let url: string;
  let pools: PgDb[];
  let guards: CallbackGuardStore[];
  let look: pg.Client;

  beforeAll(async () => {
    url = await createTestDatabase(TEST_DATABASE_URL!);
    pools = [await openPostgres(url, { max: 8 }), await openPostgres(url, { max: 8 })];
    guards = pools.map(createCallbackGuardOps);
    look = new pg.Client({ connectionString: url });
    await look.connect();
  });
  afterAll(async () => {
    await look?.end();
    await Promise.all((pools ?? []).map((p) => p.$client.end()));
    if (url) await dropTestDatabase(url);
  });

  it(`admits exactly ${LIMIT} of ${BURST} simultaneous requests for one phone, in each of ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const phone = `+1415555${String(1000 + round)}`;
      const results = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          guards[i % 2]!.admit({ workspaceId: 'w-cap', siteId: 's-cap', phone, email: null, at: NOW + i, limit: LIMIT, since: NOW + i - DAY }),
        ),
      );
      const admitted = results.filter((r) => r.ok);
      expect(admitted, `round ${round}`).toHaveLength(LIMIT);
      for (const r of results) if (!r.ok) expect(r.retryAt).toBeGreaterThanOrEqual(NOW + DAY);
      const stored = await look.query('select count(*)::int as n from callback_requests where phone = $1', [phone]);
      expect(stored.rows[0].n).toBe(LIMIT);
    }
  });

  it('gives a released slot to the next request, and never releases a settled one', async () => {
    const phone = '+14155552000';
    const admit = (g: CallbackGuardStore, at: number) => g.admit({ workspaceId: 'w-cap', siteId: 's-cap', phone, email: null, at, limit: 1, since: at - DAY });
    const first = await admit(guards[0]!, NOW);
    expect(first.ok).toBe(true);
    expect((await admit(guards[1]!, NOW + 1)).ok).toBe(false);
    if (first.ok) await guards[1]!.release(first.requestId);
    const second = await admit(guards[1]!, NOW + 2);
    expect(second.ok).toBe(true);
    if (second.ok) {
      await guards[0]!.settle({ requestId: second.requestId, workspaceId: 'w-cap', leadId: 'l-cap', at: NOW + 2, note: null });
      await guards[0]!.release(second.requestId);
    }
    expect(await admit(guards[0]!, NOW + 3)).toEqual({ ok: false, retryAt: NOW + 2 + DAY });
  });

  it('names the request still pending ahead of each one: one chain however the burst lands on the two pools', async () => {
    const phone = '+14155553000';
    const results = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        guards[i % 2]!.admit({ workspaceId: 'w-cap', siteId: 's-cap', phone, email: null, at: NOW, limit: null, since: NOW - DAY, pendingSince: NOW - 5000 }),
      ),
    );
    const admitted = results.flatMap((r) => (r.ok ? [r] : []));
    expect(admitted).toHaveLength(BURST);
    // Admitted one at a time under the phone's lock: each names the one admitted just before it.
    const ids = admitted.map((r) => r.requestId).sort((a, b) => a - b);
    const byId = new Map(admitted.map((r) => [r.requestId, r.ahead]));
    expect(ids.map((id) => byId.get(id))).toEqual([null, ...ids.slice(0, -1)]);

    // The outcome a waiting request polls for: pending until settled or released; released, or
    // settled to a lead since erased, it is gone (nothing to join). Joining a real lead is covered
    // end to end by callbacks.test's double submit, which runs on PostgreSQL too.
    expect(await guards[0]!.requestOutcome(ids[0]!)).toBe('pending');
    await guards[0]!.settle({ requestId: ids[0]!, workspaceId: 'w-cap', leadId: 'l-erased', at: NOW, note: null });
    await guards[1]!.release(ids[1]!);
    const outcome = (id: number) => guards[1]!.requestOutcome(id);
    expect([await outcome(ids[0]!), await outcome(ids[1]!), await outcome(ids[2]!)]).toEqual(['gone', 'gone', 'pending']);
    // A request older than `pendingSince` is not worth waiting for (stuck, or its process died).
    const late = await guards[0]!.admit({
      workspaceId: 'w-cap',
      siteId: 's-cap',
      phone,
      email: null,
      at: NOW + 60_000,
      limit: null,
      since: NOW - DAY,
      pendingSince: NOW + 55_000,
    });
    expect(late).toMatchObject({ ok: true, ahead: null });
  });
});
