// Who holds a lead, changed by a person: claim, reassign, force-offer. Properties over every
// stage, routing state and owner; the trail's words pinned once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../shared/api';
import { checkTransition } from '../../shared/lifecycle';
import { planClaim, planForceOffer, planReassign, type HeldLead } from './plan-hold.core';
import { STAGES } from '../../shared/schemas/lead-card.schema';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const leadArb: fc.Arbitrary<HeldLead> = fc.record({
  stage: fc.constantFrom(...STAGES),
  ownerId: fc.option(fc.constantFrom('ana', 'ben')),
  routing: fc.constantFrom('waiting', 'offered', 'owned', 'scheduled', 'closed'),
  firstOfferedAt: fc.option(fc.nat(NOW)),
});

describe('planClaim', () => {
  it('takes only an unheld warm MQL, making it the rep’s SAL with one recorded move (property)', () => {
    fc.assert(
      fc.property(leadArb, (lead) => {
        const plan = planClaim(lead, { id: 'dana', name: 'Dana' }, NOW);
        const warm = lead.stage === 'mql' && lead.ownerId === null && (lead.routing === 'closed' || lead.routing === 'waiting');
        if (!warm) {
          expect(plan).toBe('not_available');
          return;
        }
        expect(plan).toEqual({
          lead: { ownerId: 'dana', routing: 'owned', acceptedAt: NOW, stage: 'sal' },
          moves: [{ from: 'mql', to: 'sal', actor: 'dana', reason: 'Pulled from the warm MQL list' }],
          trail: [{ kind: 'accepted', text: "Dana took this warm lead from the team's list" }],
        });
      }),
    );
  });
});

describe('planReassign', () => {
  it('moves a held lead and its open follow-ups, and refuses a lead nobody holds (property)', () => {
    fc.assert(
      fc.property(leadArb, fc.option(fc.constant('Sam')), (lead, byName) => {
        const plan = planReassign(lead, { id: 'dana', name: 'Dana' }, byName);
        if (!lead.ownerId) {
          expect(plan).toBe('not_owned');
          return;
        }
        expect(plan).toEqual({
          lead: { ownerId: 'dana' },
          trail: [{ kind: 'reassigned', text: `${byName ?? 'A manager'} reassigned this lead to Dana` }],
          followUps: [{ kind: 'reassign', repId: 'dana' }],
        });
      }),
    );
  });
});

describe('planForceOffer', () => {
  it('offers an unheld lead once per rep, turning a lead or MQL hot, keeping the first offer time (property)', () => {
    fc.assert(
      fc.property(leadArb, fc.boolean(), (lead, alreadyOffered) => {
        const r = planForceOffer(
          lead,
          { repId: 'dana', repName: 'Dana', alreadyOffered },
          { by: 'sam', byName: 'Sam', offerTimeoutMs: 30_000, now: NOW, newId: () => 'o1' },
        );
        if (lead.ownerId) {
          expect(r).toBe('owned');
          return;
        }
        if (alreadyOffered) {
          expect(r).toBe('already_offered');
          return;
        }
        if (typeof r === 'string') throw new Error(r);
        const hot = (lead.stage === 'lead' || lead.stage === 'mql') && checkTransition(lead.stage, 'hot', null).ok;
        expect(r.offer).toEqual({ id: 'o1', repId: 'dana', expiresAt: NOW + 30_000, step: 'team', ruleId: null });
        expect(r.plan.lead).toEqual({ routing: 'offered', firstOfferedAt: lead.firstOfferedAt ?? NOW, queueReason: null, ...(hot ? { stage: 'hot' } : {}) });
        expect(r.plan.moves).toEqual(hot ? [{ from: lead.stage, to: 'hot', actor: 'sam', reason: 'Offered by a supervisor' }] : []);
        expect(r.plan.trail).toEqual([{ kind: 'offered', text: 'Offered to Dana by Sam' }]);
      }),
    );
  });
});
