// A site's meeting settings (admin and manager): how long a meeting the visitor books lasts, how
// soon one may start, and the gap kept free around it. Read by the times the widget offers.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { adminApi } from '../admin-api';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { Input } from '../ui/fields';
import { LoadState } from '../ui/LoadState';
import { useLoad } from '../ui/useLoad';

export function MeetingSettings({ siteId, onSessionEnded }: { siteId: string; onSessionEnded: () => void }) {
  const loaded = useLoad(() => adminApi.siteMeetings(siteId), [siteId], onSessionEnded);
  const [length, setLength] = useState('');
  const [notice, setNoticeMinutes] = useState('');
  const [buffer, setBuffer] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const s = loaded.data;
    if (!s) return;
    setLength(String(s.meetingMinutes));
    setNoticeMinutes(String(s.noticeMinutes));
    setBuffer(String(s.bufferMinutes));
  }, [loaded.data]);

  const save = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError('');
    setSaved('');
    setFields({});
    try {
      await adminApi.saveSiteMeetings(siteId, { meetingMinutes: Number(length), noticeMinutes: Number(notice), bufferMinutes: Number(buffer) });
      setSaved('Saved. Visitors are offered times with these settings from now on.');
    } catch (err) {
      showFormFailure(err, onSessionEnded, form, { setFields, setError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="meeting-settings-heading">
      <h2 id="meeting-settings-heading">Meetings</h2>
      <p class="muted">When no rep can call now, the widget lets the visitor book a call at one of these times.</p>
      <LoadState loading={loaded.loading && !loaded.data} error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && (
        <form class="stack" noValidate onSubmit={save}>
          <div class="grid-fields">
            <Input
              id="meeting-minutes"
              type="number"
              min={10}
              max={240}
              label="Meeting length (minutes)"
              value={length}
              error={fields.meetingMinutes}
              onValue={setLength}
            />
            <Input
              id="notice-minutes"
              type="number"
              min={0}
              label="Minimum notice (minutes)"
              hint="The earliest time offered is this far from now"
              value={notice}
              error={fields.noticeMinutes}
              onValue={setNoticeMinutes}
            />
            <Input
              id="buffer-minutes"
              type="number"
              min={0}
              max={120}
              label="Buffer (minutes)"
              hint="Kept free before and after each meeting in the rep's day"
              value={buffer}
              error={fields.bufferMinutes}
              onValue={setBuffer}
            />
          </div>
          <div class="form-actions">
            <FormStatus notice={saved} error={error} />
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save meeting settings'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
