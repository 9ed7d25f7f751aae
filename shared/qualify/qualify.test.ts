import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SiteRules } from '../site-rules';
import { qualify } from './qualify';
import type { BehaviourEvent, QualifyInput } from './types';

const RULES: SiteRules = {
  version: 3,
  questions: [
    {
      id: 'projects',
      label: 'Projects',
      type: 'single',
      options: [
        { value: 'commercial', label: 'Commercial', points: 10 },
        { value: 'residential', label: 'Residential', disqualify: { reason: 'Residential only' } },
        { value: 'competitor', label: 'We sell this too', disqualify: { reason: 'Competitor', stage: 'suspect' } },
      ],
    },
    {
      id: 'size',
      label: 'Size',
      type: 'single',
      options: [
        { value: 'small', label: 'Small' },
        { value: 'big', label: 'Big', points: 20 },
      ],
    },
    { id: 'notes', label: 'Notes', type: 'text' },
  ],
  behaviour: [
    { id: 'pricing', label: 'Pricing page', type: 'page_view', urlContains: '/pricing', points: 15 },
    { id: 'paper', label: 'Whitepaper', type: 'download', points: 10 },
  ],
  mqlThreshold: 30,
  hotThreshold: 60,
  handRaiseEvents: ['demo_request'],
};

function input(over: Partial<QualifyInput>): QualifyInput {
  return { rules: RULES, answers: {}, traits: {}, events: [], callbackRequested: false, now: 1_000_000, ...over };
}

const PASSING = { projects: 'commercial', size: 'small', notes: 'hello' };

describe('qualify: the exact MQL / hot rule', () => {
  it('makes a callback that passes the must-haves hot whatever the score', () => {
    const q = qualify(input({ answers: PASSING, callbackRequested: true }));
    expect(q.fit.status).toBe('passes');
    expect(q.score).toBe(10);
    expect(q).toMatchObject({ handRaise: true, mql: true, hot: true, rulesVersion: 3 });
  });

  it('leaves fit unknown, and so neither MQL nor hot, while a must-have is unanswered', () => {
    const q = qualify(input({ answers: { projects: 'commercial' }, callbackRequested: true }));
    expect(q.fit).toEqual({ status: 'unknown', missing: ['size', 'notes'] });
    expect(q.mql).toBe(false);
    expect(q.hot).toBe(false);
  });

  it('makes a passing lead MQL at the MQL threshold and hot at the hot threshold', () => {
    const pricing = (n: number): BehaviourEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'page_view', url: 'https://x.test/pricing', at: i }));
    // 10 (answer) + 15 per pricing view.
    expect(qualify(input({ answers: PASSING, events: pricing(1) }))).toMatchObject({ score: 25, mql: false, hot: false });
    expect(qualify(input({ answers: PASSING, events: pricing(2) }))).toMatchObject({ score: 40, mql: true, hot: false });
    expect(qualify(input({ answers: PASSING, events: pricing(4) }))).toMatchObject({ score: 70, mql: true, hot: true });
  });

  it('explains every contribution', () => {
    const q = qualify(
      input({
        answers: PASSING,
        events: [
          { type: 'page_view', url: '/pricing', at: 1 },
          { type: 'page_view', url: '/pricing', at: 2 },
        ],
      }),
    );
    expect(q.reasons).toContainEqual({ source: 'behaviour:pricing', text: 'Pricing page x2', points: 30 });
    expect(q.reasons).toContainEqual({ source: 'question:projects', text: 'Projects: Commercial', points: 10 });
  });

  it('counts a configured bottom-of-funnel event as a hand-raise', () => {
    const q = qualify(input({ answers: PASSING, events: [{ type: 'custom', name: 'demo_request', at: 1 }] }));
    expect(q).toMatchObject({ handRaise: true, hot: true });
  });

  it('sends a competitor answer to suspect', () => {
    const q = qualify(input({ answers: { ...PASSING, projects: 'competitor' }, callbackRequested: true }));
    expect(q.fit).toMatchObject({ status: 'fails', stage: 'suspect', reason: 'Competitor' });
    expect(q.hot).toBe(false);
  });
});

const answerArb = fc.record({
  projects: fc.constantFrom('commercial', 'residential', 'competitor', '', 'bogus'),
  size: fc.constantFrom('small', 'big', ''),
  notes: fc.constantFrom('', 'text', '  '),
});
const eventArb: fc.Arbitrary<BehaviourEvent> = fc.record({
  type: fc.constantFrom('page_view', 'download', 'click', 'custom'),
  url: fc.constantFrom('/pricing', '/blog', '/'),
  name: fc.constantFrom('demo_request', 'other'),
  at: fc.integer({ min: 0, max: 1e9 }),
});
const inputArb = fc.record({
  answers: answerArb,
  events: fc.array(eventArb, { maxLength: 30 }),
  callbackRequested: fc.boolean(),
});

describe('qualify: properties', () => {
  it('hot and MQL only ever with fit passing; hot implies MQL (hot threshold >= MQL threshold)', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const q = qualify(input(i));
        if (q.hot || q.mql) expect(q.fit.status).toBe('passes');
        if (q.hot) expect(q.mql).toBe(true);
      }),
    );
  });

  it('a disqualifier always wins, whatever else is true', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom('residential', 'competitor'), (i, bad) => {
        const q = qualify(input({ ...i, answers: { ...i.answers, projects: bad } }));
        expect(q.fit.status).toBe('fails');
        expect(q.mql).toBe(false);
        expect(q.hot).toBe(false);
      }),
    );
  });

  it('a positive-points event never lowers the score', () => {
    fc.assert(
      fc.property(inputArb, eventArb, (i, extra) => {
        const before = qualify(input(i)).score;
        expect(qualify(input({ ...i, events: [...i.events, extra] })).score).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('the score is the sum of the reasons', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const q = qualify(input(i));
        expect(q.score).toBe(q.reasons.reduce((s, r) => s + r.points, 0));
      }),
    );
  });
});
