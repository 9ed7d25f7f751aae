// Log what happened on the call; nurture and disqualified need a reason (shared outcome rules).
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { LeadCard } from '../../shared/api';
import type { Outcome } from '../../shared/schemas/console.schema';
import { api, ApiFailure, messageOf } from '../api';
import { formatWhenPrecise } from '../format';
import { OUTCOME_CHOICES, OUTCOME_LABELS, outcomeNeedsReason } from '../outcomes';
import { TextField } from './TextField';
import { focusFirstInvalid } from '../focus';

interface Props {
  lead: LeadCard;
  onSaved: (lead: LeadCard) => void;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number };

export function OutcomeForm({ lead, onSaved }: Props) {
  const [outcome, setOutcome] = useState<Outcome | ''>(lead.outcome ?? '');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const needsReason = outcome !== '' && outcomeNeedsReason(outcome);

  const edited = <T,>(set: (v: T) => void) => (value: T) => {
    set(value);
    if (status.kind === 'saved') setStatus({ kind: 'idle' });
  };

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const invalid: Record<string, string> = {};
    if (outcome === '') invalid.outcome = 'Pick an outcome';
    else if (needsReason && !reason.trim()) invalid.reason = 'A reason is required for nurture and disqualified';
    setFields(invalid);
    setError('');
    if (outcome === '' || Object.keys(invalid).length) return focusFirstInvalid(form);
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.logOutcome(lead.id, {
        outcome,
        reason: reason.trim() || undefined,
        notes: notes.trim() || undefined,
      });
      setStatus({ kind: 'saved', at: Date.now() });
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
  return (
    <form class="outcome stack" onSubmit={submit} noValidate>
      <fieldset aria-describedby={groupError ? 'outcome-error' : undefined}>
        <legend>Outcome</legend>
        <div class="outcome-options">
          {OUTCOME_CHOICES.map((value) => (
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
          ))}
        </div>
        {groupError && (
          <p class="field-error" id="outcome-error">
            {groupError}
          </p>
        )}
      </fieldset>
      <TextField
        id="outcome-reason"
        label="Reason"
        hint={needsReason && !fields.reason ? 'Required for nurture and disqualified.' : undefined}
        value={reason}
        onValue={edited(setReason)}
        error={fields.reason}
        required={needsReason}
      />
      <TextField id="outcome-notes" label="Notes" value={notes} onValue={edited(setNotes)} error={fields.notes} multiline />
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
