// Business hours: time zone, weekly open intervals and closed days (holidays). Used for teams
// and for a rep's own hours; errors are keyed by the server's field paths under `path`.
import { useState } from 'preact/hooks';
import { Input, Select } from '../ui/fields';
import type { Hours } from '../types';
import { TimeZoneField } from '../ui/TimeZoneField';
import { aroundTheClock, officeHours, WEEKDAYS } from './hours';

interface Props {
  id: string;
  /** Field path of these hours in the request body (`hours`, `ownHours`). */
  path: string;
  value: Hours;
  onChange: (h: Hours) => void;
  errors: Record<string, string>;
}

const DAY_OPTIONS = WEEKDAYS.map((d, i) => ({ value: String(i + 1), label: d }));

export function HoursEditor({ id, path, value, onChange, errors }: Props) {
  const [holiday, setHoliday] = useState('');
  const err = (p: string) => errors[`${path}.${p}`];
  const setInterval = (i: number, patch: Partial<Hours['weekly'][number]>) =>
    onChange({ ...value, weekly: value.weekly.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  const addHoliday = () => {
    if (!holiday || value.holidays.includes(holiday)) return;
    onChange({ ...value, holidays: [...value.holidays, holiday].sort() });
    setHoliday('');
  };

  return (
    <fieldset class="hours-editor" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>Business hours</legend>
      <div class="hours-top">
        <TimeZoneField
          id={`${id}-tz`}
          label="Time zone"
          value={value.timeZone}
          error={err('timeZone')}
          onValue={(timeZone) => onChange({ ...value, timeZone })}
        />
        <div class="hours-presets">
          <button type="button" class="btn btn-small" onClick={() => onChange({ ...officeHours(value.timeZone), holidays: value.holidays })}>
            Weekdays 9–5
          </button>
          <button type="button" class="btn btn-small" onClick={() => onChange({ ...aroundTheClock(value.timeZone), holidays: value.holidays })}>
            Around the clock
          </button>
        </div>
      </div>
      <h4 class="hours-sub">Open</h4>
      {value.weekly.length === 0 && <p class="muted">Closed every day: add an interval.</p>}
      <ul class="interval-list">
        {value.weekly.map((w, i) => (
          <li key={i} class="interval-row">
            <Select
              id={`${id}-day-${i}`}
              label={`Interval ${i + 1}: day`}
              hideLabel={i > 0}
              value={String(w.day)}
              options={DAY_OPTIONS}
              error={err(`weekly.${i}.day`)}
              onValue={(d) => setInterval(i, { day: Number(d) })}
            />
            {/* Text, not type=time: closing at 24:00 must be possible. */}
            <Input
              id={`${id}-open-${i}`}
              placeholder="09:00"
              label={`Interval ${i + 1}: opens`}
              hideLabel={i > 0}
              value={w.open}
              error={err(`weekly.${i}.open`)}
              onValue={(open) => setInterval(i, { open })}
            />
            <Input
              id={`${id}-close-${i}`}
              placeholder="17:00"
              label={`Interval ${i + 1}: closes`}
              hideLabel={i > 0}
              value={w.close}
              error={err(`weekly.${i}.close`)}
              onValue={(close) => setInterval(i, { close })}
            />
            <button
              type="button"
              class="btn btn-small btn-ghost"
              aria-label={`Remove interval ${i + 1}`}
              onClick={() => onChange({ ...value, weekly: value.weekly.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="btn btn-small"
        onClick={() =>
          onChange({ ...value, weekly: [...value.weekly, { day: Math.min(7, (value.weekly.at(-1)?.day ?? 0) + 1), open: '09:00', close: '17:00' }] })
        }
      >
        Add interval
      </button>
      <h4 class="hours-sub">Holidays (closed all day)</h4>
      {value.holidays.length > 0 && (
        <ul class="chip-list">
          {value.holidays.map((d, i) => (
            <li key={d} class="chip">
              <span class={err(`holidays.${i}`) ? 'field-error' : undefined}>{d}</span>
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove holiday ${d}`}
                onClick={() => onChange({ ...value, holidays: value.holidays.filter((x) => x !== d) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="holiday-add">
        <Input id={`${id}-holiday`} type="date" label="Holiday" value={holiday} onValue={setHoliday} />
        <button type="button" class="btn btn-small" onClick={addHoliday} disabled={!holiday}>
          Add holiday
        </button>
      </div>
    </fieldset>
  );
}
