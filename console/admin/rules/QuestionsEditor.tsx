// The must-have questions: 2 to 4 (warned past 4), their types and options, and which answers
// rule a lead out, with the reason reps read.
import { Checkbox, Input, Select } from '../ui/fields';
import { blankOption, blankQuestion, slug, type FieldErrors, type OptionForm, type QuestionForm } from './form';
import { fieldId, move, removeAt, replaceAt } from './list-ops';
import { RowTools } from './RowTools';

/** DOMAIN.md: ask only must-haves; every extra question loses visitors. */
const MAX_ADVISED = 4;
const MIN_ADVISED = 2;

interface Props {
  questions: QuestionForm[];
  errors: FieldErrors;
  onChange: (questions: QuestionForm[]) => void;
}

const TYPES = [
  { value: 'single', label: 'One choice' },
  { value: 'text', label: 'Free text' },
] as const;

const STAGES = [
  { value: 'disqualified', label: 'Disqualified' },
  { value: 'suspect', label: 'Suspect (never route again)' },
] as const;

export function QuestionsEditor({ questions, errors, onChange }: Props) {
  const set = (i: number, q: QuestionForm) => onChange(replaceAt(questions, i, q));
  return (
    <section class="panel editor-section" id={fieldId('questions')} aria-labelledby="questions-heading">
      <div class="section-head">
        <h2 id="questions-heading">Must-have questions</h2>
        <span class="count">{questions.length}</span>
      </div>
      <p class="section-intro muted">
        What sales needs answered before a call. Visitors answer them in the widget; an answer that disqualifies rules the lead out whatever else is true.
      </p>
      {errors.questions && <p class="field-error">{errors.questions}</p>}
      {questions.length > MAX_ADVISED && (
        <p class="warning" role="status">
          {questions.length} questions: ask at most {MAX_ADVISED}. Every question past the must-haves loses visitors.
        </p>
      )}
      {questions.length < MIN_ADVISED && (
        <p class="warning" role="status">
          Sales usually needs {MIN_ADVISED} to {MAX_ADVISED} must-haves to qualify a lead.
        </p>
      )}
      <ol class="rule-list">
        {questions.map((q, i) => (
          <li key={q.key} class="rule-card">
            <QuestionCard
              question={q}
              index={i}
              count={questions.length}
              errors={errors}
              onChange={(next) => set(i, next)}
              onMove={(by) => onChange(move(questions, i, by))}
              onRemove={() => onChange(removeAt(questions, i))}
            />
          </li>
        ))}
      </ol>
      <button type="button" class="btn" onClick={() => onChange([...questions, blankQuestion(questions.map((q) => q.id))])}>
        Add a question
      </button>
    </section>
  );
}

interface CardProps {
  question: QuestionForm;
  index: number;
  count: number;
  errors: FieldErrors;
  onChange: (q: QuestionForm) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

function QuestionCard({ question: q, index: i, count, errors, onChange, onMove, onRemove }: CardProps) {
  const at = `questions.${i}`;
  const err = (field: string) => errors[`${at}.${field}`];
  const setOption = (oi: number, o: OptionForm) => onChange({ ...q, options: replaceAt(q.options, oi, o) });
  return (
    <>
      <div class="rule-card-head">
        <h3>Question {i + 1}</h3>
        <RowTools name={`question ${i + 1}`} index={i} count={count} onMove={onMove} onRemove={onRemove} />
      </div>
      <div class="grid-fields">
        <Input
          id={fieldId(`${at}.label`)}
          class="span-2"
          label="Question"
          value={q.label}
          error={err('label')}
          onValue={(label) => onChange({ ...q, label })}
        />
        <Select
          id={fieldId(`${at}.type`)}
          label="Answer type"
          value={q.type}
          options={TYPES}
          error={err('type')}
          onValue={(type) => onChange({ ...q, type })}
        />
        <Input
          id={fieldId(`${at}.id`)}
          label="Answer id"
          hint="Answers are stored under it: keep it when rewording."
          value={q.id}
          error={err('id')}
          onValue={(id) => onChange({ ...q, id })}
        />
      </div>
      {q.type === 'single' && (
        <fieldset class="options" id={fieldId(`${at}.options`)}>
          <legend>Options</legend>
          {err('options') && <p class="field-error">{err('options')}</p>}
          <ol class="option-list">
            {q.options.map((o, oi) => (
              <li key={o.key} class={`option-row${o.disqualify ? ' option-disqualifies' : ''}`}>
                <OptionRow at={`${at}.options.${oi}`} option={o} number={oi + 1} errors={errors} onChange={(next) => setOption(oi, next)} />
                <RowTools
                  name={`option ${oi + 1} of question ${i + 1}`}
                  index={oi}
                  count={q.options.length}
                  onRemove={() => onChange({ ...q, options: removeAt(q.options, oi) })}
                />
              </li>
            ))}
          </ol>
          <button type="button" class="btn btn-small" onClick={() => onChange({ ...q, options: [...q.options, blankOption()] })}>
            Add an option
          </button>
        </fieldset>
      )}
    </>
  );
}

interface OptionProps {
  at: string;
  option: OptionForm;
  number: number;
  errors: FieldErrors;
  onChange: (o: OptionForm) => void;
}

function OptionRow({ at, option: o, number, errors, onChange }: OptionProps) {
  const err = (field: string) => errors[`${at}.${field}`];
  // A new option's stored value follows its label until someone edits the value itself.
  const setLabel = (label: string) => onChange({ ...o, label, value: o.value === '' || o.value === slug(o.label) ? slug(label) : o.value });
  return (
    <div class={`grid-fields option-fields${o.disqualify ? ' option-fields-dq' : ''}`}>
      <Input id={fieldId(`${at}.label`)} class="of-label" label={`Option ${number}`} value={o.label} error={err('label')} onValue={setLabel} />
      <Input
        id={fieldId(`${at}.value`)}
        class="of-value"
        label="Stored as"
        value={o.value}
        error={err('value')}
        onValue={(value) => onChange({ ...o, value })}
      />
      {!o.disqualify && (
        <Input
          id={fieldId(`${at}.points`)}
          class="of-points"
          label="Fit points"
          type="number"
          inputMode="numeric"
          value={o.points}
          error={err('points')}
          onValue={(points) => onChange({ ...o, points })}
        />
      )}
      <Checkbox
        id={fieldId(`${at}.disqualify`)}
        class="of-check"
        label="Disqualifies"
        checked={o.disqualify}
        error={err('disqualify')}
        onChecked={(disqualify) => onChange({ ...o, disqualify })}
      />
      {o.disqualify && (
        <>
          <Input
            id={fieldId(`${at}.disqualify.reason`)}
            class="of-reason"
            label="Reason reps see"
            value={o.reason}
            error={err('disqualify.reason')}
            onValue={(reason) => onChange({ ...o, reason })}
          />
          <Select
            id={fieldId(`${at}.disqualify.stage`)}
            class="of-stage"
            label="Sends them to"
            value={o.stage}
            options={STAGES}
            onValue={(stage) => onChange({ ...o, stage })}
          />
        </>
      )}
    </div>
  );
}
