// Who may signal a browser call: the visitor of the offer's lead and the rep who accepted it,
// only while the offer is accepted and the lead is still theirs and open.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallFacts } from '../db/store';
import { maySignal, type CallParty } from './may-signal.core';

const ACCEPTED: CallFacts = {
  offerId: 'offer-1',
  leadId: 'lead-1',
  workspaceId: 'ws-1',
  repId: 'rep-dana',
  offerStatus: 'accepted',
  leadRouting: 'owned',
  leadOwnerId: 'rep-dana',
};
const VISITOR: CallParty = { kind: 'visitor', leadId: 'lead-1' };
const REP: CallParty = { kind: 'rep', repId: 'rep-dana' };

describe('maySignal', () => {
  it('relays the visitor to the accepting rep and the rep to the visitor', () => {
    expect(maySignal(VISITOR, ACCEPTED)).toEqual({ ok: true, to: { kind: 'rep', repId: 'rep-dana' } });
    expect(maySignal(REP, ACCEPTED)).toEqual({ ok: true, to: { kind: 'visitor', leadId: 'lead-1' } });
  });

  it('refuses another visitor and another rep, whatever the offer state', () => {
    expect(maySignal({ kind: 'visitor', leadId: 'lead-2' }, ACCEPTED)).toEqual({ ok: false, reason: 'forbidden' });
    expect(maySignal({ kind: 'rep', repId: 'rep-sam' }, ACCEPTED)).toEqual({ ok: false, reason: 'forbidden' });
    // A rep id equal to the lead id is still not the visitor.
    expect(maySignal({ kind: 'rep', repId: 'lead-1' }, ACCEPTED)).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('says not accepted while the offer is open, and ended once it is declined, expired, taken, closed or reassigned', () => {
    expect(maySignal(REP, { ...ACCEPTED, offerStatus: 'offered', leadRouting: 'offered', leadOwnerId: null })).toEqual({ ok: false, reason: 'not_accepted' });
    for (const offerStatus of ['declined', 'expired', 'taken'] as const)
      expect(maySignal(VISITOR, { ...ACCEPTED, offerStatus })).toEqual({ ok: false, reason: 'ended' });
    expect(maySignal(VISITOR, { ...ACCEPTED, leadRouting: 'closed' })).toEqual({ ok: false, reason: 'ended' });
    expect(maySignal(REP, { ...ACCEPTED, leadOwnerId: 'rep-sam' })).toEqual({ ok: false, reason: 'ended' });
    expect(maySignal(VISITOR, null)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('allows a message only from a party, only while the call holds, and always to the other party', () => {
    const facts = fc.record({
      offerId: fc.constant('offer-1'),
      leadId: fc.constantFrom('lead-1', 'lead-2'),
      workspaceId: fc.constant('ws-1'),
      repId: fc.constantFrom('rep-dana', 'rep-sam'),
      offerStatus: fc.constantFrom('offered', 'accepted', 'declined', 'expired', 'taken'),
      leadRouting: fc.constantFrom('waiting', 'offered', 'owned', 'scheduled', 'closed'),
      leadOwnerId: fc.constantFrom(null, 'rep-dana', 'rep-sam'),
    }) as fc.Arbitrary<CallFacts>;
    const party = fc.oneof(
      fc.record({ kind: fc.constant('visitor' as const), leadId: fc.constantFrom('lead-1', 'lead-2', 'lead-3') }),
      fc.record({ kind: fc.constant('rep' as const), repId: fc.constantFrom('rep-dana', 'rep-sam', 'rep-lee') }),
    );
    fc.assert(
      fc.property(party, facts, (p, f) => {
        const d = maySignal(p, f);
        const isParty = p.kind === 'visitor' ? p.leadId === f.leadId : p.repId === f.repId;
        const holds = f.offerStatus === 'accepted' && f.leadRouting === 'owned' && f.leadOwnerId === f.repId;
        expect(d.ok).toBe(isParty && holds);
        if (!isParty) expect(d).toEqual({ ok: false, reason: 'forbidden' });
        if (d.ok) expect(d.to).toEqual(p.kind === 'visitor' ? { kind: 'rep', repId: f.repId } : { kind: 'visitor', leadId: f.leadId });
      }),
    );
  });
});
