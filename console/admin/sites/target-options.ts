// The choices of the "Goes to" select of a form field: leave it alone, a contact trait, or a
// must-have question; encoded as one string per choice for a native <select>.
import type { ContactTrait, FieldTarget } from '../../../shared/forms';
import type { Question } from '../../../shared/site-rules';

export const TRAIT_LABELS: Record<ContactTrait, string> = {
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
};

export function targetChoices(questions: readonly Question[]): Array<{ value: string; label: string }> {
  return [
    { value: 'ignore', label: 'Not read' },
    ...(Object.keys(TRAIT_LABELS) as ContactTrait[]).map((t) => ({ value: `trait:${t}`, label: `Contact: ${TRAIT_LABELS[t]}` })),
    ...questions.map((q) => ({ value: `question:${q.id}`, label: `Question: ${q.label}` })),
  ];
}

export const targetValue = (t: FieldTarget | undefined): string =>
  !t || t.kind === 'ignore' ? 'ignore' : t.kind === 'trait' ? `trait:${t.trait}` : `question:${t.questionId}`;

/** The target a choice stands for, keeping the option map or rules when the question stays. */
export function targetOf(value: string, before: FieldTarget | undefined): FieldTarget {
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === 'trait') return { kind: 'trait', trait: id as ContactTrait };
  if (kind === 'question') return before && before.kind === 'question' && before.questionId === id ? before : { kind: 'question', questionId: id };
  return { kind: 'ignore' };
}
