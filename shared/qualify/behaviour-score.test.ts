import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SiteRules } from '../site-rules';
import { applyEvents, behaviourReasons, emptyBehaviourState } from './behaviour-score';
import { qualify } from './qualify';
import type { BehaviourEvent } from './types';

const DAY = 24 * 3600 * 1000;
const RULES: SiteRules = {
  version: 1,
  questions: [],
  behaviour: [
    { id: 'pricing', label: 'Viewed pricing', type: 'page_view', urlPattern: '/pricing*', points: 15 },
    { id: 'blog', label: 'Read the blog', type: 'page_view', urlContains: '/blog', points: 2, cap: 10 },
    { id: 'paper', label: 'Downloaded the whitepaper', type: 'download', points: 10, count: 'once' },
    { id: 'demo', label: 'Asked for a demo', type: 'custom', name: 'demo_request', points: 50 },
  ],
  fit: [
    { id: 'big', label: '200+ employees', trait: 'companySize', op: 'gte', value: 200, points: 20 },
    { id: 'rival', label: 'Competitor domain', trait: 'emailDomain', op: 'in', value: ['rival.com'], disqualify: { reason: 'Competitor', stage: 'suspect' } },
    { id: 'free', label: 'Free-mail address', trait: 'emailDomain', op: 'in', value: ['gmail.com'], disqualify: { reason: 'Free-mail address' } },
  ],
  decayHalfLifeDays: 7,
  mqlThreshold: 30,
  hotThreshold: 60,
  handRaiseEvents: ['demo_request'],
};

const eventArb: fc.Arbitrary<BehaviourEvent> = fc.record({
  type: fc.constantFrom('page_view', 'download', 'custom', 'click'),
  url: fc.constantFrom('https://x.test/pricing', 'https://x.test/pricing/team', 'https://x.test/blog/a', 'https://x.test/'),
  name: fc.constantFrom('demo_request', 'other'),
  at: fc.integer({ min: 0, max: 60 * DAY }),
});

const score = (events: BehaviourEvent[], now: number) =>
  behaviourReasons(applyEvents(emptyBehaviourState(1), RULES, events), RULES, now).reduce((s, r) => s + r.points, 0);

describe('behaviour scoring', () => {
  it('halves points every half-life, and explains each rule', () => {
    const events = [0, 0, 0].map((at) => ({ type: 'page_view', url: 'https://x.test/pricing', at }));
    const state = applyEvents(emptyBehaviourState(1), RULES, events);
    expect(behaviourReasons(state, RULES, 0)).toEqual([{ source: 'behaviour:pricing', text: 'Viewed pricing x3', points: 45 }]);
    expect(behaviourReasons(state, RULES, 7 * DAY)[0]!.points).toBe(23);
    expect(behaviourReasons(state, RULES, 14 * DAY)[0]!.points).toBe(11);
  });

  it('caps a rule, and counts a once-rule once', () => {
    const blog = Array.from({ length: 20 }, (_, i) => ({ type: 'page_view', url: 'https://x.test/blog/p', at: i }));
    const papers = Array.from({ length: 3 }, (_, i) => ({ type: 'download', url: 'https://x.test/a.pdf', at: i }));
    const reasons = behaviourReasons(applyEvents(emptyBehaviourState(1), RULES, [...blog, ...papers]), RULES, 30);
    expect(reasons).toContainEqual({ source: 'behaviour:blog', text: 'Read the blog x20', points: 10 });
    expect(reasons).toContainEqual({ source: 'behaviour:paper', text: 'Downloaded the whitepaper', points: 10 });
  });

  it('scores incrementally exactly as from the whole history', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.integer({ min: 0, max: 40 }), (events, split) => {
        const now = 61 * DAY;
        const whole = applyEvents(emptyBehaviourState(1), RULES, events);
        const parts = applyEvents(applyEvents(emptyBehaviourState(1), RULES, events.slice(0, split)), RULES, events.slice(split));
        const a = behaviourReasons(whole, RULES, now);
        const b = behaviourReasons(parts, RULES, now);
        expect(b.map((r) => r.source)).toEqual(a.map((r) => r.source));
        b.forEach((r, i) => expect(Math.abs(r.points - a[i]!.points)).toBeLessThanOrEqual(1));
      }),
    );
  });

  it('a positive-points event never lowers the score', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), eventArb, (events, extra) => {
        const now = 61 * DAY;
        expect(score([...events, extra], now)).toBeGreaterThanOrEqual(score(events, now));
      }),
    );
  });

  it('decay never raises a score', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.integer({ min: 0, max: 100 * DAY }), (events, later) => {
        const now = 61 * DAY;
        expect(score(events, now + later)).toBeLessThanOrEqual(score(events, now));
      }),
    );
  });

  it('a disqualifying trait always wins, and suspect outranks disqualified', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 20 }), fc.boolean(), fc.integer({ min: 1, max: 5000 }), (events, callback, size) => {
        const q = qualify({
          rules: RULES,
          answers: {},
          traits: { email: 'a@gmail.com', companySize: size },
          events,
          callbackRequested: callback,
          now: 61 * DAY,
        });
        expect(q.fit.status).toBe('fails');
        expect(q.hot || q.mql).toBe(false);
        const r = qualify({ rules: RULES, answers: {}, traits: { email: 'a@rival.com' }, events, callbackRequested: callback, now: 61 * DAY });
        expect(r.fit).toMatchObject({ status: 'fails', stage: 'suspect' });
      }),
    );
  });

  it('makes a configured hand-raise event hot for a passing lead', () => {
    const q = qualify({
      rules: RULES,
      answers: {},
      traits: { companySize: 250 },
      events: [{ type: 'custom', name: 'demo_request', at: 1 }],
      callbackRequested: false,
      now: 2,
    });
    expect(q).toMatchObject({ handRaise: true, hot: true, mql: true });
    expect(q.reasons.map((r) => r.text)).toEqual(['200+ employees', 'Asked for a demo', 'Hand-raise: demo_request']);
  });
});
