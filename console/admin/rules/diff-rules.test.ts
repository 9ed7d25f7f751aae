import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/default-rules';
import type { SiteRules } from '../types';
import { diffRules } from './diff-rules';

const clone = (r: SiteRules): SiteRules => structuredClone(r);

describe('diffRules', () => {
  it('finds nothing between equal versions, whatever their version numbers', () => {
    expect(diffRules(DEFAULT_RULES, { ...clone(DEFAULT_RULES), version: 7 })).toEqual([]);
  });

  it('names a changed question label and a newly disqualifying option in the editor’s words', () => {
    const next = clone(DEFAULT_RULES);
    next.questions[1]!.label = 'How many people work there?';
    next.questions[1]!.options![0]!.disqualify = { reason: 'Too small' };
    expect(diffRules(DEFAULT_RULES, next)).toEqual([
      { where: 'Question “How many people work there?” › question', change: 'changed', from: 'How many employees?', to: 'How many people work there?' },
      { where: 'Question “How many people work there?” › option “1-10” › disqualifies', change: 'changed', from: 'no', to: 'disqualified: Too small' },
    ]);
  });

  it('matches rules by id, so a removal is not read as every later rule changing', () => {
    const next = clone(DEFAULT_RULES);
    next.behaviour.splice(0, 1);
    next.hotThreshold = 70;
    next.handRaiseEvents = ['demo_request', 'trial_start'];
    const lines = diffRules(DEFAULT_RULES, next);
    expect(lines).toContainEqual(expect.objectContaining({ where: 'Behaviour “Viewed the pricing page”', change: 'removed' }));
    expect(lines).toContainEqual({ where: 'Hot threshold', change: 'changed', from: '60', to: '70' });
    expect(lines).toContainEqual({ where: 'Hand-raise event “quote_request”', change: 'removed', from: 'quote_request' });
    expect(lines).toContainEqual({ where: 'Hand-raise event “trial_start”', change: 'added', to: 'trial_start' });
    expect(lines).toHaveLength(4);
  });

  it('reports a reordering of questions once', () => {
    const next = clone(DEFAULT_RULES);
    next.questions.reverse();
    expect(diffRules(DEFAULT_RULES, next)).toEqual([{ where: 'Question order', change: 'changed', from: 'projects, size, role', to: 'role, size, projects' }]);
  });
});
