// A browser call's record from the two sides' reports, whatever order they arrive in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallReport } from '../../shared/schemas/call.schema';
import { planCallReport, planCallStarted, type CallRow, type CallSide } from './plan-call-report.core';

const T0 = Date.parse('2026-12-07T17:00:00Z');
const OFFER = { offerId: 'offer-1', workspaceId: 'ws-1', leadId: 'lead-1', repId: 'rep-dana' };

/** Applies reports in order as a store would; returns the row and every trail line and first-call write. */
function run(reports: Array<{ side: CallSide; report: CallReport; at: number }>, firstCallAt: number | null = null) {
  let call: CallRow = planCallStarted(OFFER, 'Dana', T0).call;
  const lead = { firstCallAt };
  const lines: string[] = [];
  for (const { side, report, at } of reports) {
    const plan = planCallReport(call, lead, side, report, at);
    if (plan.call) call = { ...call, ...plan.call };
    if (plan.lead?.lead?.firstCallAt !== undefined) lead.firstCallAt = plan.lead.lead.firstCallAt;
    lines.push(...(plan.lead?.trail ?? []).map((l) => l.text));
  }
  return { call, lead, lines };
}

const report = fc.record({
  side: fc.constantFrom<CallSide>('visitor', 'rep'),
  at: fc.integer({ min: 0, max: 600_000 }),
  report: fc.oneof(
    fc.constant<CallReport>({ offerId: 'offer-1', event: 'connected' }),
    fc.record({
      offerId: fc.constant('offer-1'),
      event: fc.constant('ended' as const),
      reason: fc.constantFrom('hangup' as const, 'failed' as const),
      quality: fc.option(fc.record({ rttMs: fc.option(fc.nat(500)), packetLossPct: fc.option(fc.nat(100)), jitterMs: fc.option(fc.nat(100)) }), {
        nil: undefined,
      }),
    }),
  ),
});

describe('planCallReport', () => {
  it('takes the first connect and the first end, measures the duration between them, and writes one line for each', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 8 }), (raw) => {
        const reports = raw.map((r) => ({ ...r, at: T0 + r.at })).sort((a, b) => a.at - b.at);
        const { call, lead, lines } = run(reports);
        const firstEnd = reports.findIndex((r) => r.report.event === 'ended');
        const connect = reports.findIndex((r, i) => r.report.event === 'connected' && (firstEnd === -1 || i < firstEnd));
        expect(call.connectedAt).toBe(connect === -1 ? null : reports[connect]!.at);
        expect(lead.firstCallAt).toBe(call.connectedAt);
        if (firstEnd === -1) expect(call.endedAt).toBeNull();
        else {
          const end = reports[firstEnd]!;
          expect(call.endedAt).toBe(end.at);
          expect(call.endedBy).toBe(end.report.event === 'ended' && end.report.reason === 'failed' ? 'network' : end.side);
          expect(call.durationMs).toBe(call.connectedAt === null ? null : end.at - call.connectedAt);
        }
        // Connected (with the first call attempt) and ended at most once each.
        expect(lines.filter((l) => l.startsWith('Browser call connected'))).toHaveLength(connect === -1 ? 0 : 1);
        expect(lines.filter((l) => l.startsWith('Browser call ended'))).toHaveLength(firstEnd === -1 ? 0 : 1);
      }),
    );
  });

  it('keeps an earlier first call and each side’s own quality', () => {
    const { call, lead, lines } = run(
      [
        { side: 'visitor', report: { offerId: 'offer-1', event: 'connected' }, at: T0 + 1200 },
        {
          side: 'rep',
          report: { offerId: 'offer-1', event: 'ended', reason: 'hangup', quality: { rttMs: 30, packetLossPct: null, jitterMs: 2 } },
          at: T0 + 61_200,
        },
        {
          side: 'visitor',
          report: { offerId: 'offer-1', event: 'ended', reason: 'hangup', quality: { rttMs: 35, packetLossPct: 1.5, jitterMs: 4 } },
          at: T0 + 61_500,
        },
      ],
      T0 - 50_000,
    );
    expect(lead.firstCallAt).toBe(T0 - 50_000);
    expect(call).toMatchObject({ endedBy: 'rep', durationMs: 60_000, repRttMs: 30, repLossPct: null, repJitterMs: 2, visitorRttMs: 35, visitorLossPct: 1.5 });
    expect(lines).toEqual(['Browser call connected 1 s after the accept', 'Browser call ended after 1 min: the rep hung up · round trip 30 ms, jitter 2 ms']);
  });
});
