// Rule conditions as the editor holds them (text fields, picked answers) and back to what the
// server takes. Answer conditions name a question of the site's published rules by its id and
// its answers by their values; people see and pick the labels.
import type { Condition, Question } from '../types';

export type ConditionField = Condition['field'];

export const FIELD_OPTIONS: ReadonlyArray<{ value: ConditionField; label: string }> = [
  { value: 'answer', label: 'Answer to a question' },
  { value: 'company_size', label: 'Company size (employees)' },
  { value: 'score', label: 'Score' },
  { value: 'country', label: 'Country' },
  { value: 'source', label: 'Source' },
  { value: 'utm_source', label: 'UTM source' },
  { value: 'utm_medium', label: 'UTM medium' },
  { value: 'utm_campaign', label: 'UTM campaign' },
  { value: 'page', label: 'Page URL' },
  { value: 'email_domain', label: 'Email domain' },
  { value: 'trait', label: 'Trait' },
];

type Kind = 'keyed' | 'list' | 'page' | 'number';

export function kindOf(field: ConditionField): Kind {
  if (field === 'answer' || field === 'trait') return 'keyed';
  if (field === 'page') return 'page';
  if (field === 'score' || field === 'company_size') return 'number';
  return 'list';
}

export const OPS: Record<Kind, ReadonlyArray<{ value: string; label: string }>> = {
  keyed: [
    { value: 'in', label: 'is one of' },
    { value: 'not_in', label: 'is none of' },
  ],
  list: [
    { value: 'in', label: 'is one of' },
    { value: 'not_in', label: 'is none of' },
  ],
  page: [
    { value: 'contains', label: 'contains' },
    { value: 'not_contains', label: 'does not contain' },
  ],
  number: [
    { value: 'gte', label: 'at least' },
    { value: 'lt', label: 'less than' },
  ],
};

export interface ConditionDraft {
  field: ConditionField;
  /** The question id (answer) or trait name. */
  key: string;
  op: string;
  /** Comma-separated values, or the number (open-ended fields and free-text questions). */
  text: string;
  /** Answers picked from a choice question's options: their values. */
  picked: string[];
}

/** A question's answers are picked from its options, unless it takes free text. */
export function picksAnswers(d: Pick<ConditionDraft, 'field' | 'key'>, questions: readonly Question[]): boolean {
  return d.field === 'answer' && questions.find((q) => q.id === d.key)?.type !== 'text';
}

/** A new condition: on the first published question, when there is one. */
export function newCondition(questions: readonly Question[]): ConditionDraft {
  return { field: 'answer', key: questions[0]?.id ?? '', op: 'in', text: '', picked: [] };
}

export function draftOf(c: Condition): ConditionDraft {
  const values = 'values' in c ? c.values : [];
  return { field: c.field, key: 'key' in c ? c.key : '', op: c.op, text: 'values' in c ? values.join(', ') : String(c.value), picked: [...values] };
}

/** Keeps the op valid when the field changes kind; a new field starts with its own key. */
export function withField(d: ConditionDraft, field: ConditionField, questions: readonly Question[]): ConditionDraft {
  const ops = OPS[kindOf(field)];
  const key = field === d.field ? d.key : field === 'answer' ? (questions[0]?.id ?? '') : '';
  return { ...d, field, key, picked: [], op: ops.some((o) => o.value === d.op) ? d.op : ops[0]!.value };
}

/** The body the server validates; bad numbers stay as text so the server names the field. */
export function conditionOf(d: ConditionDraft, questions: readonly Question[]): Condition {
  const values = picksAnswers(d, questions)
    ? d.picked
    : d.text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  const kind = kindOf(d.field);
  if (kind === 'number') {
    const n = d.text.trim() === '' ? Number.NaN : Number(d.text);
    return { field: d.field, op: d.op, value: Number.isFinite(n) ? n : d.text } as Condition;
  }
  if (kind === 'keyed') return { field: d.field, key: d.key.trim(), op: d.op, values } as Condition;
  return { field: d.field, op: d.op, values } as Condition;
}

/** `“How many employees?” is one of 201 or more` for the rule list: labels, not ids. */
export function conditionText(c: Condition, questions: readonly Question[]): string {
  const label = FIELD_OPTIONS.find((f) => f.value === c.field)?.label ?? c.field;
  const op = OPS[kindOf(c.field)].find((o) => o.value === c.op)?.label ?? c.op;
  if (c.field === 'answer') {
    const q = questions.find((x) => x.id === c.key);
    const answers = c.values.map((v) => q?.options?.find((o) => o.value.toLowerCase() === v.toLowerCase())?.label ?? (q?.type === 'text' ? v : `“${v}”`));
    const subject = q ? `Answer to “${q.label}”` : `Answer to “${c.key}” (no longer asked)`;
    return `${subject} ${op} ${answers.join(', ')}`;
  }
  const subject = c.field === 'trait' ? `Trait “${c.key}”` : label;
  return `${subject} ${op} ${'values' in c ? c.values.join(', ') : c.value}`;
}
