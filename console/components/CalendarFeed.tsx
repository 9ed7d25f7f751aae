// The rep's private calendar feed: one URL their calendar app subscribes to, listing the meetings
// visitors booked with them. The URL is shown once when made (only its hash is kept); remaking it
// ends the old one, for a link that leaked or a phone that was lost.
import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api';
import { CopyButton } from './CopyButton';

interface FeedStatus {
  active: boolean;
  createdAt: number | null;
}

export function CalendarFeed() {
  const [status, setStatus] = useState<FeedStatus | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    request<FeedStatus>('GET', '/v1/console/feed').then(setStatus, (err) => setError(messageOf(err)));
  }, []);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await run();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const make = () =>
    act(async () => {
      const made = await request<{ url: string }>('POST', '/v1/console/feed');
      setUrl(made.url);
      setStatus({ active: true, createdAt: Date.now() });
    });
  const stop = () =>
    act(async () => {
      await request<void>('DELETE', '/v1/console/feed');
      setUrl(null);
      setStatus({ active: false, createdAt: null });
    });

  return (
    <section class="calendar-feed" aria-label="Your calendar feed">
      <p class="calendar-feed-title">
        <strong>Your meetings in your calendar</strong>
      </p>
      {url ? (
        <>
          <p class="muted">Subscribe to this address in your calendar app (Google, Outlook, Apple). It is shown only now: copy it.</p>
          <div class="calendar-feed-url">
            <input readOnly value={url} aria-label="Calendar feed address" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={url} label="Copy calendar feed address" />
          </div>
        </>
      ) : status?.active ? (
        <p class="muted">Your feed is on. Make a new address if you lost it: the old one stops working.</p>
      ) : (
        <p class="muted">Get a private address your calendar app subscribes to, listing the meetings visitors book with you.</p>
      )}
      <div class="calendar-feed-actions">
        <button type="button" class="btn btn-small" disabled={busy || status === null} onClick={make}>
          {status?.active ? 'Make a new address' : 'Get my feed address'}
        </button>
        {status?.active && (
          <button type="button" class="btn btn-small btn-ghost" disabled={busy} onClick={stop}>
            Turn off
          </button>
        )}
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
