import { describe, expect, it } from 'vitest';
import type { Qualification } from '../../shared/qualify/types';
import type { Question } from '../../shared/site-rules';
import { decideRouting } from '../routing/decide-routing.core';
import { lead, rep, snapshot } from '../routing/routing.fixtures';
import { describeFormTest, whyNotRouted } from './describe-form-test.core';

const QUESTIONS: Question[] = [
  { id: 'size', label: 'How many employees?', type: 'single', options: [{ value: '51-200', label: '51 to 200' }] },
  { id: 'role', label: 'Your role?', type: 'single', options: [{ value: 'decision', label: 'I decide' }] },
];
const q = (over: Partial<Qualification> = {}): Qualification => ({
  fit: { status: 'passes', missing: [] },
  score: 30,
  handRaise: true,
  mql: true,
  hot: true,
  reasons: [{ source: 'callback', text: 'Asked for a callback', points: 0 }],
  rulesVersion: 1,
  ...over,
});
const read = { name: 'Tess Test', phone: '', email: 'tess@example.test', company: 'Northwind', answers: { size: '51-200' } };

describe('whyNotRouted', () => {
  it('routes only a hot MQL with a phone on a form that offers', () => {
    expect(whyNotRouted(q(), 'hot', 'offer', '+14155550190')).toBeNull();
    expect(whyNotRouted(q(), 'hot', 'record', '+14155550190')).toMatch(/Only recorded/);
    expect(whyNotRouted(q(), 'hot', 'offer', null)).toMatch(/asks the visitor for it/);
    expect(whyNotRouted(q({ hot: false }), 'mql', 'offer', '+14155550190')).toMatch(/warm MQL/);
    expect(whyNotRouted(q({ hot: false, mql: false, fit: { status: 'unknown', missing: ['role'] } }), 'lead', 'offer', '+1')).toMatch(/fit is unknown/);
  });

  it('never routes a disqualified or suspect submission, whatever the form does', () => {
    const fails = q({ hot: false, mql: false, fit: { status: 'fails', stage: 'suspect', reason: 'Student or researcher', missing: [] } });
    for (const action of ['offer', 'record'] as const)
      expect(whyNotRouted(fails, 'suspect', action, '+14155550190')).toBe('Never routed: a suspect (Student or researcher).');
  });
});

describe('describeFormTest', () => {
  it('names the rep routing would pick, with the team and rule, from the routing decision itself', () => {
    const s = snapshot({ lead: lead(), reps: [rep('dana', { name: 'Dana Reyes' }), rep('sam', { name: 'Sam Okafor', online: false })], teams: [], rules: [] });
    const r = describeFormTest({
      read,
      phone: '+14155550190',
      qualification: q(),
      stage: 'hot',
      questions: QUESTIONS,
      pageUrl: null,
      routing: { plan: decideRouting(s, 0), snapshot: s },
      now: 5,
    });
    expect(r.routing).toMatchObject({ kind: 'offer', reps: ['Dana Reyes'], skipped: 'Skipped Sam Okafor: offline' });
    expect(r.routing.text).toBe('Would offer it now to Dana Reyes (the team, no rule matched, round robin).');
    expect(r.answers).toEqual([{ question: 'How many employees?', answer: '51 to 200' }]);
    expect(r.contact).toEqual({ name: 'Tess Test', email: 'tess@example.test', phone: '+14155550190', company: 'Northwind' });
  });

  it('says why it would wait when nobody can take it', () => {
    const s = snapshot({ lead: lead(), reps: [rep('dana', { name: 'Dana Reyes', online: false })] });
    const r = describeFormTest({
      read,
      phone: '+1',
      qualification: q(),
      stage: 'hot',
      questions: QUESTIONS,
      pageUrl: null,
      routing: { plan: decideRouting(s, 0), snapshot: s },
      now: 5,
    });
    expect(r.routing).toMatchObject({ kind: 'queue', reps: [], text: 'Would wait: Nobody online: waiting in the queue.' });
  });

  it('lists the must-haves left unanswered by their labels', () => {
    const r = describeFormTest({
      read,
      phone: null,
      qualification: q({ hot: false, mql: false, fit: { status: 'unknown', missing: ['role'] } }),
      stage: 'lead',
      questions: QUESTIONS,
      pageUrl: 'https://example.test/quote',
      routing: { notRouted: 'Not routed' },
      now: 5,
    });
    expect(r.qualification.missing).toEqual(['Your role?']);
    expect(r.routing).toEqual({ kind: 'not_routed', text: 'Not routed', reps: [], team: null, rule: null, skipped: null });
  });
});
