import { describe, expect, it } from 'vitest';
import { answerOffer, HISTORY_DAYS, planHistory, prng, REP_HABITS } from './demo-history.core';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const DAY = 86_400_000;

describe('the demo history plan', () => {
  it('is the same for the same seed and day, and lies in the last 45 days with every call before now', () => {
    const leads = planHistory(NOW);
    expect(planHistory(NOW)).toEqual(leads);
    expect(leads.length).toBeGreaterThan(150);
    expect(leads.length).toBeLessThan(300);
    expect(new Set(leads.map((l) => l.phone)).size).toBe(leads.length);
    for (const l of leads) {
      expect(l.at).toBeGreaterThanOrEqual(NOW - (HISTORY_DAYS + 1) * DAY);
      expect(l.at).toBeLessThan(NOW - DAY / 2);
      if (l.callAfterMs !== null) expect(l.at + l.callAfterMs).toBeLessThan(NOW);
    }
  });

  it('has faster first calls turn into SQLs more often', () => {
    const leads = planHistory(NOW);
    const sqlShare = (from: number, to: number) => {
      const inBucket = leads.filter((l) => l.callAfterMs !== null && l.callAfterMs >= from && l.callAfterMs < to);
      return inBucket.filter((l) => !['sal', 'nurture'].includes(l.became.kind)).length / inBucket.length;
    };
    expect(sqlShare(0, 60_000)).toBeGreaterThan(sqlShare(60_000, 5 * 60_000));
    expect(sqlShare(60_000, 5 * 60_000)).toBeGreaterThan(sqlShare(5 * 60_000, Infinity));
  });

  it('shows last month converting better the faster the call, whatever day it was seeded on (a year of days)', () => {
    const MIN = 60_000;
    const passes = (l: { answers: Record<string, string> }) => l.answers.projects !== 'residential' && l.answers.role !== 'student';
    for (let d = 0; d < 365; d++) {
      const now = NOW + d * DAY + (d % 24) * 3_600_000;
      const month = planHistory(now).filter((l) => l.at >= now - 30 * DAY && passes(l));
      const sqlShare = (from: number, to: number) => {
        const inBucket = month.filter((l) => l.callAfterMs !== null && l.callAfterMs >= from && l.callAfterMs < to);
        return inBucket.filter((l) => !['sal', 'nurture'].includes(l.became.kind)).length / inBucket.length;
      };
      const [under1m, to30m, later] = [sqlShare(0, MIN), sqlShare(5 * MIN, 30 * MIN), sqlShare(24 * 60 * MIN, Infinity)];
      expect({ d, ordered: under1m > to30m && to30m > later }).toEqual({ d, ordered: true });
    }
  });

  it('gives each rep their own habit: answers inside the offer time, Dana accepting most, Tom missing most', () => {
    const tally = (i: number) => {
      const draw = prng(i);
      const counts = { accept: 0, decline: 0, expire: 0 };
      for (let n = 0; n < 500; n++) {
        const a = answerOffer(REP_HABITS[i]!, 20_000, draw);
        if (a.kind !== 'expire') expect(a.afterMs).toBeLessThan(20_000);
        counts[a.kind]++;
      }
      return counts;
    };
    const [dana, , , tom] = REP_HABITS.map((_, i) => tally(i));
    expect(dana!.accept).toBeGreaterThan(tom!.accept);
    expect(tom!.expire).toBeGreaterThan(dana!.expire);
  });
});
