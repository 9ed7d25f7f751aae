import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnel, stageFacts, type FunnelLead, type StageChange } from './funnel.core';
import { speedToLead } from './speed-to-lead.core';

const S = 1000;

describe('speedToLead', () => {
  it('measures hand-raise to accept and to first call, with shares over all hand-raised leads', () => {
    const r = speedToLead(
      [
        { handRaiseAt: 0, acceptedAt: 5 * S, firstCallAt: 20 * S, repName: 'Dana', teamName: 'Sales' },
        { handRaiseAt: 0, acceptedAt: 50 * S, firstCallAt: 400 * S, repName: 'Sam', teamName: 'Sales' },
        { handRaiseAt: 0, acceptedAt: 90 * S, firstCallAt: null, repName: 'Dana', teamName: 'Sales' },
        { handRaiseAt: 0, acceptedAt: null, firstCallAt: null, repName: null, teamName: 'Sales' },
      ],
      ['nobody_online', 'timeouts', 'nobody_online'],
    );
    expect(r.toAccept).toEqual({ leads: 4, reached: 3, medianMs: 50 * S, p90Ms: 90 * S, within60s: 0.5, within5m: 0.75 });
    expect(r.toFirstCall).toMatchObject({ reached: 2, medianMs: 20 * S, within60s: 0.25, within5m: 0.25 });
    expect(r.byRep.map((x) => [x.name, x.toAccept.reached])).toEqual([
      ['Dana', 2],
      ['Sam', 1],
    ]);
    expect(r.breaches).toEqual({
      total: 3,
      byCause: [
        { cause: 'nobody_online', count: 2 },
        { cause: 'timeouts', count: 1 },
      ],
    });
  });
});

describe('speedToLead to voice connected (browser calls)', () => {
  it('counts only the hand-raises that asked to talk in the browser, and measures to their first connected call', () => {
    const r = speedToLead(
      [
        { handRaiseAt: 0, acceptedAt: 4 * S, firstCallAt: 7 * S, repName: 'Dana', teamName: 'Sales', talk: 'browser', voiceAt: 7 * S },
        { handRaiseAt: 0, acceptedAt: 6 * S, firstCallAt: 11 * S, repName: 'Dana', teamName: 'Sales', talk: 'browser', voiceAt: 11 * S },
        { handRaiseAt: 0, acceptedAt: 9 * S, firstCallAt: null, repName: 'Sam', teamName: 'Sales', talk: 'browser', voiceAt: null },
        { handRaiseAt: 0, acceptedAt: 3 * S, firstCallAt: 30 * S, repName: 'Sam', teamName: 'Sales', talk: null, voiceAt: null },
      ],
      [],
    );
    expect(r.toVoice).toEqual({ leads: 3, reached: 2, medianMs: 7 * S, p90Ms: 11 * S, within60s: 2 / 3, within5m: 2 / 3 });
    expect(r.toAccept.leads).toBe(4);
    expect(speedToLead([], []).toVoice).toMatchObject({ leads: 0, reached: 0, medianMs: null });
  });
});

describe('funnel', () => {
  let n = 0;
  /** A lead whose tracked visitor is one of the range's visitors, unless `extra` says otherwise. */
  const lead = (changes: StageChange[], extra: Partial<FunnelLead> = {}): FunnelLead => ({
    capturedAt: 0,
    ...stageFacts(changes),
    source: null,
    campaign: null,
    contactAttempts: 0,
    dealValue: null,
    countedVisitor: `visitor-${n++}`,
    ...extra,
  });
  it('counts each step reached (a later stage implies the earlier ones), conversions and time between steps', () => {
    const r = funnel(100, [
      lead(
        [
          { to: 'hot', at: 0, reason: null },
          { to: 'sal', at: 30 * S, reason: null },
          { to: 'sql', at: 600 * S, reason: null },
        ],
        { source: 'google', contactAttempts: 1 },
      ),
      lead(
        [
          { to: 'mql', at: 0, reason: null },
          { to: 'nurture', at: 10 * S, reason: 'Budget next year' },
        ],
        { source: 'google' },
      ),
      lead([{ to: 'disqualified', at: 0, reason: 'Residential only' }], { campaign: 'fall' }),
      // Reaching a later stage implies the earlier steps, even without their own rows.
      lead(
        [
          { to: 'mql', at: 0, reason: null },
          { to: 'sal', at: 100 * S, reason: null },
          { to: 'opportunity', at: 900 * S, reason: null },
        ],
        { contactAttempts: 3 },
      ),
    ]);
    expect(r.steps.map((s) => [s.step, s.count])).toEqual([
      ['visitors', 100],
      ['leads', 4],
      ['mql', 3],
      ['sal', 2],
      ['sql', 2],
      ['opportunity', 1],
      ['won', 0],
    ]);
    expect(r.steps[4]!.medianMsFromPrevious).toBe(570 * S);
    expect(r.steps[1]!.conversionFromPrevious).toBe(0.04);
    expect(r.steps[2]!.conversionFromPrevious).toBe(0.75);
    expect(r.steps[3]!.medianMsFromPrevious).toBe(30 * S);
    expect(r.nurtureReasons).toEqual([{ reason: 'Budget next year', count: 1 }]);
    expect(r.disqualifyReasons).toEqual([{ reason: 'Residential only', count: 1 }]);
    expect(r.sources).toContainEqual({ source: 'google', leads: 2, mql: 2, sql: 1 });
    expect(r.followUps).toEqual({ leadsWorked: 2, meanAttempts: 2 });
  });

  it("ends at won: revenue is the won deals' value, a lost deal was an opportunity and says why it was lost", () => {
    const opp = (at: number) => [
      { to: 'sql', at: 0, reason: null },
      { to: 'opportunity', at, reason: null },
    ];
    const r = funnel(10, [
      lead([...opp(100 * S), { to: 'won', at: 400 * S, reason: null }], { dealValue: 1200 }),
      lead([...opp(100 * S), { to: 'won', at: 200 * S, reason: null }], { dealValue: 300.5 }),
      lead([...opp(100 * S), { to: 'lost', at: 500 * S, reason: 'Chose a competitor' }], { dealValue: 5000 }),
      // A CRM that logs only the loss: still an opportunity lost.
      lead([{ to: 'lost', at: 0, reason: 'No budget' }], { dealValue: 800 }),
      lead([...opp(100 * S), { to: 'lost', at: 200 * S, reason: 'Chose a competitor' }, { to: 'won', at: 900 * S, reason: null }], { dealValue: 50 }),
    ]);
    expect(r.steps.slice(-2).map((s) => [s.step, s.count, s.conversionFromPrevious])).toEqual([
      ['opportunity', 5, 1],
      ['won', 3, 0.6],
    ]);
    expect(r.steps.at(-1)!.medianMsFromPrevious).toBe(300 * S);
    expect(r.revenue).toBe(1550.5);
    expect(r.lostReasons).toEqual([
      { reason: 'Chose a competitor', count: 2 },
      { reason: 'No budget', count: 1 },
    ]);
  });

  it('counts a lead without a counted visitor as a visitor, so leads never outnumber visitors', () => {
    // Two tracked visitors; one became a lead, and two callbacks came from pages without tracking.
    const r = funnel(2, [lead([]), lead([], { countedVisitor: null }), lead([], { countedVisitor: null })]);
    expect(r.steps.slice(0, 2).map((s) => [s.step, s.count])).toEqual([
      ['visitors', 4],
      ['leads', 3],
    ]);
    expect(r.steps[1]!.conversionFromPrevious).toBe(0.75);
    fc.assert(
      fc.property(fc.nat(50), fc.array(fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }), { maxLength: 30 }), (tracked, visitors) => {
        // A counted visitor is one of the tracked ones: at least as many tracked as distinct counted.
        const t = Math.max(tracked, new Set(visitors.filter(Boolean)).size);
        const steps = funnel(
          t,
          visitors.map((v) => lead([], { countedVisitor: v })),
        ).steps;
        expect(steps[1]!.count).toBeLessThanOrEqual(steps[0]!.count);
      }),
    );
  });
});
