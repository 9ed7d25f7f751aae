// The signed-in user's own calendar (every role): connect one by CalDAV, see which one is
// connected and whether Sixty can read it, test it, change it, disconnect it.
import { useState } from 'preact/hooks';
import type { CalendarView } from '../../shared/console-api';
import type { PageProps } from '../routes';
import { formatWhen } from '../format';
import { ConfirmDialog } from '../admin/ui/ConfirmDialog';
import { LoadState } from '../admin/ui/LoadState';
import { PageHead } from '../admin/ui/PageHead';
import { FormStatus } from '../admin/ui/form-failure';
import { failureOf, useLoad } from '../admin/ui/useLoad';
import { calendarApi } from './calendar-api';
import { ConnectForm } from './ConnectForm';
import '../admin/admin.css';
import './calendar.css';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The server's reason as a sentence ("could not connect…" → "Could not connect…"). */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function Connected({ view, now }: { view: CalendarView; now: number }) {
  const down = view.state === 'down';
  return (
    <div class="calendar-status">
      <p class="calendar-name">
        <strong>{view.displayName}</strong>{' '}
        <span class={`badge ${down ? 'badge-calendar-down' : 'badge-calendar-ok'}`}>{down ? 'Unreachable' : 'Connected'}</span>
      </p>
      <p class="muted">
        {view.username} on {hostOf(view.calendarUrl)}
      </p>
      {down ? (
        <div class="calendar-down" role="alert">
          <p>
            <strong>Calendar unreachable since {formatWhen(view.downSince ?? now, now)}</strong> — slots use your working hours and Sixty bookings until it can
            be read again.
          </p>
          {view.lastError && <p class="muted">{sentence(view.lastError)}.</p>}
        </div>
      ) : (
        <p class="muted">
          Visitors are offered only times you are free here; booked meetings are added to it.
          {view.lastReadOkAt !== null && <> Last read {formatWhen(view.lastReadOkAt, now)}.</>}
        </p>
      )}
    </div>
  );
}

export function CalendarPage({ onSessionEnded }: PageProps) {
  const mine = useLoad(() => calendarApi.mine(), [], onSessionEnded);
  const [changing, setChanging] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const view = mine.data?.calendar ?? null;
  const now = Date.now();

  const show = (calendar: CalendarView | null, text: string) => {
    if (mine.data) mine.setData({ ...mine.data, calendar });
    setChanging(false);
    setNotice(text);
    setError('');
  };

  const test = async () => {
    setBusy(true);
    setNotice('');
    try {
      const after = await calendarApi.test();
      show(after, after.state === 'connected' ? 'Connection works: your calendar was read just now.' : 'Sixty could not read your calendar.');
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    setBusy(true);
    try {
      await calendarApi.disconnect();
      show(null, 'Calendar disconnected. Its app password was deleted from Sixty.');
    } catch (err) {
      setError(failureOf(err, onSessionEnded)?.message ?? '');
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div class="page calendar-page">
      <PageHead
        title="Calendar"
        intro="Connect your own calendar: visitors who book a meeting are offered only times you are free, and the meeting lands in your calendar."
      />
      <FormStatus notice={notice} error={error} noticeClass="notice-line" />
      <LoadState loading={mine.loading && !mine.data} error={mine.error} onRetry={mine.reload} />
      {mine.data && (
        <section class="panel" aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">{view ? 'Your calendar' : 'Connect a calendar (CalDAV)'}</h2>
          {view && <Connected view={view} now={now} />}
          {view && !changing && (
            <div class="calendar-actions">
              <button type="button" class="btn" disabled={busy} onClick={test}>
                {busy ? 'Testing…' : 'Test connection'}
              </button>
              {mine.data.canConnect && (
                <button type="button" class="btn btn-ghost" onClick={() => setChanging(true)}>
                  Change calendar
                </button>
              )}
              <button type="button" class="btn btn-ghost btn-remove" onClick={() => setConfirming(true)}>
                Disconnect
              </button>
            </div>
          )}
          {!mine.data.canConnect && !view && (
            <p class="calendar-down" role="note">
              Connecting a calendar needs <code>SIXTY_CALENDAR_KEY</code> set on the Sixty server, so app passwords are stored encrypted. Ask your administrator
              to set it.
            </p>
          )}
          {mine.data.canConnect && (!view || changing) && (
            <ConnectForm
              onConnected={(v) => show(v, `Connected: ${v.displayName}.`)}
              onSessionEnded={onSessionEnded}
              {...(changing ? { onCancel: () => setChanging(false) } : {})}
            />
          )}
          <p class="muted calendar-note">
            Google Calendar and Microsoft 365 cannot be connected here (they need OAuth or Microsoft's own API); on those, subscribe to your Sixty bookings feed
            instead.
          </p>
        </section>
      )}
      {confirming && (
        <ConfirmDialog
          title="Disconnect your calendar?"
          confirmLabel="Disconnect"
          danger
          busy={busy}
          onConfirm={disconnect}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Sixty stops reading your busy times and writing meetings to {view?.displayName}. Meetings already there stay. The app password is deleted from
            Sixty.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
