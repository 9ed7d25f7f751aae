// A booked slot, a missed SLA, the first call: properties over lead states and times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBooking, planFirstCall, planSlaBreach, type SlaLead } from './plan-booking.core';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const ROUTING = ['waiting', 'offered', 'owned', 'scheduled', 'closed'] as const;

describe('planBooking', () => {
  it('books only a waiting lead, its SLA running from the slot (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROUTING), fc.nat(86_400_000), fc.nat(600_000), (routing, inMs, slaMs) => {
        const slot = NOW + inMs;
        const plan = planBooking({ routing }, slot, slaMs);
        if (routing !== 'waiting') {
          expect(plan).toBeNull();
          return;
        }
        expect(plan!.lead).toEqual({ routing: 'scheduled', scheduledFor: slot, slaDueAt: slot + slaMs, queueReason: null, roundStartedAt: slot });
        expect(plan!.trail).toEqual([{ kind: 'scheduled', text: `Visitor asked to be called at ${new Date(slot).toISOString()}`, data: { at: slot } }]);
      }),
    );
  });
});

describe('planSlaBreach', () => {
  const leadArb: fc.Arbitrary<SlaLead> = fc.record({
    id: fc.constant('l1'),
    workspaceId: fc.constant('w1'),
    siteId: fc.constant('s1'),
    routing: fc.constantFrom(...ROUTING),
    slaDueAt: fc.option(fc.integer({ min: NOW - 120_000, max: NOW + 120_000 })),
    acceptedAt: fc.option(fc.integer({ min: NOW - 120_000, max: NOW })),
    queueReason: fc.option(fc.constantFrom('nobody_online', 'all_busy', 'out_of_hours')),
  });

  it('records a breach once per deadline, only when it passed with no accept in time on a lead still looking for a rep (property)', () => {
    fc.assert(
      fc.property(leadArb, fc.boolean(), (lead, recorded) => {
        const r = planSlaBreach(lead, { recorded, offers: [], slaMs: 60_000 }, NOW);
        const due =
          lead.slaDueAt !== null &&
          NOW >= lead.slaDueAt &&
          lead.routing !== 'closed' &&
          lead.routing !== 'scheduled' &&
          !(lead.acceptedAt !== null && lead.acceptedAt <= lead.slaDueAt) &&
          !recorded;
        expect(r !== null).toBe(due);
        if (r) {
          expect(r.plan.slaBreach).toBe(r.breach);
          expect(r.breach).toMatchObject({ leadId: 'l1', workspaceId: 'w1', siteId: 's1', dueAt: lead.slaDueAt, at: NOW });
          expect(r.plan.trail).toHaveLength(1);
        }
      }),
    );
  });

  it('reads the cause from the offers of this round only', () => {
    const lead: SlaLead = { id: 'l1', workspaceId: 'w1', siteId: 's1', routing: 'waiting', slaDueAt: NOW, acceptedAt: null, queueReason: 'all_busy' };
    const old = { repId: 'ana', status: 'expired' as const, offeredAt: NOW - 120_000 };
    expect(planSlaBreach(lead, { recorded: false, offers: [old], slaMs: 60_000 }, NOW)!.breach.cause).toBe('all_busy');
    const declined = { repId: 'ana', status: 'declined' as const, offeredAt: NOW - 30_000 };
    const r = planSlaBreach(lead, { recorded: false, offers: [old, declined], slaMs: 60_000 }, NOW)!;
    expect(r.breach.cause).toBe('all_declined');
    expect(r.plan.trail![0]!.text).toBe('SLA missed: no rep accepted within 60 s (everyone declined)');
  });
});

describe('planFirstCall', () => {
  it('starts the call timeline once', () => {
    expect(planFirstCall({ firstCallAt: null }, NOW)).toEqual({ lead: { firstCallAt: NOW }, trail: [{ kind: 'call', text: 'First call attempt' }] });
    expect(planFirstCall({ firstCallAt: NOW - 1 }, NOW)).toBeNull();
  });
});
