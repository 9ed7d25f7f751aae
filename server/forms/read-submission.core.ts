// What a submission of a mapped form says, in Sixty's terms: the contact traits and the answers
// to the site's must-have questions, from the values of the fields the mapping reads. Raw values
// stop here: only these answers (question option values, or a text question's text) are stored.
import type { FieldTarget, FormMapping, TextRule } from '../../shared/forms';
import type { Question } from '../../shared/site-rules';
import { firstNumber } from './form-words';

export interface ReadSubmission {
  name: string;
  phone: string;
  email: string;
  company: string;
  /** By question id; a question no field answered (or no rule matched) is absent. */
  answers: Record<string, string>;
}

/** Longest text answer kept, as the callback schema keeps. */
const MAX_TEXT_ANSWER = 500;

export function readSubmission(mapping: FormMapping, questions: readonly Question[], fields: Readonly<Record<string, string>>): ReadSubmission {
  const out: ReadSubmission = { name: '', phone: '', email: '', company: '', answers: {} };
  let first = '';
  let last = '';
  for (const [field, target] of Object.entries(mapping.fields)) {
    const value = (fields[field] ?? '').trim();
    if (!value) continue;
    if (target.kind === 'trait') {
      if (target.trait === 'firstName') first = value;
      else if (target.trait === 'lastName') last = value;
      else if (target.trait === 'name') out.name = value;
      else out[target.trait] = value;
    } else if (target.kind === 'question') {
      const q = questions.find((x) => x.id === target.questionId);
      const answer = q && answerOf(q, target, value);
      // A checkbox group submits several values: the first one that answers counts.
      if (answer && !out.answers[q.id]) out.answers[q.id] = answer;
    }
  }
  if (!out.name) out.name = [first, last].filter(Boolean).join(' ');
  return out;
}

/** The question's answer for what the field held, or undefined when it gives none. */
function answerOf(q: Question, target: Extract<FieldTarget, { kind: 'question' }>, value: string): string | undefined {
  if (q.type === 'text') return value.slice(0, MAX_TEXT_ANSWER);
  const valid = (v: string | undefined) => (v !== undefined && q.options?.some((o) => o.value === v) ? v : undefined);
  // A checkbox group arrives joined by newlines (see the widget's read of a form).
  for (const one of value.split('\n')) {
    const mapped = valid(target.options?.[one]);
    if (mapped) return mapped;
  }
  for (const rule of target.rules ?? []) if (ruleMatches(rule, value)) return valid(rule.answer);
  return undefined;
}

/** Whether a free-text rule matches `value`: no pattern is ever built from what anyone typed. */
export function ruleMatches(rule: TextRule, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (rule.op === 'range') {
    const n = firstNumber(v);
    return n !== null && (rule.min === undefined || n >= rule.min) && (rule.max === undefined || n <= rule.max);
  }
  const text = rule.text.trim().toLowerCase();
  return rule.op === 'equals' ? v === text : v.includes(text);
}
