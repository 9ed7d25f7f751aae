// A known lead turning hot, decided without a database: behaviour, and a lead in nurture whose
// person raises a hand again.
import { describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import { planTurnedHot, spanText, type HotLead } from './turn-hot.core';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const DAY = 24 * 3600_000;
const ctx = { now: NOW, slaMs: 60_000, nurturedAt: NOW - 12 * DAY };
const HOT: Qualification = { fit: { status: 'passes', missing: [] }, score: 70, handRaise: true, mql: true, hot: true, reasons: [], rulesVersion: 3 };
const nurtured = (over: Partial<HotLead> = {}): HotLead => ({ stage: 'nurture', routing: 'owned', ownerId: 'dana', previousOwnerId: null, ...over });

describe('planTurnedHot', () => {
  it('brings a nurtured lead back: hot, waiting, a new round of its timeline, its owner kept to be offered first', () => {
    const plan = planTurnedHot(nurtured(), { cause: 'hand-raise: demo_request' }, ctx);
    expect(plan).toMatchObject({
      kind: 'route',
      columns: {
        stage: 'hot',
        routing: 'waiting',
        hotAt: NOW,
        slaDueAt: NOW + 60_000,
        ownerId: null,
        previousOwnerId: 'dana',
        acceptedAt: null,
        firstCallAt: null,
        outcome: null,
        contactAttempts: 0,
      },
      moves: [{ from: 'nurture', to: 'hot', actor: 'system', reason: 'Returned from nurture: hand-raise: demo_request' }],
    });
    if (plan.kind !== 'route') throw new Error('not routed');
    expect(plan.trail).toEqual([
      {
        kind: 'returned',
        text: 'Returned from nurture after 12 days: hand-raise: demo_request. Routing to a rep now, its previous owner first',
        data: { nurturedAt: NOW - 12 * DAY, nurturedForMs: 12 * DAY, previousOwnerId: 'dana' },
      },
    ]);
  });

  it('takes the new answers of a callback, whatever the lead’s routing state in nurture', () => {
    const plan = planTurnedHot(
      nurtured({ routing: 'closed' }),
      {
        cause: 'asked for a callback',
        requalified: { answers: { size: '51-200' }, qualification: HOT, pageUrl: 'https://acme.test/pricing', timeZone: 'America/New_York' },
      },
      ctx,
    );
    expect(plan).toMatchObject({
      kind: 'route',
      columns: {
        answers: '{"size":"51-200"}',
        score: 70,
        rulesVersion: 3,
        pageUrl: 'https://acme.test/pricing',
        timeZone: 'America/New_York',
        routing: 'waiting',
      },
    });
  });

  it('keeps a lead in nurture whose new answers rule it out, moved where the answers put it', () => {
    const out: Qualification = { ...HOT, hot: false, mql: false, fit: { status: 'fails', reason: 'Residential only', missing: [] } };
    const plan = planTurnedHot(
      nurtured(),
      { cause: 'asked for a callback', requalified: { answers: {}, qualification: out, pageUrl: null, timeZone: null } },
      ctx,
    );
    expect(plan).toMatchObject({
      kind: 'stay',
      columns: { stage: 'disqualified', fit: 'fails' },
      moves: [{ from: 'nurture', to: 'disqualified', reason: 'Residential only' }],
    });
    expect(plan.kind === 'stay' && plan.trail[0]!.text).toBe(
      'Raised a hand again after 12 days in nurture (asked for a callback), re-qualified as DISQUALIFIED: not routed',
    );
  });

  it('remembers the first owner when a lead comes back without one (nurtured twice, never taken in between)', () => {
    expect(planTurnedHot(nurtured({ ownerId: null, previousOwnerId: 'sam', routing: 'closed' }), { cause: 'x' }, ctx)).toMatchObject({
      columns: { previousOwnerId: 'sam' },
    });
  });

  it('routes a closed, unowned lead turned hot by behaviour; skips one a rep holds or that is ruled out', () => {
    expect(planTurnedHot({ stage: 'mql', routing: 'closed', ownerId: null, previousOwnerId: null }, { cause: 'x' }, ctx)).toMatchObject({
      kind: 'route',
      columns: { stage: 'hot', routing: 'waiting' },
      trail: [{ kind: 'hot', text: 'Turned hot from behaviour: routing to a rep now' }],
    });
    expect(planTurnedHot({ stage: 'hot', routing: 'waiting', ownerId: null, previousOwnerId: null }, { cause: 'x' }, ctx)).toEqual({ kind: 'waiting' });
    expect(planTurnedHot({ stage: 'sal', routing: 'owned', ownerId: 'dana', previousOwnerId: null }, { cause: 'x' }, ctx)).toEqual({ kind: 'skip' });
    expect(planTurnedHot({ stage: 'disqualified', routing: 'closed', ownerId: null, previousOwnerId: null }, { cause: 'x' }, ctx)).toEqual({ kind: 'skip' });
  });

  it('says how long a stay was', () => {
    expect([spanText(10_000), spanText(40 * 60_000), spanText(5 * 3600_000), spanText(12 * DAY)]).toEqual(['1 min', '40 min', '5 h', '12 days']);
  });
});
