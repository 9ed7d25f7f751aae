import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCEPT_TARGET_MS, monthOf, slaPace, type PaceFacts } from './sla-pace.core';

const DAY = 24 * 3600_000;
/** 1 Dec 2026 00:00 UTC to 1 Jan 2027: 31 days. */
const DEC = monthOf(Date.UTC(2026, 11, 15), 'UTC');
const SLA = { salesQuota: 100_000, marketingShare: 0.5, averageDealSize: 5000, leadToMql: 0.3, mqlToSql: 0.4, sqlToCustomer: 0.25 };
// Targets: 10 customers, 40 SQLs, 100 MQLs, 334 leads.

function facts(over: Partial<PaceFacts> = {}): PaceFacts {
  return { sla: SLA, month: DEC, timeZone: 'UTC', mqls: 0, sqls: 0, handRaised: 0, breaches: 0, medianAcceptMs: null, ...over };
}

const counts = fc.record({
  mqls: fc.nat(500),
  sqls: fc.nat(500),
  handRaised: fc.nat(500),
  breaches: fc.nat(500),
  medianAcceptMs: fc.option(fc.nat(600_000)),
});
const inMonth = fc.integer({ min: DEC.from, max: DEC.to });

describe('slaPace', () => {
  it('takes the month in the zone asked', () => {
    expect(DEC).toEqual({ from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
    // 1 Dec 00:30 in Berlin is still November in UTC.
    expect(monthOf(Date.UTC(2026, 10, 30, 23, 30), 'Europe/Berlin')).toEqual({ from: Date.UTC(2026, 10, 30, 23), to: Date.UTC(2026, 11, 31, 23) });
  });

  it('halfway through the month expects half the target; short on MQLs is marketing behind on volume', () => {
    const mid = DEC.from + 15.5 * DAY;
    const p = slaPace(facts({ mqls: 40, sqls: 16, handRaised: 40, breaches: 1, medianAcceptMs: 30_000 }), mid)!;
    expect(p.mqls).toEqual({ target: 100, actual: 40, expected: 50, projected: 80, behind: true });
    expect(p.sqls).toMatchObject({ target: 40, expected: 20, projected: 32, behind: true });
    expect(p.sqlRate).toEqual({ agreed: 0.4, actual: 0.4, behind: false });
    expect(p.behind).toEqual({ marketing: true, sales: false });
    expect(p.reasons).toEqual(['Marketing: 40 MQLs so far, 50 expected by now for 100 this month.']);
  });

  it('enough MQLs but few become SQLs, breaches and slow accepts: sales behind on follow-up', () => {
    const mid = DEC.from + 15.5 * DAY;
    const p = slaPace(facts({ mqls: 60, sqls: 12, handRaised: 60, breaches: 12, medianAcceptMs: 95_000 }), mid)!;
    expect(p.behind).toEqual({ marketing: false, sales: true });
    expect(p.sqlRate).toEqual({ agreed: 0.4, actual: 0.2, behind: true });
    expect(p.speed).toMatchObject({ breachShare: 0.2, manyBreaches: true, slowAccept: true });
    expect(p.reasons).toHaveLength(3);
  });

  it('has no targets from rates of 0', () => {
    expect(slaPace(facts({ sla: { ...SLA, mqlToSql: 0 } }), DEC.from)).toBeNull();
  });

  it('expects at most the target, more as the month goes on, and all of it once the month is over', () => {
    fc.assert(
      fc.property(counts, inMonth, inMonth, (c, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const p1 = slaPace(facts(c), early)!;
        const p2 = slaPace(facts(c), late)!;
        expect(p1.mqls.expected).toBeLessThanOrEqual(p1.mqls.target);
        expect(p1.mqls.expected).toBeLessThanOrEqual(p2.mqls.expected);
        expect(p1.sqls.expected).toBeLessThanOrEqual(p2.sqls.expected);
        const end = slaPace(facts(c), DEC.to + DAY)!;
        expect(end.mqls.expected).toBe(end.mqls.target);
        expect(end.mqls.projected).toBe(c.mqls);
      }),
    );
  });

  it('marketing is behind exactly when the month-end projection falls short of the target', () => {
    fc.assert(
      fc.property(counts, inMonth, (c, now) => {
        const p = slaPace(facts(c), now)!;
        fc.pre(p.mqls.projected !== null);
        // Pro rata and projection are one judgement; allow float dust at equality.
        if (Math.abs(p.mqls.projected! - p.mqls.target) > 1e-6) expect(p.behind.marketing).toBe(p.mqls.projected! < p.mqls.target);
      }),
    );
  });

  it('more MQLs never put marketing further behind, and speed never decides marketing', () => {
    fc.assert(
      fc.property(counts, fc.nat(100), inMonth, counts, (c, more, now, other) => {
        const base = slaPace(facts(c), now)!;
        const moreMqls = slaPace(facts({ ...c, mqls: c.mqls + more }), now)!;
        if (!base.behind.marketing) expect(moreMqls.behind.marketing).toBe(false);
        const otherSpeed = slaPace(facts({ ...c, handRaised: other.handRaised, breaches: other.breaches, medianAcceptMs: other.medianAcceptMs }), now)!;
        expect(otherSpeed.behind.marketing).toBe(base.behind.marketing);
      }),
    );
  });

  it("sales' verdict does not depend on how far into the month it is, and slow means over the 60 s promise", () => {
    fc.assert(
      fc.property(counts, inMonth, inMonth, (c, a, b) => {
        const pa = slaPace(facts(c), a)!;
        expect(slaPace(facts(c), b)!.behind.sales).toBe(pa.behind.sales);
        expect(pa.speed.slowAccept).toBe(c.medianAcceptMs !== null && c.medianAcceptMs > ACCEPT_TARGET_MS);
        expect(pa.behind.sales).toBe(pa.sqlRate.behind || pa.speed.manyBreaches || pa.speed.slowAccept);
      }),
    );
  });
});
