import { describe, expect, it } from 'vitest';
import { lead, rule } from './routing.fixtures';
import { conditionHolds, matchRule } from './match-rule.core';
import type { Condition } from './routing.types';

describe('matchRule', () => {
  it('takes the first rule by position whose conditions all hold; an empty rule is a catch-all', () => {
    const rules = [
      rule('catch-all', 't', { position: 9 }),
      rule('enterprise', 't', { position: 1, conditions: [{ field: 'company_size', op: 'gte', value: 200 }] }),
      rule('uk-enterprise', 't', {
        position: 0,
        conditions: [
          { field: 'company_size', op: 'gte', value: 200 },
          { field: 'country', op: 'in', values: ['GB'] },
        ],
      }),
    ];
    expect(matchRule(rules, lead({ companySize: 500, country: 'GB' }))?.id).toBe('uk-enterprise');
    expect(matchRule(rules, lead({ companySize: 500, country: 'US' }))?.id).toBe('enterprise');
    expect(matchRule(rules, lead({ companySize: 10 }))?.id).toBe('catch-all');
    expect(matchRule(rules.slice(1), lead({ companySize: 10 }))).toBeNull();
  });

  it.each<[string, Condition, Partial<Parameters<typeof lead>[0]>, boolean]>([
    [
      'an answer among values (case-insensitive)',
      { field: 'answer', key: 'projects', op: 'in', values: ['Commercial'] },
      { answers: { projects: 'commercial' } },
      true,
    ],
    ['an unanswered question is not among values', { field: 'answer', key: 'projects', op: 'in', values: ['commercial'] }, {}, false],
    ['not_in holds for a missing answer', { field: 'answer', key: 'projects', op: 'not_in', values: ['residential'] }, {}, true],
    ['a trait', { field: 'trait', key: 'plan', op: 'in', values: ['pro'] }, { traits: { plan: 'pro' } }, true],
    ['a score at the bound', { field: 'score', op: 'gte', value: 60 }, { score: 60 }, true],
    ['a score below', { field: 'score', op: 'lt', value: 60 }, { score: 60 }, false],
    ['a country', { field: 'country', op: 'in', values: ['de', 'AT'] }, { country: 'DE' }, true],
    ['an unknown company size never matches', { field: 'company_size', op: 'lt', value: 50 }, { companySize: null }, false],
    ['a utm source', { field: 'utm_source', op: 'in', values: ['google'] }, { utm: { source: 'Google', medium: null, campaign: null } }, true],
    ['a utm campaign not in', { field: 'utm_campaign', op: 'not_in', values: ['spring'] }, { utm: { source: null, medium: null, campaign: 'spring' } }, false],
    ['a source', { field: 'source', op: 'in', values: ['partner'] }, { source: 'partner' }, true],
    ['a page containing', { field: 'page', op: 'contains', values: ['/pricing'] }, { pageUrl: 'https://acme.test/Pricing?x=1' }, true],
    ['a page not containing', { field: 'page', op: 'not_contains', values: ['/pricing'] }, { pageUrl: 'https://acme.test/blog' }, true],
    ['an email domain', { field: 'email_domain', op: 'in', values: ['bigco.com'] }, { emailDomain: 'bigco.com' }, true],
  ])('tests %s', (_what, condition, facts, expected) => {
    expect(conditionHolds(condition, lead(facts))).toBe(expected);
  });
});
