// Rule conditions as the editor holds them (text fields) and back to what the server takes.
import type { Condition } from '../types';

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
  key: string;
  op: string;
  /** Comma-separated values, or the number. */
  text: string;
}

export function draftOf(c: Condition): ConditionDraft {
  return { field: c.field, key: 'key' in c ? c.key : '', op: c.op, text: 'values' in c ? c.values.join(', ') : String(c.value) };
}

/** Keeps the op valid when the field changes kind. */
export function withField(d: ConditionDraft, field: ConditionField): ConditionDraft {
  const ops = OPS[kindOf(field)];
  return { ...d, field, op: ops.some((o) => o.value === d.op) ? d.op : ops[0]!.value };
}

/** The body the server validates; bad numbers stay as text so the server names the field. */
export function conditionOf(d: ConditionDraft): Condition {
  const values = d.text
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

/** "Answer projects is one of commercial" for the rule list. */
export function conditionText(c: Condition): string {
  const label = FIELD_OPTIONS.find((f) => f.value === c.field)?.label ?? c.field;
  const op = OPS[kindOf(c.field)].find((o) => o.value === c.op)?.label ?? c.op;
  const subject = 'key' in c ? `${c.field === 'answer' ? 'Answer' : 'Trait'} “${c.key}”` : label;
  return `${subject} ${op} ${'values' in c ? c.values.join(', ') : c.value}`;
}
