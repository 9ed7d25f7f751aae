// Move a lead by hand: force-offer it to a rep (nobody owns it yet) or reassign it (someone does).
// Both are offered; the server says which applies when the choice was wrong.
import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { supervisorApi, type SupervisorRep } from './supervisor-api';

export type LeadAction = 'offer' | 'reassign';

interface Props {
  leadId: string;
  leadName: string;
  reps: SupervisorRep[];
  /** The likely action for this row, shown first. */
  action: LeadAction;
  /** Refresh the view after the server accepted the change. */
  onDone: () => void;
}

const VERB: Record<LeadAction, { button: string; busy: string; done: string }> = {
  offer: { button: 'Offer', busy: 'Offering…', done: 'Offered to' },
  reassign: { button: 'Reassign', busy: 'Reassigning…', done: 'Reassigned to' },
};

export function LeadActions({ leadId, leadName, reps, action, onDone }: Props) {
  const [repId, setRepId] = useState('');
  const [busy, setBusy] = useState<LeadAction | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const id = `move-${leadId}`;
  const order: LeadAction[] = action === 'offer' ? ['offer', 'reassign'] : ['reassign', 'offer'];

  const run = async (what: LeadAction) => {
    if (!repId) return setMessage({ tone: 'error', text: 'Pick a rep first' });
    setBusy(what);
    setMessage(null);
    try {
      await (what === 'offer' ? supervisorApi.forceOffer(leadId, repId) : supervisorApi.reassign(leadId, repId));
      setMessage({ tone: 'ok', text: `${VERB[what].done} ${reps.find((r) => r.repId === repId)?.name ?? 'the rep'}` });
      onDone();
    } catch (err) {
      setMessage({ tone: 'error', text: messageOf(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="lead-actions" role="group" aria-label={`Move ${leadName}`}>
      <label class="sr-only" for={id}>
        Rep for {leadName}
      </label>
      <select id={id} value={repId} onChange={(e) => setRepId(e.currentTarget.value)}>
        <option value="">Choose a rep…</option>
        {reps.map((r) => (
          <option key={r.repId} value={r.repId}>
            {r.name} ({r.presence})
          </option>
        ))}
      </select>
      {order.map((what, i) => (
        <button key={what} type="button" class={`btn btn-small${i === 0 ? ' btn-primary' : ''}`} disabled={busy !== null} onClick={() => void run(what)}>
          {busy === what ? VERB[what].busy : VERB[what].button}
        </button>
      ))}
      <p class={`lead-actions-msg${message?.tone === 'error' ? ' is-error' : ''}`} role="status">
        {message?.text ?? ''}
      </p>
    </div>
  );
}
