// Notes on the lead, newest first, and a box to add one. Notes are rendered as text.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { FullLeadCard, LeadNote } from '../hooks/queue-api';
import { queueApi } from '../hooks/queue-api';
import { ApiFailure, messageOf } from '../api';
import { formatWhen } from '../format';

interface Props {
  leadId: string;
  notes: LeadNote[] | undefined;
  now: number;
  onSaved: (lead: FullLeadCard) => void;
}

export function LeadNotes({ leadId, notes, now, onSaved }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `note-${leadId}`;

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!text.trim()) return setError('Write the note first');
    setBusy(true);
    setError('');
    try {
      onSaved(await queueApi.addNote(leadId, text.trim()));
      setText('');
    } catch (err) {
      setError(err instanceof ApiFailure && err.fields.text ? err.fields.text : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const list = [...(notes ?? [])].sort((a, b) => b.at - a.at);
  return (
    <div class="notes stack">
      <form class="note-form" onSubmit={submit} noValidate>
        <div class="field">
          <label for={id}>Add a note</label>
          <textarea
            id={id}
            rows={2}
            maxLength={5000}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {error && (
            <p class="field-error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="btn btn-small" disabled={busy}>
          {busy ? 'Saving…' : 'Add note'}
        </button>
      </form>
      {list.length > 0 ? (
        <ol class="note-list">
          {list.map((n, i) => (
            <li key={`${n.at}-${i}`}>
              <p class="note-meta">
                <strong>{n.author}</strong> · <time dateTime={new Date(n.at).toISOString()}>{formatWhen(n.at, now)}</time>
              </p>
              <p class="note-text">{n.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        notes !== undefined && <p class="muted">No notes yet.</p>
      )}
    </div>
  );
}
