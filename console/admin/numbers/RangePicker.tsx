// The report's date range: presets and two dates.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { Input } from '../ui/fields';
import { lastDays, toQuery, type DayRange } from './range';

const PRESETS = [7, 30, 90] as const;

interface Props {
  value: DayRange;
  onChange: (r: DayRange) => void;
}

export function RangePicker({ value, onChange }: Props) {
  const [draft, setDraft] = useState<DayRange>(value);
  const [error, setError] = useState('');

  const apply = (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = toQuery(draft);
    if ('error' in q) return setError(q.error);
    setError('');
    onChange(draft);
  };
  const preset = (days: number) => {
    const r = lastDays(days, new Date());
    setDraft(r);
    setError('');
    onChange(r);
  };
  const active = (days: number) => {
    const r = lastDays(days, new Date());
    return r.from === value.from && r.to === value.to;
  };

  return (
    <form class="range" aria-label="Date range" noValidate onSubmit={apply}>
      <div class="range-presets" role="group" aria-label="Quick ranges">
        {PRESETS.map((d) => (
          <button key={d} type="button" class="btn btn-small" aria-pressed={active(d)} onClick={() => preset(d)}>
            Last {d} days
          </button>
        ))}
      </div>
      <div class="range-dates">
        <Input id="range-from" label="From" type="date" value={draft.from} error={error || undefined} onValue={(from) => setDraft((r) => ({ ...r, from }))} />
        <Input id="range-to" label="To" type="date" value={draft.to} onValue={(to) => setDraft((r) => ({ ...r, to }))} />
        <button type="submit" class="btn">
          Show
        </button>
      </div>
    </form>
  );
}
