// The signed-in manager's own numbers digest by mail: off (the default), daily or weekly, at 08:00
// in this browser's time zone.
import { useEffect, useState } from 'preact/hooks';
import type { DigestFrequency } from '../../../shared/schemas/sla.schema';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { LoadState } from '../ui/LoadState';
import { useLoad } from '../ui/useLoad';
import { browserZone, slaApi } from './sla-api';

const CHOICES: Array<{ value: DigestFrequency; label: string }> = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Daily (the day before)' },
  { value: 'weekly', label: 'Weekly, Mondays (the week before)' },
];

export function DigestOptIn({ onSessionEnded }: { onSessionEnded: () => void }) {
  const load = useLoad(() => slaApi.digest(), [], onSessionEnded);
  const [choice, setChoice] = useState<DigestFrequency>('off');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const prefs = load.data;
  useEffect(() => {
    if (prefs) setChoice(prefs.frequency);
  }, [prefs]);
  const zone = prefs && prefs.frequency !== 'off' ? prefs.timeZone : browserZone();

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    setNotice('');
    setError('');
    try {
      const saved = await slaApi.saveDigest({ frequency: choice, timeZone: browserZone() });
      load.setData(saved);
      setNotice(saved.frequency === 'off' ? 'Digest switched off.' : `Saved: ${saved.frequency} at ${saved.sendsAt} (${saved.timeZone}).`);
    } catch (err) {
      showFormFailure(err, onSessionEnded, e.currentTarget as HTMLFormElement, { setFields: () => {}, setError });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="panel numbers-section" aria-labelledby="digest-heading" data-section="digest">
      <h2 id="digest-heading">Email me these numbers</h2>
      <LoadState loading={load.loading && !prefs} error={load.error} onRetry={load.reload} />
      {prefs && (
        <form onSubmit={save} class="digest-form">
          <fieldset>
            <legend class="muted">
              Leads, MQLs, SQLs, won deals and revenue, median speed to lead, SLA breaches and the SLA targets, at {prefs.sendsAt} in {zone}. Only you get
              yours.
            </legend>
            <div class="digest-choices">
              {CHOICES.map((c) => (
                <label key={c.value} class="radio">
                  <input type="radio" name="digest" value={c.value} checked={choice === c.value} onChange={() => setChoice(c.value)} /> {c.label}
                </label>
              ))}
            </div>
          </fieldset>
          {!prefs.mailEnabled && <p class="warning">This install has no mail server set up (SIXTY_SMTP_URL), so no digest goes out until it has.</p>}
          <button type="submit" class="btn btn-primary" disabled={saving}>
            Save digest choice
          </button>
          <FormStatus notice={notice} error={error} />
        </form>
      )}
    </section>
  );
}
