import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_ORDER, callBucket, isWon, reachedSql, speedPays, type SpeedPaysLead } from './speed-pays.core';

const S = 1000;
const M = 60 * S;
/** A lead called after `waitMs`, SQL (its history says so) and won as asked. */
const lead = (waitMs: number | null, sql = false, won = false): SpeedPaysLead => ({
  handRaiseAt: 1_000_000,
  firstCallAt: waitMs === null ? null : 1_000_000 + waitMs,
  stage: won ? 'won' : 'sal',
  reached: won ? ['hot', 'sal', 'opportunity', 'won'] : sql ? ['hot', 'sal', 'sql'] : ['hot', 'sal'],
});

describe('callBucket', () => {
  it('puts each boundary in the slower bucket (a call at exactly 60 s is not under a minute)', () => {
    expect([0, 59_999, M, 5 * M - 1, 5 * M, 30 * M, 24 * 60 * M - 1, 24 * 60 * M, 40 * 24 * 60 * M].map((w) => callBucket(lead(w)))).toEqual([
      'under_1m',
      'under_1m',
      '1_5m',
      '1_5m',
      '5_30m',
      '30m_24h',
      '30m_24h',
      'later',
      'later',
    ]);
    expect(callBucket(lead(null))).toBe('never');
    // A call logged before this hand-raise (an earlier one still on the lead) counts as immediate.
    expect(callBucket(lead(-5 * M))).toBe('under_1m');
  });
});

describe('reachedSql and isWon', () => {
  it('counts a lead as SQL by any move to SQL or later, or by its stage now; won by its stage now', () => {
    expect(reachedSql({ stage: 'nurture', reached: ['hot', 'sal', 'sql', 'nurture'] })).toBe(true);
    expect(reachedSql({ stage: 'won', reached: ['hot', 'sal', 'opportunity', 'won'] })).toBe(true);
    expect(reachedSql({ stage: 'sql', reached: [] })).toBe(true);
    expect(reachedSql({ stage: 'disqualified', reached: ['hot', 'sal', 'disqualified'] })).toBe(false);
    expect(isWon({ stage: 'won' })).toBe(true);
    expect(isWon({ stage: 'lost' })).toBe(false);
  });
});

describe('speedPays', () => {
  it('counts leads, SQLs and wins per bucket, and compares the fastest called bucket with the slowest', () => {
    const r = speedPays(
      [
        lead(10 * S, true, true),
        lead(30 * S, true, false),
        lead(50 * S, false, false),
        lead(50 * S, true, false),
        lead(3 * M, true, false),
        lead(3 * M, false, false),
        lead(2 * 3600 * S, true, false),
        lead(2 * 3600 * S, false, false),
        lead(2 * 3600 * S, false, false),
        lead(2 * 3600 * S, false, false),
        lead(null, false, false),
      ],
      0,
      10,
    );
    expect(r.leads).toBe(11);
    expect(r.buckets).toEqual([
      { bucket: 'under_1m', leads: 4, sql: 3, won: 1, sqlRate: 0.75, wonRate: 0.25 },
      { bucket: '1_5m', leads: 2, sql: 1, won: 0, sqlRate: 0.5, wonRate: 0 },
      { bucket: '5_30m', leads: 0, sql: 0, won: 0, sqlRate: null, wonRate: null },
      { bucket: '30m_24h', leads: 4, sql: 1, won: 0, sqlRate: 0.25, wonRate: 0 },
      { bucket: 'later', leads: 0, sql: 0, won: 0, sqlRate: null, wonRate: null },
      { bucket: 'never', leads: 1, sql: 0, won: 0, sqlRate: 0, wonRate: 0 },
    ]);
    // 75% against 25%: three times; nobody in the slow bucket won, so no finite ratio for won.
    expect(r.lift).toEqual({
      fast: 'under_1m',
      slow: '30m_24h',
      sql: { fastRate: 0.75, slowRate: 0.25, ratio: 3 },
      won: { fastRate: 0.25, slowRate: 0, ratio: null },
    });
  });

  it('has no comparison with fewer than two called buckets holding leads', () => {
    expect(speedPays([], 0, 1).lift).toBeNull();
    expect(speedPays([lead(5 * S, true), lead(null)], 0, 1).lift).toBeNull();
  });

  const leads = fc.array(
    fc.record({
      handRaiseAt: fc.integer({ min: 0, max: 1_000_000_000_000 }),
      wait: fc.option(fc.oneof(fc.integer({ min: -1_000_000_000, max: 10_000_000_000 }), fc.constantFrom(0, M, 5 * M, 30 * M, 24 * 60 * M)), { nil: null }),
      stage: fc.constantFrom('hot', 'sal', 'sql', 'opportunity', 'won', 'lost', 'nurture', 'disqualified'),
      reached: fc.subarray(['mql', 'hot', 'sal', 'sql', 'opportunity', 'won', 'lost', 'nurture']),
    }),
    { maxLength: 60 },
  );
  const asLeads = (xs: Array<{ handRaiseAt: number; wait: number | null; stage: string; reached: string[] }>): SpeedPaysLead[] =>
    xs.map((x) => ({ handRaiseAt: x.handRaiseAt, firstCallAt: x.wait === null ? null : x.handRaiseAt + x.wait, stage: x.stage, reached: x.reached }));

  it('puts every lead in exactly one bucket: the counts sum to the total', () => {
    fc.assert(
      fc.property(leads, (xs) => {
        const ls = asLeads(xs);
        const r = speedPays(ls, 0, 1);
        expect(r.buckets.map((b) => b.bucket)).toEqual(BUCKET_ORDER);
        expect(r.buckets.reduce((s, b) => s + b.leads, 0)).toBe(ls.length);
        expect(r.leads).toBe(ls.length);
        for (const b of r.buckets) expect(b.leads).toBe(ls.filter((l) => callBucket(l) === b.bucket).length);
        expect(r.buckets.reduce((s, b) => s + b.sql, 0)).toBe(ls.filter(reachedSql).length);
        expect(r.buckets.reduce((s, b) => s + b.won, 0)).toBe(ls.filter(isWon).length);
      }),
    );
  });

  it('keeps every rate within 0..1, and null only for an empty bucket', () => {
    fc.assert(
      fc.property(leads, (xs) => {
        const r = speedPays(asLeads(xs), 0, 1);
        for (const b of r.buckets) {
          for (const rate of [b.sqlRate, b.wonRate]) {
            if (b.leads === 0) expect(rate).toBeNull();
            else expect(rate! >= 0 && rate! <= 1).toBe(true);
          }
        }
        if (r.lift) {
          expect(BUCKET_ORDER.indexOf(r.lift.fast)).toBeLessThan(BUCKET_ORDER.indexOf(r.lift.slow));
          for (const c of [r.lift.sql, r.lift.won]) expect(c.ratio === null ? c.slowRate === 0 : c.ratio === c.fastRate / c.slowRate).toBe(true);
        }
      }),
    );
  });
});
