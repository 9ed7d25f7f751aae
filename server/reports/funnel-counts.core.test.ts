// The funnel made from counts (funnelOfCounts over funnelCounts, what a store's GROUP BY gives) is the
// funnel worked out lead by lead: checked against a plain per-lead reference on generated leads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FunnelReport } from '../../shared/console-api';
import { EXIT_STAGES, FUNNEL_STEPS, funnel, stageFacts, STAGE_STEPS, wonRevenue, type FunnelLead } from './funnel.core';
import { percentile, ratio } from './stats';

/** The funnel lead by lead, step by step: slow and plain. */
function reference(tracked: number, leads: readonly FunnelLead[]): FunnelReport {
  const counted = new Set(leads.map((l) => l.countedVisitor).filter((v) => v !== null));
  const visitors = tracked + leads.length - counted.size;
  const at = (l: FunnelLead, step: (typeof FUNNEL_STEPS)[number]) => (step === 'visitors' || step === 'leads' ? l.capturedAt : l.reached[step]);
  const count = (step: (typeof FUNNEL_STEPS)[number]) => (step === 'visitors' ? visitors : leads.filter((l) => at(l, step) !== null).length);
  const steps = FUNNEL_STEPS.map((step, i) => {
    if (i === 0) return { step, count: visitors, conversionFromPrevious: null, medianMsFromPrevious: null };
    const prev = FUNNEL_STEPS[i - 1]!;
    const durations =
      prev === 'visitors'
        ? []
        : leads
            .filter((l) => at(l, prev) !== null && at(l, step) !== null)
            .map((l) => Math.max(0, at(l, step)! - at(l, prev)!))
            .sort((a, b) => a - b);
    return { step, count: count(step), conversionFromPrevious: ratio(count(step), count(prev)), medianMsFromPrevious: percentile(durations, 50) };
  });
  const reasons = (stages: string[]) => {
    const all = leads.flatMap((l) => l.exits.filter((e) => stages.includes(e.to)).map((e) => e.reason ?? '(no reason)'));
    return [...new Set(all)]
      .map((reason) => ({ reason, count: all.filter((r) => r === reason).length }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  };
  const table = (key: (l: FunnelLead) => string | null) =>
    [...new Set(leads.map((l) => key(l) ?? '(direct)'))]
      .map((k) => {
        const of = leads.filter((l) => (key(l) ?? '(direct)') === k);
        return [k, { leads: of.length, mql: of.filter((l) => l.reached.mql !== null).length, sql: of.filter((l) => l.reached.sql !== null).length }] as const;
      })
      .sort((a, b) => b[1].leads - a[1].leads || a[0].localeCompare(b[0]));
  const worked = leads.filter((l) => l.contactAttempts > 0);
  return {
    steps,
    nurtureReasons: reasons(['nurture']),
    disqualifyReasons: reasons(['disqualified', 'suspect']),
    lostReasons: reasons(['lost']),
    revenue: wonRevenue(leads),
    sources: table((l) => l.source).map(([source, r]) => ({ source, ...r })),
    campaigns: table((l) => l.campaign).map(([campaign, r]) => ({ campaign, ...r })),
    followUps: { leadsWorked: worked.length, meanAttempts: worked.length ? worked.reduce((s, l) => s + l.contactAttempts, 0) / worked.length : null },
  };
}

const DAY = 24 * 3600 * 1000;
const stage = fc.constantFrom('mql', 'hot', ...STAGE_STEPS, 'lost', ...EXIT_STAGES);
const leadArb: fc.Arbitrary<FunnelLead> = fc
  .record({
    capturedAt: fc.integer({ min: 0, max: 400 * DAY }),
    changes: fc.array(
      fc.record({
        to: stage,
        after: fc.integer({ min: -DAY, max: 30 * DAY }),
        reason: fc.option(fc.constantFrom('Budget', 'Timing', 'Competitor'), { nil: null }),
      }),
      {
        maxLength: 5,
      },
    ),
    source: fc.option(fc.constantFrom('google', 'linkedin', '(direct)', 'news'), { nil: null }),
    campaign: fc.option(fc.constantFrom('spring', 'webinar'), { nil: null }),
    contactAttempts: fc.nat(4),
    dealValue: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }),
    countedVisitor: fc.option(fc.constantFrom('s v1', 's v2', 's v3', 't v1'), { nil: null }),
  })
  .map(({ capturedAt, changes, ...rest }) => ({
    capturedAt,
    ...stageFacts(changes.map((c) => ({ to: c.to, at: capturedAt + c.after, reason: c.reason }))),
    ...rest,
  }));

describe('funnel from counts', () => {
  it('is the funnel worked out lead by lead: steps, medians, reasons, sources, campaigns, revenue and follow-ups', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.array(leadArb, { maxLength: 40 }), (tracked, leads) => {
        expect(funnel(tracked, leads)).toEqual(reference(tracked, leads));
      }),
      { numRuns: 300 },
    );
  });
});
