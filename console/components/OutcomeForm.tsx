// Log what happened on the call: a call result (connected, no answer...) or a stage decision
// (SQL with the four sales questions, opportunity, nurture / disqualified / suspect with a reason).
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Outcome } from '../../shared/outcomes';
import { OUTCOMES } from '../../shared/outcomes';
import { ApiFailure, messageOf } from '../api';
import { formatWhenPrecise } from '../format';
import { focusFirstInvalid } from '../focus';
import { OUTCOME_LABELS, outcomeNeedsReason } from '../outcomes';
import { queueApi, type FullLeadCard, type SalesQualification } from '../hooks/queue-api';
import { EMPTY_QUALIFICATION, SALES_QUESTIONS, SalesQuestions } from './SalesQuestions';
import { TextField } from './TextField';

interface Props {
  lead: FullLeadCard;
  onSaved: (lead: FullLeadCard) => void;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number };

/** What happened on this attempt; the lead keeps its stage. */
const CALL_RESULTS: readonly Outcome[] = ['connected', 'no_answer', 'voicemail', 'wrong_number'];
const STAGE_DECISIONS = OUTCOMES.filter((o) => !CALL_RESULTS.includes(o));

/** Common reasons offered as suggestions; the rep can type anything. */
const REASON_SUGGESTIONS: Partial<Record<Outcome, readonly string[]>> = {
  nurture: ['Not ready yet', 'No budget this year', 'Just researching', 'Call back next quarter'],
  disqualified: ['Residential only', 'Too small', 'Outside our region', 'Wrong segment'],
  suspect: ['Competitor', 'Student', 'Researcher', 'Spam or fake details'],
};

const OUTCOME_HINTS: Partial<Record<Outcome, string>> = {
  nurture: 'Returns the lead to marketing.',
  suspect: 'Never routed again.',
  opportunity: 'A deal is being worked.',
};

export function OutcomeForm({ lead, onSaved }: Props) {
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [sales, setSales] = useState<SalesQualification>(lead.qualificationAnswers ?? EMPTY_QUALIFICATION);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const needsReason = outcome !== '' && outcomeNeedsReason(outcome);
  const isSql = outcome === 'sql';

  const edited = <T,>(set: (v: T) => void) => (value: T) => {
    set(value);
    if (status.kind === 'saved') setStatus({ kind: 'idle' });
  };

  const check = (): Record<string, string> => {
    const invalid: Record<string, string> = {};
    if (outcome === '') invalid.outcome = 'Pick an outcome';
    if (needsReason && !reason.trim()) invalid.reason = `A reason is required for ${OUTCOME_LABELS[outcome as Outcome].toLowerCase()}`;
    if (isSql) for (const q of SALES_QUESTIONS) if (!sales[q.key].trim()) invalid[`qualification.${q.key}`] = `Answer "${q.label}" to mark SQL`;
    return invalid;
  };

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const invalid = check();
    setFields(invalid);
    setError('');
    if (outcome === '' || Object.keys(invalid).length) return focusFirstInvalid(form);
    setStatus({ kind: 'saving' });
    try {
      const trimmed = Object.fromEntries(Object.entries(sales).map(([k, v]) => [k, v.trim()])) as unknown as SalesQualification;
      const saved = await queueApi.logOutcome(lead.id, {
        outcome,
        reason: needsReason ? reason.trim() : reason.trim() || undefined,
        notes: notes.trim() || undefined,
        qualification: isSql ? trimmed : undefined,
      });
      setStatus({ kind: 'saved', at: Date.now() });
      setNotes('');
      onSaved(saved);
    } catch (err) {
      setStatus({ kind: 'idle' });
      if (err instanceof ApiFailure && Object.keys(err.fields).length) {
        setFields(err.fields);
        focusFirstInvalid(form);
      } else setError(messageOf(err));
    }
  };

  const groupError = fields.outcome;
  const choice = (value: Outcome) => (
    <label key={value} class="choice">
      <input
        type="radio"
        name="outcome"
        value={value}
        checked={outcome === value}
        aria-invalid={groupError ? true : undefined}
        onChange={() => edited(setOutcome)(value)}
      />
      <span>{OUTCOME_LABELS[value]}</span>
    </label>
  );
  const suggestions = outcome ? REASON_SUGGESTIONS[outcome] : undefined;

  return (
    <form class="outcome stack" onSubmit={submit} noValidate>
      {lead.outcome && (
        <p class="outcome-last">
          Last logged: <strong>{OUTCOME_LABELS[lead.outcome]}</strong>
        </p>
      )}
      <fieldset aria-describedby={groupError ? 'outcome-error' : undefined}>
        <legend>Outcome</legend>
        <p class="outcome-group-label" id="outcome-call-label">
          The call
        </p>
        <div class="outcome-options" role="group" aria-labelledby="outcome-call-label">
          {CALL_RESULTS.map(choice)}
        </div>
        <p class="outcome-group-label" id="outcome-stage-label">
          The lead
        </p>
        <div class="outcome-options" role="group" aria-labelledby="outcome-stage-label">
          {STAGE_DECISIONS.map(choice)}
        </div>
        {groupError && (
          <p class="field-error" id="outcome-error">
            {groupError}
          </p>
        )}
        {outcome && OUTCOME_HINTS[outcome] && <p class="field-hint">{OUTCOME_HINTS[outcome]}</p>}
      </fieldset>
      {isSql && <SalesQuestions value={sales} errors={fields} onChange={edited(setSales)} />}
      {fields.qualification && !isSql && <p class="field-error">{fields.qualification}</p>}
      {!isSql && (
        <div class="outcome-reason">
          <TextField
            id="outcome-reason"
            label={needsReason ? 'Reason' : 'Reason (optional)'}
            hint={needsReason && !fields.reason ? 'Required: it is kept with the stage change.' : undefined}
            value={reason}
            onValue={edited(setReason)}
            error={fields.reason}
            required={needsReason}
            list={suggestions ? 'outcome-reason-suggestions' : undefined}
          />
          {suggestions && (
            <datalist id="outcome-reason-suggestions">
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </div>
      )}
      <TextField id="outcome-notes" label="Call notes (optional)" value={notes} onValue={edited(setNotes)} error={fields.notes} multiline />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="outcome-actions">
        <button type="submit" class="btn btn-primary" disabled={status.kind === 'saving'}>
          {status.kind === 'saving' ? 'Saving…' : 'Save outcome'}
        </button>
        <p class="saved" role="status">
          {status.kind === 'saved' && `Saved at ${formatWhenPrecise(status.at, status.at)}`}
        </p>
      </div>
    </form>
  );
}
