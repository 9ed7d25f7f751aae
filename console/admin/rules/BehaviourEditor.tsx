// Behaviour rules: which events earn points, where, how many times, and up to what cap.
import { Input, Select } from '../ui/fields';
import { blankBehaviour, type BehaviourForm, type FieldErrors } from './form';
import { fieldId, removeAt, replaceAt } from './list-ops';
import { RowTools } from './RowTools';

/** Event types the tracker sends (shared/schemas/events.schema.ts; `identify` carries traits, not points). */
const EVENT_TYPES = [
  { value: 'page_view', label: 'Page view' },
  { value: 'engagement', label: 'Engaged time on a page' },
  { value: 'click', label: 'Click' },
  { value: 'download', label: 'Download' },
  { value: 'outbound', label: 'Outbound link' },
  { value: 'form_submit', label: 'Form submitted' },
  { value: 'custom', label: 'Custom event' },
];

const COUNTS = [
  { value: 'each', label: 'Each time' },
  { value: 'once', label: 'Once' },
] as const;

interface Props {
  rules: BehaviourForm[];
  errors: FieldErrors;
  onChange: (rules: BehaviourForm[]) => void;
}

export function BehaviourEditor({ rules, errors, onChange }: Props) {
  return (
    <section class="panel editor-section" id={fieldId('behaviour')} aria-labelledby="behaviour-heading">
      <div class="section-head">
        <h2 id="behaviour-heading">Behaviour points</h2>
        <span class="count">{rules.length}</span>
      </div>
      <p class="section-intro muted">Interest shown on the site: a blog view is worth little, the pricing page a lot. Points fade with the decay below.</p>
      {errors.behaviour && <p class="field-error">{errors.behaviour}</p>}
      <ol class="rule-list">
        {rules.map((r, i) => (
          <li key={r.key} class="rule-card">
            <div class="rule-card-head">
              <h3>{r.label || `Rule ${i + 1}`}</h3>
              <RowTools name={`behaviour rule ${i + 1}`} index={i} count={rules.length} onRemove={() => onChange(removeAt(rules, i))} />
            </div>
            <BehaviourFields at={`behaviour.${i}`} rule={r} errors={errors} onChange={(next) => onChange(replaceAt(rules, i, next))} />
          </li>
        ))}
      </ol>
      <button type="button" class="btn" onClick={() => onChange([...rules, blankBehaviour(rules.map((r) => r.id))])}>
        Add a behaviour rule
      </button>
    </section>
  );
}

function BehaviourFields({ at, rule: r, errors, onChange }: { at: string; rule: BehaviourForm; errors: FieldErrors; onChange: (r: BehaviourForm) => void }) {
  const err = (field: string) => errors[`${at}.${field}`];
  const types = EVENT_TYPES.some((t) => t.value === r.type) ? EVENT_TYPES : [...EVENT_TYPES, { value: r.type, label: r.type }];
  const named = r.type === 'custom' || r.type === 'click' || r.name !== '';
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
      <Select id={fieldId(`${at}.type`)} label="Event" value={r.type} options={types} error={err('type')} onValue={(type) => onChange({ ...r, type })} />
      {named && (
        <Input
          id={fieldId(`${at}.name`)}
          label="Event name"
          placeholder="demo_request"
          value={r.name}
          error={err('name')}
          onValue={(name) => onChange({ ...r, name })}
        />
      )}
      <Input
        id={fieldId(`${at}.urlContains`)}
        label="URL contains"
        placeholder="Any URL"
        value={r.urlContains}
        error={err('urlContains')}
        onValue={(urlContains) => onChange({ ...r, urlContains })}
      />
      <Input
        id={fieldId(`${at}.urlPattern`)}
        label="URL path pattern"
        placeholder="Any path"
        hint="e.g. /blog/*  (* matches anything)"
        value={r.urlPattern}
        error={err('urlPattern')}
        onValue={(urlPattern) => onChange({ ...r, urlPattern })}
      />
      <Input
        id={fieldId(`${at}.points`)}
        label="Points"
        type="number"
        inputMode="numeric"
        min={0}
        value={r.points}
        error={err('points')}
        onValue={(points) => onChange({ ...r, points })}
      />
      <Select id={fieldId(`${at}.count`)} label="Counts" value={r.count} options={COUNTS} error={err('count')} onValue={(count) => onChange({ ...r, count })} />
      <Input
        id={fieldId(`${at}.cap`)}
        label="Cap (most points)"
        type="number"
        inputMode="numeric"
        min={0}
        placeholder="No cap"
        value={r.cap}
        error={err('cap')}
        onValue={(cap) => onChange({ ...r, cap })}
      />
      <Input id={fieldId(`${at}.id`)} label="Rule id" value={r.id} error={err('id')} onValue={(id) => onChange({ ...r, id })} />
    </div>
  );
}
