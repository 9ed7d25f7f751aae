// Thresholds, decay and hand-raise events: when a lead becomes an MQL and when it is hot.
import { Input } from '../ui/fields';
import type { FieldErrors, RulesForm } from './form';
import { fieldId } from './list-ops';

type Scoring = Pick<RulesForm, 'decayHalfLifeDays' | 'mqlThreshold' | 'hotThreshold' | 'handRaiseEvents'>;

interface Props {
  value: Scoring;
  errors: FieldErrors;
  onChange: (patch: Partial<Scoring>) => void;
}

/** A message on any one event of the list (`handRaiseEvents.2`) belongs to the whole field. */
function listError(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}.`))?.[1];
}

export function ScoringEditor({ value, errors, onChange }: Props) {
  return (
    <section class="panel editor-section" id="r-scoring" aria-labelledby="scoring-heading">
      <h2 id="scoring-heading">Thresholds and hand-raises</h2>
      <p class="section-intro muted">
        MQL: fit passes and the score reaches the MQL threshold (or a hand-raise). Hot: fit passes and a hand-raise, or the score reaches the hot threshold.
        Only hot MQLs are pushed to reps.
      </p>
      <div class="grid-fields">
        <Input
          id={fieldId('mqlThreshold')}
          label="MQL threshold"
          type="number"
          inputMode="numeric"
          min={0}
          value={value.mqlThreshold}
          error={errors.mqlThreshold}
          onValue={(mqlThreshold) => onChange({ mqlThreshold })}
        />
        <Input
          id={fieldId('hotThreshold')}
          label="Hot threshold"
          type="number"
          inputMode="numeric"
          min={0}
          value={value.hotThreshold}
          error={errors.hotThreshold}
          onValue={(hotThreshold) => onChange({ hotThreshold })}
        />
        <Input
          id={fieldId('decayHalfLifeDays')}
          label="Decay half-life (days)"
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          placeholder="No decay"
          hint="Behaviour points halve every this many days."
          value={value.decayHalfLifeDays}
          error={errors.decayHalfLifeDays}
          onValue={(decayHalfLifeDays) => onChange({ decayHalfLifeDays })}
        />
        <Input
          id={fieldId('handRaiseEvents')}
          class="span-2"
          label="Hand-raise events"
          hint="Event names that count like a callback request, separated by commas (demo_request, quote_request)."
          value={value.handRaiseEvents}
          error={listError(errors, 'handRaiseEvents')}
          onValue={(handRaiseEvents) => onChange({ handRaiseEvents })}
        />
      </div>
    </section>
  );
}
