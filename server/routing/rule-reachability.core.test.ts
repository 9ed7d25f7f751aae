import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../shared/site-rules';
import { matchRule } from './match-rule.core';
import { lead, rule } from './routing.fixtures';
import { MAX_SHADOW_CHECKS, ruleReachability } from './rule-reachability.core';
import type { Condition, LeadFacts } from './routing.types';

const QUESTIONS: Question[] = [
  {
    id: 'projects',
    label: 'What kind of projects do you do?',
    type: 'single',
    options: [
      { value: 'commercial', label: 'Commercial' },
      { value: 'both', label: 'Commercial and residential' },
      { value: 'residential', label: 'Residential only', disqualify: { reason: 'Residential-only work' } },
    ],
  },
  {
    id: 'size',
    label: 'How many employees?',
    type: 'single',
    options: [
      { value: '1-10', label: '1-10' },
      { value: '11-50', label: '11-50' },
      { value: '201+', label: '201 or more' },
    ],
  },
  { id: 'notes', label: 'Anything else?', type: 'text' },
];

const answer = (key: string, values: string[], op: 'in' | 'not_in' = 'in'): Condition => ({ field: 'answer', key, op, values });
const named = (name: string, conditions: Condition[] = []) => rule(name, 'team', { conditions });
const verdicts = (...rules: ReturnType<typeof named>[]) => ruleReachability(rules, QUESTIONS);

describe('ruleReachability', () => {
  it('flags every rule below a catch-all, and nothing above it', () => {
    expect(
      verdicts(named('Big', [answer('projects', ['commercial'])]), named('Everyone else'), named('Late', [answer('size', ['201+'])]), named('Night')),
    ).toEqual([
      null,
      null,
      { code: 'after_catch_all', reason: 'after the catch-all rule "Everyone else"' },
      { code: 'after_catch_all', reason: 'after the catch-all rule "Everyone else"' },
    ]);
  });

  it.each<[string, Condition[], string, string]>([
    [
      'an answer that is not an option',
      [answer('projects', ['industrial'])],
      'not_an_option',
      'answer "industrial" of question "What kind of projects do you do?" is not an option of the published rules',
    ],
    [
      'answers that are not options',
      [answer('size', ['500+', 'huge'])],
      'not_an_option',
      'answers "500+", "huge" of question "How many employees?" are not options of the published rules',
    ],
    [
      'an answer that rules the lead out',
      [answer('projects', ['Residential'])],
      'rules_out',
      'answer "Residential only" to question "What kind of projects do you do?" rules the lead out (Residential-only work), and such leads are never routed',
    ],
    ['a question no longer asked', [answer('budget', ['big'])], 'not_asked', 'question "budget" is no longer asked'],
    [
      'two answers to one question',
      [answer('projects', ['commercial']), answer('projects', ['both'])],
      'contradiction',
      'conditions on question "What kind of projects do you do?" contradict each other',
    ],
    [
      'an answer and its exclusion',
      [answer('projects', ['commercial', 'both']), answer('projects', ['commercial', 'both'], 'not_in')],
      'contradiction',
      'conditions on question "What kind of projects do you do?" contradict each other',
    ],
    [
      'two countries',
      [
        { field: 'country', op: 'in', values: ['DE'] },
        { field: 'country', op: 'in', values: ['us'] },
      ],
      'contradiction',
      'conditions on Country contradict each other',
    ],
    [
      'a country listed and excluded',
      [
        { field: 'country', op: 'in', values: ['DE'] },
        { field: 'country', op: 'not_in', values: ['de', 'AT'] },
      ],
      'contradiction',
      'conditions on Country contradict each other',
    ],
    [
      'a score range that is empty',
      [
        { field: 'score', op: 'gte', value: 60 },
        { field: 'score', op: 'lt', value: 60 },
      ],
      'contradiction',
      'conditions on Score contradict each other',
    ],
    [
      'a page that must and must not hold a text',
      [
        { field: 'page', op: 'contains', values: ['/Pricing/pro'] },
        { field: 'page', op: 'not_contains', values: ['/pricing'] },
      ],
      'contradiction',
      'conditions on Page URL contradict each other',
    ],
    [
      'a trait with two values',
      [
        { field: 'trait', key: 'plan', op: 'in', values: ['pro'] },
        { field: 'trait', key: 'plan', op: 'in', values: ['free'] },
      ],
      'contradiction',
      'conditions on trait "plan" contradict each other',
    ],
  ])('flags a rule that can never match on its own: %s', (_what, conditions, code, reason) => {
    expect(verdicts(named('Odd', conditions))).toEqual([{ code, reason }]);
  });

  it.each<[string, Condition[]]>([
    ['an option and one that is not', [answer('projects', ['commercial', 'industrial'])]],
    ['an exclusion of every option (the answer may be absent)', [answer('size', ['1-10', '11-50', '201+'], 'not_in')]],
    ['an exclusion on a question no longer asked', [answer('budget', ['big'], 'not_in')]],
    ['a free-text answer', [answer('notes', ['urgent'])]],
    [
      'overlapping country lists',
      [
        { field: 'country', op: 'in', values: ['DE', 'AT'] },
        { field: 'country', op: 'not_in', values: ['DE'] },
      ],
    ],
    [
      'a score band',
      [
        { field: 'score', op: 'gte', value: 50 },
        { field: 'score', op: 'lt', value: 60 },
      ],
    ],
    [
      'a page that avoids another text',
      [
        { field: 'page', op: 'contains', values: ['/pricing'] },
        { field: 'page', op: 'not_contains', values: ['/pricing/pro'] },
      ],
    ],
  ])('leaves a rule that some lead satisfies: %s', (_what, conditions) => {
    expect(verdicts(named('Fine', conditions))).toEqual([null]);
  });

  it('flags a rule every lead of which an earlier rule takes, naming the rules', () => {
    expect(
      verdicts(
        named('Commercial', [answer('projects', ['commercial'])]),
        named('Mixed', [answer('projects', ['both'])]),
        named('Big either', [answer('projects', ['commercial', 'both', 'residential']), answer('size', ['201+'])]),
      )[2],
    ).toEqual({ code: 'shadowed', reason: 'every lead it could match is taken first by the rules "Commercial" and "Mixed" above it' });
    // No answer is also a possible answer: "not residential" lets leads through that neither takes.
    expect(
      verdicts(
        named('Commercial', [answer('projects', ['commercial'])]),
        named('Mixed', [answer('projects', ['both'])]),
        named('Not residential', [answer('projects', ['residential'], 'not_in')]),
      )[2],
    ).toBeNull();
  });

  it('counts an earlier rule as taking a lead only when its other conditions follow from the later rule', () => {
    const dach = named('DACH', [{ field: 'country', op: 'in', values: ['DE', 'AT', 'CH'] }]);
    expect(verdicts(dach, named('German commercial', [{ field: 'country', op: 'in', values: ['de'] }, answer('projects', ['commercial'])]))[1]).toMatchObject({
      code: 'shadowed',
    });
    expect(verdicts(dach, named('Commercial', [answer('projects', ['commercial'])]))[1]).toBeNull();
    const warm = named('Warm', [{ field: 'score', op: 'gte', value: 50 }]);
    expect(verdicts(warm, named('Hot', [{ field: 'score', op: 'gte', value: 60 }]))[1]).toMatchObject({ code: 'shadowed' });
    expect(verdicts(named('Hot', [{ field: 'score', op: 'gte', value: 60 }]), named('Warm', [{ field: 'score', op: 'gte', value: 59 }]))[1]).toBeNull();
    expect(verdicts(named('Cold', [{ field: 'score', op: 'lt', value: 30 }]), named('Colder', [{ field: 'score', op: 'lt', value: 30 }]))[1]).toMatchObject({
      code: 'shadowed',
    });
    expect(verdicts(named('Cold', [{ field: 'score', op: 'lt', value: 30 }]), named('Cool', [{ field: 'score', op: 'lt', value: 31 }]))[1]).toBeNull();
    const pricing = named('Pricing', [{ field: 'page', op: 'contains', values: ['/pricing'] }]);
    expect(verdicts(pricing, named('Pro pricing', [{ field: 'page', op: 'contains', values: ['/pricing/pro'] }]))[1]).toMatchObject({ code: 'shadowed' });
    const notBlog = named('Not blog', [{ field: 'page', op: 'not_contains', values: ['/blog/2026'] }]);
    expect(verdicts(notBlog, named('Nothing from the blog', [{ field: 'page', op: 'not_contains', values: ['/blog'] }]))[1]).toMatchObject({
      code: 'shadowed',
    });
    expect(
      verdicts(
        named('Not blog', [{ field: 'page', op: 'not_contains', values: ['/blog'] }]),
        named('Not pricing', [{ field: 'page', op: 'not_contains', values: ['/pricing'] }]),
      )[1],
    ).toBeNull();
    expect(verdicts(pricing, named('Pricing or blog', [{ field: 'page', op: 'contains', values: ['/pricing', '/blog'] }]))[1]).toBeNull();
    // An unknown company size fails every size condition, so "big" never covers "any size".
    expect(verdicts(named('Big', [{ field: 'company_size', op: 'gte', value: 200 }]), named('Any', [answer('projects', ['commercial'])]))[1]).toBeNull();
    expect(
      verdicts(named('Big', [{ field: 'company_size', op: 'gte', value: 200 }]), named('Huge', [{ field: 'company_size', op: 'gte', value: 1000 }]))[1],
    ).toMatchObject({ code: 'shadowed' });
    // Free text is never enumerated: a list does not cover another unless it holds it.
    expect(verdicts(named('A', [answer('notes', ['x'])]), named('AB', [answer('notes', ['x', 'y'])]))[1]).toBeNull();
    expect(verdicts(named('AB', [answer('notes', ['x', 'y'])]), named('A', [answer('notes', ['X'])]))[1]).toMatchObject({ code: 'shadowed' });
  });

  it('gives up the shadow check, flagging nothing, when the answer combinations are too many', () => {
    const many: Question[] = Array.from({ length: 6 }, (_, q) => ({
      id: `q${q}`,
      label: `Q${q}`,
      type: 'single',
      options: Array.from({ length: 9 }, (_, o) => ({ value: `o${o}`, label: `O${o}` })),
    }));
    // The first rule takes every lead (no answer is "zz"); the later one leaves 10 answers
    // (9 options or none) to each of the five other questions: 10^5 combinations.
    const all = named(
      'All',
      many.map((q) => answer(q.id, ['zz'], 'not_in')),
    );
    const rules = [all, named('Late', [answer('q0', ['o1'])])];
    expect(10 ** 5).toBeGreaterThan(MAX_SHADOW_CHECKS);
    expect(ruleReachability(rules, many)[1]).toBeNull();
    expect(ruleReachability(rules, many.slice(0, 3))[1]).toEqual({
      code: 'shadowed',
      reason: 'every lead it could match is taken first by the rule "All" above it',
    });
  });
});

// ---- Properties ------------------------------------------------------------------------------

const PAGES = ['/pricing', '/pricing/pro', '/blog'];
const someOf = <T>(xs: T[]) => fc.subarray(xs, { minLength: 1 });
const answerCondition = fc.record({
  field: fc.constant('answer' as const),
  key: fc.constantFrom('projects', 'size', 'notes', 'budget'),
  op: fc.constantFrom('in' as const, 'not_in' as const),
  values: someOf(['commercial', 'Both', 'residential', '1-10', '201+', 'x', 'industrial']),
});
const textCondition = fc.oneof(
  fc.record({ field: fc.constant('country' as const), op: fc.constantFrom('in' as const, 'not_in' as const), values: someOf(['DE', 'US', 'at']) }),
  fc.record({
    field: fc.constant('trait' as const),
    key: fc.constant('plan'),
    op: fc.constantFrom('in' as const, 'not_in' as const),
    values: someOf(['pro', 'free']),
  }),
);
const numberCondition = fc.record({
  field: fc.constantFrom('score' as const, 'company_size' as const),
  op: fc.constantFrom('gte' as const, 'lt' as const),
  value: fc.constantFrom(0, 30, 59, 60, 200),
});
const pageCondition = fc.record({
  field: fc.constant('page' as const),
  op: fc.constantFrom('contains' as const, 'not_contains' as const),
  values: someOf(PAGES),
});
const anyCondition: fc.Arbitrary<Condition> = fc.oneof(answerCondition, textCondition, numberCondition, pageCondition);
const rulesOf = (condition: fc.Arbitrary<Condition>) =>
  fc
    .array(fc.array(condition, { maxLength: 3 }), { maxLength: 5 })
    .map((lists) => lists.map((conditions, i) => rule(`r${i}`, 'team', { name: `Rule ${i}`, position: i, conditions })));
const anyRules = rulesOf(anyCondition);
/** Rules on one kind of field at a time meet each other far more often than mixed ones. */
const someRules = fc.oneof(anyRules, rulesOf(answerCondition), rulesOf(textCondition), rulesOf(numberCondition), rulesOf(pageCondition));

/** A lead that can be routed: each choice answered with an option that does not rule it out, or not at all. */
const routedLead: fc.Arbitrary<LeadFacts> = fc
  .record({
    projects: fc.constantFrom('commercial', 'both', null),
    size: fc.constantFrom('1-10', '11-50', '201+', null),
    notes: fc.constantFrom('x', 'y', null),
    country: fc.constantFrom('DE', 'US', 'AT', null),
    plan: fc.constantFrom('pro', 'free', null),
    score: fc.constantFrom(-10, 0, 29, 30, 59, 60, 199, 200, 500),
    companySize: fc.constantFrom(null, 10, 200, 500),
    page: fc.constantFrom(null, ...PAGES, '/'),
  })
  .map((f) =>
    lead({
      answers: Object.fromEntries(Object.entries({ projects: f.projects, size: f.size, notes: f.notes }).filter(([, v]) => v !== null)) as Record<
        string,
        string
      >,
      traits: f.plan ? { plan: f.plan } : {},
      country: f.country,
      score: f.score,
      companySize: f.companySize,
      pageUrl: f.page === null ? null : `https://acme.test${f.page}?ref=1`,
    }),
  );

describe('ruleReachability properties', () => {
  it('flags any rule below a rule with no conditions', () => {
    fc.assert(
      fc.property(anyRules, anyRules, fc.array(anyCondition, { maxLength: 3 }), (before, after, conditions) => {
        const rules = [...before, rule('all', 'team', { name: 'All' }), ...after, rule('late', 'team', { conditions })];
        expect(ruleReachability(rules, QUESTIONS).at(-1)).not.toBeNull();
      }),
    );
  });

  it('never flags a first rule with no conditions', () => {
    fc.assert(
      fc.property(anyRules, (after) => {
        expect(ruleReachability([rule('all', 'team'), ...after], QUESTIONS)[0]).toBeNull();
      }),
    );
  });

  it('is sound: no routable lead is ever matched by a rule it flags', () => {
    fc.assert(
      fc.property(someRules, fc.array(routedLead, { minLength: 1, maxLength: 12 }), (rules, leads) => {
        const verdicts = ruleReachability(rules, QUESTIONS);
        const flagged = new Set(rules.filter((_, i) => verdicts[i] !== null).map((r) => r.id));
        for (const l of leads) expect(flagged.has(matchRule(rules, l)?.id ?? '')).toBe(false);
      }),
      { numRuns: 250 },
    );
  });

  it('is exact when rules test only choice answers: flagged exactly when no answer combination reaches the rule', () => {
    const choiceOnly = fc.array(
      fc.array(
        fc.record({
          field: fc.constant('answer' as const),
          key: fc.constantFrom('projects', 'size'),
          op: fc.constantFrom('in' as const, 'not_in' as const),
          values: someOf(['commercial', 'both', 'residential', '1-10', '201+']),
        }),
        { maxLength: 3 },
      ),
      { maxLength: 5 },
    );
    const everyLead = ['commercial', 'both', null].flatMap((projects) =>
      ['1-10', '11-50', '201+', null].map((size) =>
        lead({ answers: Object.fromEntries(Object.entries({ projects, size }).filter(([, v]) => v !== null)) as Record<string, string> }),
      ),
    );
    fc.assert(
      fc.property(choiceOnly, (lists) => {
        const rules = lists.map((conditions, i) => rule(`r${i}`, 'team', { name: `Rule ${i}`, position: i, conditions }));
        const reached = new Set(everyLead.map((l) => matchRule(rules, l)?.id));
        ruleReachability(rules, QUESTIONS).forEach((v, i) => expect(v === null).toBe(reached.has(rules[i]!.id)));
      }),
      { numRuns: 300 },
    );
  });
});
