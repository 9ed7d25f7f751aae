// Which routing rules can never match, and why: a rule below a catch-all, a rule whose own
// conditions no routed lead can satisfy (an answer that is not an option, an answer that rules
// the lead out, conditions that contradict each other, a question no longer asked), and a rule
// every one of whose leads an earlier rule takes first. Pure: (rules in order, the site's
// published questions) in, one verdict per rule out.
//
// Only what is certain is flagged. Routed leads are hot, so their fit passes under the
// published rules: each answer to a choice question is one of its options that does not rule
// the lead out, or absent. Everything else (free text, traits, page, score, size) is treated as
// able to take any value, and an earlier rule counts as taking a lead only when its conditions
// on those fields follow from the later rule's own.
import type { Question } from '../../shared/site-rules';
import { isCatchAll } from '../../shared/routing-rule-order';
import { conditionHolds } from './match-rule.core';
import type { Condition, LeadFacts, RoutingRule } from './routing.types';

export type UnreachableCode = 'not_asked' | 'not_an_option' | 'rules_out' | 'contradiction' | 'after_catch_all' | 'shadowed';

export interface Unreachable {
  code: UnreachableCode;
  /** Plain words for the page: `after the catch-all rule "Everyone else"`. */
  reason: string;
}

export type RuleInOrder = Pick<RoutingRule, 'id' | 'name' | 'conditions'>;

/** A rule as the console lists it: with why it can never match, or null when it can. */
export type RoutingRuleView = RoutingRule & { unreachable: Unreachable | null };

/**
 * Answer combinations times earlier rules tried, over the whole list, before the shadow check
 * gives up (flagging nothing more): it runs on every listing, and a list of hundreds of rules
 * on many questions must still answer at once (a check is some microseconds).
 */
export const MAX_SHADOW_CHECKS = 20_000;

/** One verdict per rule, in the order given (the order rules are tried). */
export function ruleReachability(rules: readonly RuleInOrder[], questions: readonly Question[]): Array<Unreachable | null> {
  const asked: Asked = { questions: new Map(questions.map((q) => [q.id, q])), choices: new Map() };
  const budget = { left: MAX_SHADOW_CHECKS };
  const split = rules.map((r) => splitRule(r, asked));
  return rules.map((rule, i) => {
    const own = ownConflict(rule.conditions, asked);
    if (own) return own;
    const catchAll = rules.slice(0, i).find(isCatchAll);
    if (catchAll) return { code: 'after_catch_all', reason: `after the catch-all rule "${catchAll.name}"` };
    return shadowedBy(split[i]!, split.slice(0, i), asked, budget);
  });
}

/** The rules with their verdicts, for the API and the page. */
export function withReachability(rules: readonly RoutingRule[], questions: readonly Question[]): RoutingRuleView[] {
  const verdicts = ruleReachability(rules, questions);
  return rules.map((r, i) => ({ ...r, unreachable: verdicts[i]! }));
}

// ---- What a condition tests ----------------------------------------------------------------

/** The published questions by id, and each subject's possible answers (worked out once). */
interface Asked {
  questions: ReadonlyMap<string, Question>;
  choices: Map<string, Array<string | null> | null>;
}

/** The lead field a condition reads: `answer:projects`, `trait:plan`, `country`, `score`... */
function subjectOf(c: Condition): string {
  return c.field === 'answer' || c.field === 'trait' ? `${c.field}:${c.key}` : c.field;
}

/**
 * A choice subject has a finite set of possible values: a published single-choice question
 * (its options that do not rule the lead out, or no answer) or a question no longer asked (no
 * answer). Null for every other subject.
 */
function choicesOf(subject: string, asked: Asked): Array<string | null> | null {
  if (!asked.choices.has(subject)) asked.choices.set(subject, possibleAnswers(subject, asked.questions));
  return asked.choices.get(subject)!;
}

function possibleAnswers(subject: string, questions: Asked['questions']): Array<string | null> | null {
  if (!subject.startsWith('answer:')) return null;
  const q = questions.get(subject.slice('answer:'.length));
  if (!q) return [null];
  if (q.type !== 'single') return null;
  return [...(q.options ?? []).filter((o) => !o.disqualify).map((o) => o.value), null];
}

const NO_FACTS: LeadFacts = {
  id: '',
  answers: {},
  traits: {},
  score: 0,
  country: null,
  companySize: null,
  source: null,
  utm: { source: null, medium: null, campaign: null },
  pageUrl: null,
  emailDomain: null,
};

/** A lead whose answers are these (absent where null); matching is match-rule's own. */
function leadAnswering(answers: ReadonlyMap<string, string | null>): LeadFacts {
  const given: Record<string, string> = {};
  for (const [key, v] of answers) if (v !== null) given[key] = v;
  return { ...NO_FACTS, answers: given };
}

const holdsFor = (c: Condition, key: string, value: string | null) => conditionHolds(c, value === null ? NO_FACTS : { ...NO_FACTS, answers: { [key]: value } });

const FIELD_NAME: Record<string, string> = {
  country: 'Country',
  source: 'Source',
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  email_domain: 'Email domain',
  page: 'Page URL',
  score: 'Score',
  company_size: 'Company size',
};

function subjectName(subject: string, asked: Asked): string {
  if (subject.startsWith('answer:')) {
    const key = subject.slice('answer:'.length);
    return `question "${asked.questions.get(key)?.label ?? key}"`;
  }
  if (subject.startsWith('trait:')) return `trait "${subject.slice('trait:'.length)}"`;
  return FIELD_NAME[subject] ?? subject;
}

function bySubject(conditions: readonly Condition[]): Map<string, Condition[]> {
  const groups = new Map<string, Condition[]>();
  for (const c of conditions) groups.set(subjectOf(c), [...(groups.get(subjectOf(c)) ?? []), c]);
  return groups;
}

// ---- A rule on its own ---------------------------------------------------------------------

/** Why no routed lead satisfies these conditions, or null when some lead can. */
function ownConflict(conditions: readonly Condition[], asked: Asked): Unreachable | null {
  for (const [subject, cs] of bySubject(conditions)) {
    const choices = choicesOf(subject, asked);
    if (choices) {
      if (choices.some((v) => cs.every((c) => holdsFor(c, subject.slice('answer:'.length), v)))) continue;
      return choiceConflict(subject.slice('answer:'.length), cs, choices, asked);
    }
    if (!satisfiable(cs)) return { code: 'contradiction', reason: `conditions on ${subjectName(subject, asked)} contradict each other` };
  }
  return null;
}

function choiceConflict(key: string, cs: readonly Condition[], choices: ReadonlyArray<string | null>, asked: Asked): Unreachable {
  const q = asked.questions.get(key);
  if (!q) return { code: 'not_asked', reason: `question "${key}" is no longer asked` };
  const alone = cs.find((c) => choices.every((v) => !holdsFor(c, key, v)));
  if (!alone || !('values' in alone)) return { code: 'contradiction', reason: `conditions on question "${q.label}" contradict each other` };
  const optionOf = (v: string) => q.options?.find((o) => norm(o.value) === norm(v));
  const missing = alone.values.filter((v) => !optionOf(v));
  const rulingOut = alone.values.map(optionOf).filter((o) => o?.disqualify);
  const parts: string[] = [];
  if (missing.length) {
    const list = missing.map((v) => `"${v}"`).join(', ');
    parts.push(
      `${missing.length === 1 ? `answer ${list} of question "${q.label}" is not an option` : `answers ${list} of question "${q.label}" are not options`} of the published rules`,
    );
  }
  if (rulingOut.length) {
    const one = rulingOut.length === 1 ? rulingOut[0]! : null;
    const list = rulingOut.map((o) => `"${o!.label}"`).join(', ');
    parts.push(
      one
        ? `answer "${one.label}" to question "${q.label}" rules the lead out (${one.disqualify!.reason}), and such leads are never routed`
        : `answers ${list} to question "${q.label}" rule the lead out, and such leads are never routed`,
    );
  }
  return { code: missing.length ? 'not_an_option' : 'rules_out', reason: parts.join('; ') };
}

/** Conditions on one open-ended subject: can any value (or none) satisfy them all? */
function satisfiable(cs: readonly Condition[]): boolean {
  const first = cs[0]!;
  if ('value' in first) return interval(cs).lo < interval(cs).hi;
  if (first.field === 'page') return pageSatisfiable(cs);
  const { allowed } = textConstraint(cs);
  return allowed === null || allowed.size > 0;
}

// ---- Open-ended subjects: what a set of conditions allows ----------------------------------

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Text the conditions allow: a finite set when some condition lists the values it takes
 * (`allowed`), else any text or none except `excluded`.
 */
function textConstraint(cs: readonly Condition[]): { allowed: Set<string> | null; excluded: Set<string> } {
  const excluded = new Set<string>();
  const lists: Array<Set<string>> = [];
  for (const c of cs) {
    if (!('values' in c)) continue;
    const values = new Set(c.values.map(norm));
    if (c.op === 'not_in') values.forEach((v) => excluded.add(v));
    else if (c.op === 'in') lists.push(values);
  }
  if (!lists.length) return { allowed: null, excluded };
  const allowed = new Set([...lists[0]!].filter((v) => lists.every((l) => l.has(v)) && !excluded.has(v)));
  return { allowed, excluded };
}

/** The numbers allowed: [lo, hi), with `known` when some condition needs the number at all. */
function interval(cs: readonly Condition[]): { lo: number; hi: number; known: boolean } {
  let lo = -Infinity;
  let hi = Infinity;
  for (const c of cs) {
    if (!('value' in c)) continue;
    if (c.op === 'gte') lo = Math.max(lo, c.value);
    else hi = Math.min(hi, c.value);
  }
  return { lo, hi, known: cs.length > 0 };
}

function pageParts(cs: readonly Condition[]) {
  const contains = cs.filter((c) => c.op === 'contains').map((c) => ('values' in c ? c.values.map(norm) : []));
  const avoided = cs.filter((c) => c.op === 'not_contains').flatMap((c) => ('values' in c ? c.values.map(norm) : []));
  return { contains, avoided };
}

/** A page that contains one of `wanted` always contains something avoided when each wanted text holds an avoided one. */
const forcesAvoided = (wanted: readonly string[], avoided: readonly string[]) => wanted.every((w) => avoided.some((a) => w.includes(a)));

function pageSatisfiable(cs: readonly Condition[]): boolean {
  const { contains, avoided } = pageParts(cs);
  return !contains.some((wanted) => forcesAvoided(wanted, avoided));
}

/** Does every lead satisfying `own` (one subject's conditions of the later rule) satisfy `c`? */
function implied(c: Condition, own: readonly Condition[]): boolean {
  if ('value' in c) {
    const { lo, hi, known } = interval(own);
    // An unknown company size fails every size condition; a score is always known.
    if (c.field === 'company_size' && !known) return false;
    return c.op === 'gte' ? lo >= c.value : hi <= c.value;
  }
  if (c.field === 'page') {
    const { contains, avoided } = pageParts(own);
    const values = c.values.map(norm);
    // Containing a wanted text that holds one of c's means containing c's; avoiding a text
    // that each of c's values holds means avoiding all of c's.
    return c.op === 'contains' ? contains.some((wanted) => wanted.every((w) => values.some((v) => w.includes(v)))) : forcesAvoided(values, avoided);
  }
  const { allowed, excluded } = textConstraint(own);
  const values = new Set(c.values.map(norm));
  if (c.op === 'in') return allowed !== null && [...allowed].every((v) => values.has(v));
  return allowed !== null ? [...allowed].every((v) => !values.has(v)) : [...values].every((v) => excluded.has(v));
}

// ---- Shadowed by earlier rules -------------------------------------------------------------

/**
 * Every lead the rule matches is matched by an earlier rule first. Choice subjects are tried
 * answer by answer (match-rule decides); an earlier rule's other conditions must follow from
 * the rule's own. Null when some lead gets through, or when the budget of checks runs out.
 */
function shadowedBy(rule: SplitRule, earlier: readonly SplitRule[], asked: Asked, budget: { left: number }): Unreachable | null {
  if (budget.left <= 0) return null;
  const own = bySubject(rule.other);
  const candidates = earlier.filter((e) => e.other.every((c) => implied(c, own.get(subjectOf(c)) ?? [])));
  if (!candidates.length) return null;

  const keys = [...new Set([rule, ...candidates].flatMap((r) => r.choice.map(subjectOf)))].map((s) => s.slice('answer:'.length));
  const mine = bySubject(rule.choice);
  const domains = keys.map((key) => {
    const all = choicesOf(`answer:${key}`, asked)!;
    const tests = mine.get(`answer:${key}`);
    return tests ? all.filter((v) => tests.every((c) => holdsFor(c, key, v))) : all;
  });
  const checks = domains.reduce((n, d) => n * d.length, 1) * candidates.length;
  if (checks > budget.left) return null;
  budget.left -= checks;

  const takers = new Set<string>();
  for (const combination of combinations(domains)) {
    const lead = leadAnswering(new Map(keys.map((k, i) => [k, combination[i]!])));
    const taker = candidates.find((e) => e.choice.every((c) => conditionHolds(c, lead)));
    if (!taker) return null;
    takers.add(taker.rule.name);
  }
  const names = [...takers].map((n) => `"${n}"`);
  const list = names.length === 1 ? `the rule ${names[0]}` : `the rules ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return { code: 'shadowed', reason: `every lead it could match is taken first by ${list} above it` };
}

/** A rule's conditions on choice answers (tried answer by answer) apart from the others. */
interface SplitRule {
  rule: RuleInOrder;
  choice: Condition[];
  other: Condition[];
}

function splitRule(rule: RuleInOrder, asked: Asked): SplitRule {
  const isChoice = (c: Condition) => choicesOf(subjectOf(c), asked) !== null;
  return { rule, choice: rule.conditions.filter(isChoice), other: rule.conditions.filter((c) => !isChoice(c)) };
}

/** Every way to pick one value from each domain. */
function* combinations<T>(domains: readonly T[][]): Generator<T[]> {
  if (!domains.length) {
    yield [];
    return;
  }
  const [head, ...rest] = domains;
  for (const v of head!) for (const tail of combinations(rest)) yield [v, ...tail];
}
