// An answer condition's question and answers, picked from the site's published rules: people
// see the labels, the rule stores the ids and values. A question or answer the rules no longer
// have stays visible (and removable) so editing a rule never drops it silently.
import type { JSX } from 'preact';
import { Select } from '../ui/fields';
import type { Question } from '../types';

interface QuestionProps {
  id: string;
  label: string;
  value: string;
  questions: readonly Question[];
  error?: string;
  onValue: (questionId: string) => void;
}

export function QuestionSelect({ id, label, value, questions, error, onValue }: QuestionProps) {
  const options = questions.map((q) => ({ value: q.id, label: q.label }));
  if (value && !questions.some((q) => q.id === value)) options.push({ value, label: `${value} (no longer asked)` });
  if (!options.length) options.push({ value: '', label: 'No questions published' });
  return <Select id={id} label={label} value={value} options={options} error={error} onValue={onValue} />;
}

interface PicksProps {
  id: string;
  legend: string;
  question: Question | undefined;
  picked: readonly string[];
  error?: string;
  onPicked: (values: string[]) => void;
}

export function AnswerPicks({ id, legend, question, picked, error, onPicked }: PicksProps) {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const options = question?.options ?? [];
  const strays = picked.filter((v) => !options.some((o) => same(o.value, v)));
  const choices = [
    ...options.map((o) => ({ value: o.value, label: o.disqualify ? `${o.label} (rules the lead out)` : o.label })),
    ...strays.map((v) => ({ value: v, label: `“${v}” (not an option)` })),
  ];
  // The server's "Add at least one value" is about lists in general; here it means a pick.
  const message = error && picked.length === 0 ? 'Pick at least one answer' : error;
  const toggle = (value: string) => (e: JSX.TargetedEvent<HTMLInputElement>) =>
    onPicked(e.currentTarget.checked ? [...picked.filter((v) => !same(v, value)), value] : picked.filter((v) => !same(v, value)));
  return (
    <fieldset class="answer-picks" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {choices.length === 0 && <p class="field-hint">This question has no answers to pick.</p>}
      {choices.map((c, j) => (
        <label key={c.value} for={`${id}-${j}`} class="answer-pick">
          <input
            id={`${id}-${j}`}
            type="checkbox"
            checked={picked.some((v) => same(v, c.value))}
            aria-invalid={error ? true : undefined}
            onChange={toggle(c.value)}
          />
          {c.label}
        </label>
      ))}
      {message && (
        <p class="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </fieldset>
  );
}
