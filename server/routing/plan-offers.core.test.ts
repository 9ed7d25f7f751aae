// Routing's writes, decided without a database: a decision applied, an accept, a decline, an
// expiry. Properties over generated reps, decisions and leads; a few cases pin the words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../shared/api';
import { checkTransition } from '../../shared/lifecycle';
import { decideRouting } from './decide-routing.core';
import { planAccept, planApply, planDecline, planExpiry, type RoutedLead } from './plan-offers.core';
import { rep, rule, snapshot, team } from './routing.fixtures';
import type { RoutingPlan } from './routing.types';
import { STAGES } from '../../shared/schemas/lead-card.schema';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const ids = () => {
  let n = 0;
  return () => `offer-${++n}`;
};
const fresh: RoutedLead = { ruleId: null, queueReason: null, firstOfferedAt: null };

/** Reps with distinct ids, online or not, with any earlier round-robin sequence. */
const repsArb = fc.uniqueArray(fc.record({ id: fc.constantFrom('ana', 'ben', 'cy', 'dee', 'eli'), seq: fc.option(fc.nat(50)), online: fc.boolean() }), {
  selector: (r) => r.id,
  minLength: 0,
  maxLength: 5,
});

describe('planApply', () => {
  it('offers each chosen rep once, numbers them after the highest sequence, and trails one line per offer (property)', () => {
    fc.assert(
      fc.property(repsArb, fc.boolean(), (reps, broadcast) => {
        const ids_ = reps.map((r) => r.id);
        const s = snapshot({
          reps: reps.map((r) => rep(r.id, { offerSeq: r.seq, online: r.online })),
          teams: [team('sales', ids_)],
          rules: [rule('r1', 'sales', { strategy: broadcast ? 'broadcast' : 'round_robin' })],
        });
        const decision = decideRouting(s, NOW);
        const applied = planApply(fresh, s, decision, { now: NOW, offerTimeoutMs: 30_000, newId: ids() });
        if (decision.kind === 'wait') {
          expect(applied.offers).toEqual([]);
          expect(applied.plan.lead).toEqual({ routing: 'waiting', queueReason: decision.reason, ruleId: 'r1' });
          expect(applied.plan.trail?.at(-1)).toMatchObject({ kind: 'queued', data: { reason: decision.reason } });
          return;
        }
        expect(applied.offers.map((o) => o.repId)).toEqual(decision.repIds);
        expect(new Set(applied.offers.map((o) => o.id)).size).toBe(applied.offers.length);
        expect(applied.offers.every((o) => o.expiresAt === NOW + 30_000)).toBe(true);
        const top = Math.max(0, ...reps.map((r) => r.seq ?? 0));
        expect(applied.plan.reps).toEqual(decision.repIds.map((repId, i) => ({ kind: 'offered', repId, seq: top + i + 1 })));
        const offered = applied.plan.trail!.filter((l) => l.kind === 'offered');
        expect(offered.map((l) => (l.data as { offerId: string }).offerId)).toEqual(applied.offers.map((o) => o.id));
        expect(applied.plan.lead).toMatchObject({ routing: 'offered', firstOfferedAt: NOW, queueReason: null, ruleId: 'r1' });
      }),
    );
  });

  it('keeps the first offer time, and trails a wait only when its reason or rule changed', () => {
    const s = snapshot({ reps: [rep('ana', { online: false })], teams: [team('sales', ['ana'])], rules: [rule('r1', 'sales')] });
    const wait = decideRouting(s, NOW) as Extract<RoutingPlan, { kind: 'wait' }>;
    expect(wait.kind).toBe('wait');
    const again = planApply({ ruleId: 'r1', queueReason: wait.reason, firstOfferedAt: 5 }, s, wait, { now: NOW, offerTimeoutMs: 1, newId: ids() });
    expect(again.plan.trail).toEqual([]);
    const online = snapshot({ reps: [rep('ana')], teams: [team('sales', ['ana'])], rules: [rule('r1', 'sales')] });
    const offer = planApply({ ruleId: 'r1', queueReason: wait.reason, firstOfferedAt: 5 }, online, decideRouting(online, NOW), {
      now: NOW,
      offerTimeoutMs: 1,
      newId: ids(),
    });
    expect(offer.plan.lead?.firstOfferedAt).toBe(5);
    expect(offer.plan.trail?.map((l) => l.kind)).toEqual(['offered']);
  });
});

describe('planAccept', () => {
  it('moves the lead to SAL exactly when the stage machine allows it, and always takes the other offers (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STAGES), fc.option(fc.nat(120_000)), (stage, ago) => {
        const plan = planAccept(
          { stage, hotAt: ago === null ? null : NOW - ago, capturedAt: NOW - 200_000 },
          { repId: 'ana', repName: 'Ana', offerId: 'o1', now: NOW },
        );
        const allowed = checkTransition(stage, 'sal', null).ok;
        expect(plan.moves ?? []).toEqual(allowed ? [{ from: stage, to: 'sal', actor: 'ana', reason: null }] : []);
        expect(plan.lead?.stage).toBe(allowed ? 'sal' : undefined);
        expect(plan.takeOpenOffers).toBe(true);
        expect(plan.reps).toEqual([{ kind: 'answered', repId: 'ana' }]);
        expect(plan.trail![0]!.text).toBe(`Accepted by Ana (${Math.round((ago ?? 200_000) / 1000)} s after the hand-raise)`);
      }),
    );
  });
});

describe('planDecline and planExpiry', () => {
  const closedArb = fc.record({ routing: fc.constantFrom('waiting', 'offered', 'owned', 'scheduled', 'closed'), openOffers: fc.nat(3) });

  it('release the lead to waiting only when it was offered and no offer of it is left open (property)', () => {
    fc.assert(
      fc.property(closedArb, fc.nat(6), fc.nat(4), (lead, missed, k) => {
        const released = lead.routing === 'offered' && lead.openOffers === 0;
        const declined = planDecline(lead, { repId: 'ana', repName: 'Ana', reason: null });
        const expired = planExpiry(lead, { id: 'ana', name: 'Ana', missedInARow: missed }, k);
        for (const r of [declined, expired]) {
          expect(r.leadWaiting).toBe(released);
          expect(r.plan.lead).toEqual(released ? { routing: 'waiting', queueReason: null } : undefined);
        }
      }),
    );
  });

  it('sets a rep away at the K-th miss in a row (never when K is 0), else counts the miss (property)', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.nat(5), (missed, k) => {
        const r = planExpiry({ routing: 'offered', openOffers: 1 }, { id: 'ana', name: 'Ana', missedInARow: missed }, k);
        const away = k > 0 && missed + 1 >= k;
        expect(r.away !== null).toBe(away);
        expect(r.plan.reps).toEqual([
          away ? { kind: 'away', repId: 'ana', reason: r.away!.reason } : { kind: 'missed', repId: 'ana', missedInARow: missed + 1 },
        ]);
        expect(r.plan.trail!.map((l) => l.kind)).toEqual(away ? ['expired', 'away'] : ['expired']);
      }),
    );
  });

  it('says who declined and why', () => {
    expect(planDecline({ routing: 'offered', openOffers: 0 }, { repId: 'ana', repName: 'Ana', reason: 'On a call' }).plan.trail).toEqual([
      { kind: 'declined', text: 'Declined by Ana: On a call', data: { repId: 'ana', reason: 'On a call' } },
    ]);
    expect(planDecline({ routing: 'offered', openOffers: 0 }, { repId: 'x', repName: null, reason: null }).plan.trail![0]!.text).toBe('Declined by a rep');
  });
});
