// The per-socket budget of call messages: a fixed number per wall-clock second.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRESH_BUDGET, spendSignal, type SignalBudget } from './signal-budget.core';

const T0 = Date.parse('2026-12-07T17:00:00Z');

function run(times: number[], perSecond: number): boolean[] {
  let budget: SignalBudget = FRESH_BUDGET;
  return times.map((now) => {
    const r = spendSignal(budget, perSecond, now);
    budget = r.budget;
    return r.allowed;
  });
}

describe('spendSignal', () => {
  it('allows the budget within one second, refuses the rest, and starts again the next second', () => {
    const allowed = run([...Array.from({ length: 5 }, (_, i) => T0 + i * 10), T0 + 999, T0 + 1000], 4);
    expect(allowed).toEqual([true, true, true, true, false, false, true]);
  });

  it('never allows more than the budget in any one second, and allows every message of a second within it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (offsets, perSecond) => {
        const times = offsets.map((o) => T0 + o).sort((a, b) => a - b);
        const allowed = run(times, perSecond);
        const bySecond = new Map<number, { sent: number; allowed: number }>();
        times.forEach((t, i) => {
          const s = bySecond.get(Math.floor(t / 1000)) ?? { sent: 0, allowed: 0 };
          s.sent++;
          if (allowed[i]) s.allowed++;
          bySecond.set(Math.floor(t / 1000), s);
        });
        for (const s of bySecond.values()) expect(s.allowed).toBe(Math.min(s.sent, perSecond));
      }),
    );
  });
});
