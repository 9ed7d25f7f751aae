// Log what happened on the call and what it means for the lead, in one save: a call result
// (connected, no answer...) and a stage decision (SQL with the four sales questions, opportunity
// with its value, won with the value prefilled, lost / nurture / disqualified / suspect with a
// reason) are two separate choices. Only what the stage machine allows from the lead's stage is offered.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { isDealDecision, type CallResult, type Outcome, type StageDecision } from '../../shared/outcomes';
import { parseAmount } from '../../shared/money';
import { ApiFailure, messageOf } from '../api';
import { STAGE_LABELS, formatWhenPrecise } from '../format';
import { focusFirstInvalid } from '../focus';
import { OUTCOME_LABELS, formChoices, outcomeNeedsReason } from '../outcomes';
import { queueApi, type FullLeadCard, type SalesQualification } from '../hooks/queue-api';
import { EMPTY_QUALIFICATION, SALES_QUESTIONS, SalesQuestions } from './SalesQuestions';
import { TextField } from './TextField';

interface Props {
  lead: FullLeadCard;
  /** The workspace's currency, for a deal that has none on the card yet. */
  currency: string;
  /** A browser call just ended: logged as connected, this note (its length) in the notes. */
  callNote?: string | null;
  onSaved: (lead: FullLeadCard) => void;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number };

/** Common reasons offered as suggestions; the rep can type anything. */
const REASON_SUGGESTIONS: Partial<Record<Outcome, readonly string[]>> = {
  nurture: ['Not ready yet', 'No budget this year', 'Just researching', 'Call back next quarter'],
  disqualified: ['Residential only', 'Too small', 'Outside our region', 'Wrong segment'],
  suspect: ['Competitor', 'Student', 'Researcher', 'Spam or fake details'],
  lost: ['Went with a competitor', 'Price too high', 'No budget after all', 'No decision (stalled)', 'Timing: not this year'],
};

const OUTCOME_HINTS: Partial<Record<Outcome, string>> = {
  nurture: 'Returns the lead to marketing.',
  suspect: 'Never routed again.',
  opportunity: 'A deal is being worked.',
  won: 'Closes the deal: its value counts as revenue.',
  lost: 'Closes the deal as lost; it can be reopened.',
};

/** What the value field says under each deal decision. */
const VALUE_HINTS: Record<'opportunity' | 'won' | 'lost', string> = {
  opportunity: 'Optional, but Numbers can only report the pipeline and revenue it is told.',
  won: 'The amount won.',
  lost: 'Optional: what the deal was worth.',
};

/** The deal's value as the field shows it. */
const valueText = (lead: FullLeadCard) => (lead.deal?.value === null || lead.deal?.value === undefined ? '' : String(lead.deal.value));

/** The lead group's first choice: log the call only. */
const KEEP = '';

export function OutcomeForm({ lead, currency, callNote, onSaved }: Props) {
  const choices = formChoices(lead.stage);
  const [call, setCall] = useState<CallResult | ''>(callNote ? 'connected' : '');
  const [decision, setDecision] = useState<StageDecision | typeof KEEP>(KEEP);
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState(callNote ?? '');
  const [value, setValue] = useState(valueText(lead));
  const [sales, setSales] = useState<SalesQualification>(lead.qualificationAnswers ?? EMPTY_QUALIFICATION);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const needsReason = decision !== KEEP && outcomeNeedsReason(decision);
  const isSql = decision === 'sql';
  const isDeal = decision !== KEEP && isDealDecision(decision);
  const dealCurrency = lead.deal?.currency ?? currency;

  const edited =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      if (status.kind === 'saved') setStatus({ kind: 'idle' });
    };

  /** An SQL answer typed in: its "answer this" message goes, the others stay until the next save. */
  const answered = (next: SalesQualification) => {
    edited(setSales)(next);
    setFields((f) =>
      Object.fromEntries(Object.entries(f).filter(([k]) => !(k.startsWith('qualification.') && next[k.slice(14) as keyof SalesQualification]?.trim()))),
    );
  };

  const check = (): Record<string, string> => {
    const invalid: Record<string, string> = {};
    if (call === '' && decision === KEEP) invalid.outcome = 'Pick what happened on the call, or a decision about the lead';
    if (needsReason && !reason.trim()) invalid.reason = `A reason is required for ${OUTCOME_LABELS[decision as Outcome].toLowerCase()}`;
    if (isDeal && Number.isNaN(parseAmount(value))) invalid.value = `Enter the value as a number of ${dealCurrency}, such as 12500`;
    if (isSql) for (const q of SALES_QUESTIONS) if (!sales[q.key].trim()) invalid[`qualification.${q.key}`] = `Answer "${q.label}" to mark SQL`;
    return invalid;
  };

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const invalid = check();
    setFields(invalid);
    setError('');
    if (Object.keys(invalid).length) return focusFirstInvalid(form);
    setStatus({ kind: 'saving' });
    try {
      const amount = isDeal ? parseAmount(value) : null;
      const trimmed = Object.fromEntries(Object.entries(sales).map(([k, v]) => [k, v.trim()])) as unknown as SalesQualification;
      // One request: the decision is the outcome and the call rides along with it.
      const saved = await queueApi.logOutcome(lead.id, {
        ...(decision !== KEEP ? { outcome: decision, call: call || undefined } : { outcome: call as CallResult }),
        reason: reason.trim() || undefined,
        notes: notes.trim() || undefined,
        qualification: isSql ? trimmed : undefined,
        value: amount ?? undefined,
      });
      setStatus({ kind: 'saved', at: Date.now() });
      setCall('');
      setDecision(KEEP);
      setReason('');
      setNotes('');
      setValue(valueText(saved));
      onSaved(saved);
    } catch (err) {
      setStatus({ kind: 'idle' });
      if (err instanceof ApiFailure && Object.keys(err.fields).length) {
        setFields(err.fields);
        focusFirstInvalid(form);
      } else setError(messageOf(err));
    }
  };

  const groupError = fields.outcome ?? fields.call;
  const radio = <T extends string>(name: string, value: T, label: string, checked: boolean, set: (v: T) => void) => (
    <label key={value || 'keep'} class="choice">
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        aria-invalid={groupError ? true : undefined}
        aria-describedby={groupError ? 'outcome-error' : undefined}
        onChange={() => edited(set)(value)}
      />
      <span>{label}</span>
    </label>
  );
  const suggestions = decision ? REASON_SUGGESTIONS[decision] : undefined;
  const hint = decision ? OUTCOME_HINTS[decision] : undefined;

  if (!choices.calls.length && !choices.decisions.length) {
    return <p class="muted outcome-none">Nothing to log: a {STAGE_LABELS[lead.stage].toLowerCase()} lead never moves again.</p>;
  }

  return (
    <form class="outcome stack" onSubmit={submit} noValidate>
      {lead.outcome && (
        <p class="outcome-last">
          Last logged: <strong>{OUTCOME_LABELS[lead.outcome]}</strong>
        </p>
      )}
      <fieldset class="outcome-group">
        <legend>The call</legend>
        {choices.calls.length ? (
          <div class="outcome-options">{choices.calls.map((c) => radio('outcome-call', c, OUTCOME_LABELS[c], call === c, setCall))}</div>
        ) : (
          <p class="field-hint">
            {lead.stage === 'won' || lead.stage === 'lost'
              ? `This deal is closed (${STAGE_LABELS[lead.stage]}): no call attempts are logged on it.`
              : `This lead left the follow-up cadence (${STAGE_LABELS[lead.stage]}): no call attempts are logged on it. It comes back to a rep when the person raises a hand again.`}
          </p>
        )}
        {call !== '' && (
          <button type="button" class="btn btn-ghost btn-small outcome-clear" onClick={() => edited(setCall)('')}>
            No call to log
          </button>
        )}
      </fieldset>
      <fieldset class="outcome-group">
        <legend>The lead</legend>
        <div class="outcome-options">
          {radio('outcome-lead', KEEP, `Stays ${STAGE_LABELS[lead.stage]}`, decision === KEEP, setDecision)}
          {choices.decisions.map((d) => radio('outcome-lead', d, OUTCOME_LABELS[d], decision === d, setDecision))}
        </div>
        {hint && <p class="field-hint">{hint}</p>}
      </fieldset>
      {groupError && (
        <p class="field-error" id="outcome-error">
          {groupError}
        </p>
      )}
      {isSql && <SalesQuestions value={sales} errors={fields} onChange={answered} />}
      {isDeal && (
        <div class="outcome-value">
          <TextField
            id="outcome-value"
            label={`Deal value (${dealCurrency})`}
            hint={fields.value ? undefined : VALUE_HINTS[decision as keyof typeof VALUE_HINTS]}
            value={value}
            onValue={(v) => {
              edited(setValue)(v);
              setFields(({ value: _, ...rest }) => rest);
            }}
            error={fields.value}
            inputMode="decimal"
          />
        </div>
      )}
      {fields.qualification && !isSql && <p class="field-error">{fields.qualification}</p>}
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
