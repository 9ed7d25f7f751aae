// Fit rules on traits and answers: earn (or cost) points, or rule the lead out with a reason.
import { Input, Select } from '../ui/fields';
import { blankFit, type FieldErrors, type FitEffect, type FitForm } from './form';
import { fieldId, removeAt, replaceAt } from './list-ops';
import { RowTools } from './RowTools';

const OPS = [
  { value: 'equals', label: 'is' },
  { value: 'in', label: 'is one of' },
  { value: 'contains', label: 'contains' },
  { value: 'gte', label: 'is at least' },
  { value: 'lte', label: 'is at most' },
] as const;

const EFFECTS: ReadonlyArray<{ value: FitEffect; label: string }> = [
  { value: 'points', label: 'Add points' },
  { value: 'disqualified', label: 'Disqualify' },
  { value: 'suspect', label: 'Suspect (never route)' },
];

/** Traits the engine knows besides any identify trait (shared/qualify/fit.ts). */
const KNOWN_TRAITS = ['emailDomain', 'companySize', 'country', 'jobTitle', 'industry'];

interface Props {
  rules: FitForm[];
  questionIds: string[];
  errors: FieldErrors;
  onChange: (rules: FitForm[]) => void;
}

export function FitEditor({ rules, questionIds, errors, onChange }: Props) {
  return (
    <section class="panel editor-section" id={fieldId('fit')} aria-labelledby="fit-heading">
      <div class="section-head">
        <h2 id="fit-heading">Fit rules</h2>
        <span class="count">{rules.length}</span>
      </div>
      <p class="section-intro muted">
        Checks on what we know about a person (traits from an identify call, or answers as <code>answer:&lt;id&gt;</code>): a competitor&rsquo;s email domain, a
        free-mail address, company size.
      </p>
      {errors.fit && <p class="field-error">{errors.fit}</p>}
      <datalist id="fit-traits">
        {[...KNOWN_TRAITS, ...questionIds.map((id) => `answer:${id}`)].map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <ol class="rule-list">
        {rules.map((r, i) => (
          <li key={r.key} class="rule-card">
            <div class="rule-card-head">
              <h3>{r.label || `Fit rule ${i + 1}`}</h3>
              <RowTools name={`fit rule ${i + 1}`} index={i} count={rules.length} onRemove={() => onChange(removeAt(rules, i))} />
            </div>
            <FitFields at={`fit.${i}`} rule={r} errors={errors} onChange={(next) => onChange(replaceAt(rules, i, next))} />
          </li>
        ))}
      </ol>
      {rules.length === 0 && <p class="muted empty-note">No fit rules: only the must-have answers decide fit.</p>}
      <button type="button" class="btn" onClick={() => onChange([...rules, blankFit(rules.map((r) => r.id))])}>
        Add a fit rule
      </button>
    </section>
  );
}

function FitFields({ at, rule: r, errors, onChange }: { at: string; rule: FitForm; errors: FieldErrors; onChange: (r: FitForm) => void }) {
  const err = (field: string) => errors[`${at}.${field}`];
  return (
    <div class="grid-fields">
      <Input
        id={fieldId(`${at}.label`)}
        class="span-2"
        label="Label (shown as the reason)"
        value={r.label}
        error={err('label')}
        onValue={(label) => onChange({ ...r, label })}
      />
      <div class="field">
        <label for={fieldId(`${at}.trait`)}>Trait</label>
        <input
          id={fieldId(`${at}.trait`)}
          list="fit-traits"
          value={r.trait}
          aria-invalid={err('trait') ? true : undefined}
          aria-describedby={err('trait') ? `${fieldId(`${at}.trait`)}-error` : undefined}
          onInput={(e) => onChange({ ...r, trait: e.currentTarget.value })}
        />
        {err('trait') && (
          <p class="field-error" id={`${fieldId(`${at}.trait`)}-error`}>
            {err('trait')}
          </p>
        )}
      </div>
      <Select id={fieldId(`${at}.op`)} label="Test" value={r.op} options={OPS} error={err('op')} onValue={(op) => onChange({ ...r, op })} />
      <Input
        id={fieldId(`${at}.value`)}
        class="span-2"
        label="Value"
        hint={r.op === 'in' ? 'Separate values with commas' : undefined}
        value={r.value}
        error={err('value')}
        onValue={(value) => onChange({ ...r, value })}
      />
      <Select id={fieldId(`${at}.effect`)} label="Then" value={r.effect} options={EFFECTS} onValue={(effect) => onChange({ ...r, effect })} />
      {r.effect === 'points' ? (
        <Input
          id={fieldId(`${at}.points`)}
          label="Points"
          type="number"
          inputMode="numeric"
          value={r.points}
          error={err('points')}
          onValue={(points) => onChange({ ...r, points })}
        />
      ) : (
        <Input
          id={fieldId(`${at}.disqualify.reason`)}
          class="span-2"
          label="Reason reps see"
          value={r.reason}
          error={err('disqualify.reason')}
          onValue={(reason) => onChange({ ...r, reason })}
        />
      )}
      <Input id={fieldId(`${at}.id`)} label="Rule id" value={r.id} error={err('id')} onValue={(id) => onChange({ ...r, id })} />
    </div>
  );
}
