// Sixty's suggestion for mapping a form it saw onto the site's contact traits and must-have
// questions, field by field and, for choices, option by option: from the autocomplete token,
// the type, the name and the label, and the option texts. The marketer confirms or corrects it.
// Pure: the console calls it for every form it lists; the corpus test measures how often it is right.
import type { ContactTrait, FieldTarget, FormFieldShape, FormMapping, FormOption, TextRule } from '../../shared/forms';
import type { Question, QuestionOption } from '../../shared/site-rules';
import { rangeOf, topicWords, wordsOf, type NumberRange } from './form-words';

/** Types that never carry a lead's details, or must never be read. */
const NEVER_READ = new Set(['password', 'hidden', 'file', 'submit', 'button', 'reset', 'image']);
/** Payment data, credentials, one-time codes and national ids, by name, label or token. */
const SECRET = /(^| )cc-|pass(word)?\b|pwd|\bcard\b|cvc|cvv|csc|iban|\bssn\b|secret|token|one-time-code|\botp\b|\bpin\b|captcha|honeypot/;

/** Autocomplete tokens that name a trait outright (the last token counts: "shipping tel"). */
const TOKEN_TRAIT: Record<string, ContactTrait> = {
  email: 'email',
  tel: 'phone',
  'tel-national': 'phone',
  'tel-local': 'phone',
  organization: 'company',
  name: 'name',
  'given-name': 'firstName',
  'family-name': 'lastName',
};

/** A question counts as the field's only with at least this share of its topic words in common. */
const QUESTION_MATCH = 0.5;
/** A choice field is the question's when this share of its options find a counterpart. */
const OPTIONS_MATCH = 0.6;

/** The suggested mapping of a whole form: every field, and `offer` as its action. */
export function suggestMapping(fields: readonly FormFieldShape[], questions: readonly Question[]): FormMapping {
  const mapping: FormMapping = { fields: {}, action: 'offer' };
  const taken = new Set<string>();
  for (const field of fields) {
    const target = suggestField(field, questions);
    // Two fields answering one question: the first keeps it (a form repeats a question rarely;
    // "Company" after "Company size" is the usual clash and is caught by the trait check first).
    if (target.kind === 'question' && taken.has(target.questionId)) mapping.fields[field.name] = { kind: 'ignore' };
    else mapping.fields[field.name] = target;
    if (target.kind === 'question') taken.add(target.questionId);
  }
  return mapping;
}

/** The suggested target of one field. */
export function suggestField(field: FormFieldShape, questions: readonly Question[]): FieldTarget {
  const type = field.type.toLowerCase();
  const token = (field.autocomplete ?? '').toLowerCase().trim().split(/\s+/).pop() ?? '';
  const about = [type, field.autocomplete ?? '', wordsOf(field.name).join(' '), wordsOf(field.label).join(' ')].join(' ').toLowerCase();
  if (NEVER_READ.has(type) || SECRET.test(about) || SECRET.test(`${field.name} ${field.label}`.toLowerCase())) return { kind: 'ignore' };
  const hasOptions = !!field.options && field.options.filter((o) => !isPlaceholder(o)).length > 0;

  if (TOKEN_TRAIT[token] && !hasOptions) return { kind: 'trait', trait: TOKEN_TRAIT[token] };
  if (type === 'email') return { kind: 'trait', trait: 'email' };
  if (type === 'tel') return { kind: 'trait', trait: 'phone' };

  const question = bestQuestion(field, questions);
  if (question) return question;
  if (hasOptions || type === 'checkbox' || type === 'radio') return { kind: 'ignore' };
  const trait = traitByWords(field);
  return trait ? { kind: 'trait', trait } : { kind: 'ignore' };
}

/** A contact trait the field's name and label name, if any. */
function traitByWords(field: FormFieldShape): ContactTrait | undefined {
  const words = new Set([...wordsOf(field.name), ...wordsOf(field.label)]);
  const has = (...w: string[]) => w.some((x) => words.has(x));
  const joined = `${wordsOf(field.name).join('')} ${wordsOf(field.label).join('')}`;
  if (has('email', 'mail') || joined.includes('email')) return 'email';
  if (has('phone', 'tel', 'telephone', 'mobile', 'cell', 'telefon', 'whatsapp') || joined.includes('phone')) return 'phone';
  if (has('user', 'username', 'login')) return undefined;
  if (has('company', 'organization', 'organisation', 'org', 'employer', 'business', 'firm', 'account') || joined.includes('company')) return 'company';
  if (has('first', 'fname', 'given', 'firstname', 'forename') || joined.includes('firstname')) return 'firstName';
  if (has('last', 'lname', 'surname', 'family', 'lastname') || joined.includes('lastname')) return 'lastName';
  if (has('name', 'fullname') && !has('project', 'site', 'website', 'domain', 'file')) return 'name';
  return undefined;
}

/** The question this field answers, with its options or rules, or null. */
function bestQuestion(field: FormFieldShape, questions: readonly Question[]): FieldTarget | null {
  const options = (field.options ?? []).filter((o) => !isPlaceholder(o));
  let best: { score: number; target: FieldTarget } | null = null;
  for (const q of questions) {
    const byWords = topicOverlap(`${field.label} ${field.name}`, q.label);
    let score = byWords >= QUESTION_MATCH ? byWords : 0;
    let target: FieldTarget = { kind: 'question', questionId: q.id };
    if (q.type === 'single' && q.options?.length) {
      if (options.length) {
        const mapped = mapOptions(options, q.options);
        const share = Object.keys(mapped).length / options.length;
        // Options alone can make the match ("1-10 … 201+" under a label like "Size"), or confirm
        // one the words made; words with options that do not fit are no match.
        if (share >= OPTIONS_MATCH) score = Math.max(score, share) + (byWords > 0 ? 0.5 : 0);
        else score = 0;
        target = { kind: 'question', questionId: q.id, options: mapped };
      } else if (score && field.type !== 'textarea') {
        target = { kind: 'question', questionId: q.id, rules: rulesFor(q.options) };
      } else score = 0;
    } else if (field.type === 'textarea' && q.type !== 'text') {
      score = 0;
    }
    if (score > 0 && (!best || score > best.score)) best = { score, target };
  }
  return best ? best.target : null;
}

/** Share of the question's topic words the field's label and name share (0 to 1). */
function topicOverlap(fieldText: string, questionLabel: string): number {
  const q = new Set(topicWords(questionLabel));
  if (!q.size) return 0;
  const f = new Set(topicWords(fieldText));
  let common = 0;
  for (const w of q) if (f.has(w)) common++;
  return common / q.size;
}

/** "Please select", "--", "": not a choice. */
function isPlaceholder(o: FormOption): boolean {
  const words = wordsOf(o.label || o.value);
  // An empty value submits nothing: whatever it says ("Company size", "Please select"), it is a prompt.
  return !words.length || o.value === '';
}

/** The form's option values mapped onto the question's, each to its best counterpart. */
export function mapOptions(options: readonly FormOption[], choices: readonly QuestionOption[]): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const o of options) {
    const match = counterpart(o, choices);
    if (match) mapped[o.value] = match.value;
  }
  return mapped;
}

/** The question's option that means what the form's option means, or undefined. */
function counterpart(o: FormOption, choices: readonly QuestionOption[]): QuestionOption | undefined {
  const text = o.label || o.value;
  const range = rangeOf(text);
  if (range) {
    let best: { overlap: number; choice: QuestionOption } | undefined;
    for (const c of choices) {
      const r = rangeOf(c.label) ?? rangeOf(c.value);
      const overlap = r ? rangeOverlap(range, r) : 0;
      if (overlap > 0 && (!best || overlap > best.overlap)) best = { overlap, choice: c };
    }
    if (best) return best.choice;
  }
  const words = topicWords(text);
  let best: { score: number; choice: QuestionOption } | undefined;
  for (const c of choices) {
    const theirs = topicWords(`${c.label} ${c.value}`);
    if (!theirs.length || !words.length) continue;
    const same = normal(c.label) === normal(text) || normal(c.value) === normal(o.value);
    const common = words.filter((w) => theirs.includes(w)).length;
    // The share of the option's words the choice has, then (Jaccard) the closer choice: so
    // "Commercial" prefers "Commercial" to "Commercial and residential".
    const score = same ? 2 : common && common / words.length + 0.1 * (common / new Set([...words, ...theirs]).size);
    if (score > 0 && (!best || score > best.score)) best = { score, choice: c };
  }
  return best && best.score >= 0.3 ? best.choice : undefined;
}

const normal = (s: string) => wordsOf(s).join(' ');

/** How much of `a` lies inside `b` (0 to 1); open-ended ranges count from their start. */
function rangeOverlap(a: NumberRange, b: NumberRange): number {
  const lo = Math.max(a.min, b.min);
  const hi = Math.min(a.max, b.max);
  if (hi < lo) return 0;
  const span = (r: NumberRange) => (Number.isFinite(r.max) ? r.max - r.min + 1 : 1000);
  return (Number.isFinite(hi) ? hi - lo + 1 : 1000) / span(a);
}

/**
 * Rules for a free-text field answering a question with options: number ranges when every option
 * is one ("11-50"), else "contains" the option's value word ("commercial"), for the marketer to
 * check: the first rule that matches wins.
 */
function rulesFor(choices: readonly QuestionOption[]): TextRule[] {
  const ranges = choices.map((c) => rangeOf(c.label) ?? rangeOf(c.value));
  if (ranges.every((r) => r !== null))
    return choices.map((c, i) => {
      const r = ranges[i]!;
      return { op: 'range', ...(r.min > 0 ? { min: r.min } : {}), ...(Number.isFinite(r.max) ? { max: r.max } : {}), answer: c.value };
    });
  return choices.map((c) => ({ op: 'contains', text: wordsOf(c.value).join(' ') || c.label, answer: c.value }));
}
