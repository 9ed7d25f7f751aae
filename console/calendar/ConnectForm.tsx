// Connect a calendar by CalDAV: server address, username, app password; find the calendars, pick
// one when there are several. Field messages come from the server (a refused login on the
// password, an unreachable address on the address).
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { CalendarView, DiscoveredCalendars } from '../../shared/console-api';
import { Input } from '../admin/ui/fields';
import { showFormFailure } from '../admin/ui/form-failure';
import { calendarApi } from './calendar-api';

interface Props {
  onConnected: (view: CalendarView) => void;
  onCancel?: () => void;
  onSessionEnded: () => void;
}

export function ConnectForm({ onConnected, onCancel, onSessionEnded }: Props) {
  const [serverUrl, setServerUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [found, setFound] = useState<DiscoveredCalendars['calendars'] | null>(null);
  const [calendarUrl, setCalendarUrl] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const login = () => ({ serverUrl: serverUrl.trim(), username: username.trim(), password });

  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setFields({});
    setError('');
    setBusy(true);
    try {
      if (found && found.length > 1) return onConnected(await calendarApi.connect({ ...login(), calendarUrl }));
      const { calendars } = await calendarApi.discover(login());
      if (calendars.length === 1) return onConnected(await calendarApi.connect({ ...login(), calendarUrl: calendars[0]!.url }));
      setFound(calendars);
      setCalendarUrl(calendars[0]?.url ?? '');
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  // A changed login means the calendars found are no longer the ones to pick from.
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setFound(null);
  };

  return (
    <form class="stack calendar-form" noValidate onSubmit={submit}>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <Input
        id="serverUrl"
        label="Server address"
        placeholder="https://caldav.fastmail.com"
        hint="Your calendar service's CalDAV address: iCloud, Fastmail, Nextcloud, Zoho, Radicale, Baïkal and others."
        autoComplete="url"
        value={serverUrl}
        error={fields.serverUrl}
        onValue={edit(setServerUrl)}
      />
      <Input id="username" label="Username" autoComplete="username" value={username} error={fields.username} onValue={edit(setUsername)} />
      <Input
        id="password"
        label="App password"
        type="password"
        autoComplete="new-password"
        hint="Make one in your calendar service's security settings, just for Sixty. It is stored encrypted and never shown again."
        value={password}
        error={fields.password}
        onValue={edit(setPassword)}
      />
      {found && found.length > 1 && (
        <fieldset class="stack" id="calendarUrl" aria-describedby={fields.calendarUrl ? 'calendarUrl-error' : undefined}>
          <legend>Which calendar?</legend>
          <p class="muted field-hint">Sixty reads when you are busy from this calendar and puts booked meetings in it.</p>
          {found.map((c) => (
            <label key={c.url} class="radio-card" for={`cal-${c.url}`}>
              <input type="radio" id={`cal-${c.url}`} name="calendar" checked={calendarUrl === c.url} onChange={() => setCalendarUrl(c.url)} />
              <span>
                <strong>{c.displayName}</strong>
                <span class="muted radio-card-text calendar-url">{c.url}</span>
              </span>
            </label>
          ))}
          {fields.calendarUrl && (
            <p class="field-error" id="calendarUrl-error">
              {fields.calendarUrl}
            </p>
          )}
        </fieldset>
      )}
      <div class="calendar-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? 'Connecting…' : found && found.length > 1 ? 'Connect this calendar' : 'Find my calendars'}
        </button>
        {onCancel && (
          <button type="button" class="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
