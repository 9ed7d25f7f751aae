// One field of a host form in the mapping editor: what Sixty saw (label, name, type), where its
// value goes, and for a question with options either the form's options mapped one by one or,
// for free text, the rules that turn what was typed into an answer.
import type { FieldTarget, FormFieldShape, TextRule } from '../../../shared/forms';
import type { Question } from '../../../shared/site-rules';
import { Input, Select } from '../ui/fields';
import { targetChoices, targetOf, targetValue } from './target-options';

interface Props {
  /** Unique prefix for the controls' ids. */
  id: string;
  field: FormFieldShape;
  target: FieldTarget | undefined;
  questions: readonly Question[];
  error?: string | undefined;
  onTarget(t: FieldTarget): void;
}

const RULE_OPS = [
  { value: 'contains', label: 'contains' },
  { value: 'equals', label: 'is exactly' },
  { value: 'range', label: 'is a number between' },
] as const;

export function FieldMappingRow({ id, field, target, questions, error, onTarget }: Props) {
  const question = target?.kind === 'question' ? questions.find((q) => q.id === target.questionId) : undefined;
  const answers = [{ value: '', label: 'No answer' }, ...(question?.options ?? []).map((o) => ({ value: o.value, label: o.label }))];
  const q = target?.kind === 'question' ? target : null;
  const setRules = (rules: TextRule[]) => q && onTarget({ ...q, rules });
  // An option with an empty value is the select's prompt ("Company size"): it submits nothing.
  const choices = (field.options ?? []).filter((o) => o.value !== '');
  return (
    <li class="form-field-row">
      <div class="form-field-seen">
        <strong>{field.label || field.name}</strong>
        <span class="muted">
          {' '}
          <code>{field.name}</code> · {field.type}
          {field.autocomplete ? ` · autocomplete ${field.autocomplete}` : ''}
        </span>
      </div>
      <Select
        id={`${id}-target`}
        label={`Where “${field.label || field.name}” goes`}
        value={targetValue(target)}
        options={targetChoices(questions)}
        error={error}
        onValue={(v) => onTarget(targetOf(v, target))}
      />
      {q && question?.type === 'single' && choices.length > 0 && (
        <fieldset class="form-option-map">
          <legend>Each option’s answer to “{question.label}”</legend>
          {choices.map((o, i) => (
            <Select
              key={o.value}
              id={`${id}-option-${i}`}
              label={o.label || o.value || '(empty)'}
              value={q.options?.[o.value] ?? ''}
              options={answers}
              onValue={(v) => {
                const options = { ...q.options };
                if (v) options[o.value] = v;
                else delete options[o.value];
                onTarget({ ...q, options });
              }}
            />
          ))}
        </fieldset>
      )}
      {q && question?.type === 'single' && !field.options?.length && (
        <fieldset class="form-rules">
          <legend>Rules for what visitors type (the first that matches answers “{question.label}”)</legend>
          <ol>
            {(q.rules ?? []).map((r, i) => (
              <li key={i} class="form-rule">
                <Select
                  id={`${id}-rule-${i}-op`}
                  label="When the text"
                  value={r.op}
                  options={RULE_OPS}
                  onValue={(op) =>
                    setRules(
                      (q.rules ?? []).map((x, j) =>
                        j !== i ? x : op === 'range' ? { op, answer: x.answer } : { op, text: x.op === 'range' ? '' : x.text, answer: x.answer },
                      ),
                    )
                  }
                />
                {r.op === 'range' ? (
                  <>
                    <Input
                      id={`${id}-rule-${i}-min`}
                      label="From"
                      type="number"
                      inputMode="numeric"
                      value={r.min === undefined ? '' : String(r.min)}
                      onValue={(v) => setRules(edit(q.rules!, i, { ...r, min: num(v) }))}
                    />
                    <Input
                      id={`${id}-rule-${i}-max`}
                      label="To"
                      type="number"
                      inputMode="numeric"
                      value={r.max === undefined ? '' : String(r.max)}
                      onValue={(v) => setRules(edit(q.rules!, i, { ...r, max: num(v) }))}
                    />
                  </>
                ) : (
                  <Input id={`${id}-rule-${i}-text`} label="Text" value={r.text} onValue={(text) => setRules(edit(q.rules!, i, { ...r, text }))} />
                )}
                <Select
                  id={`${id}-rule-${i}-answer`}
                  label="Answer"
                  value={r.answer}
                  options={answers.slice(1)}
                  onValue={(answer) => setRules(edit(q.rules!, i, { ...r, answer }))}
                />
                <button
                  type="button"
                  class="btn btn-ghost btn-small btn-remove"
                  aria-label={`Remove rule ${i + 1} of ${field.label || field.name}`}
                  onClick={() => setRules(q.rules!.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            class="btn btn-small"
            onClick={() => setRules([...(q.rules ?? []), { op: 'contains', text: '', answer: question.options?.[0]?.value ?? '' }])}
          >
            Add a rule
          </button>
        </fieldset>
      )}
    </li>
  );
}

const num = (v: string): number | undefined => (v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

function edit(rules: TextRule[], i: number, rule: TextRule): TextRule[] {
  // An emptied bound is dropped, not sent as undefined.
  const clean = { ...rule } as Record<string, unknown>;
  for (const k of Object.keys(clean)) if (clean[k] === undefined) delete clean[k];
  return rules.map((x, j) => (j === i ? (clean as TextRule) : x));
}
