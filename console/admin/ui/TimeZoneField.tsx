// A searchable time-zone picker: type part of a zone ("berl", "new york") and pick it with the
// arrow keys and Enter, or a click. The ARIA 1.2 editable combobox with a list popup, so screen
// readers announce the field, the number of matches and the highlighted zone.
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { exactZone, matchZones, timeZones } from '../routing/hours';
import { Shell, describedBy } from './fields';

/** Rows drawn at once: enough to scroll through, few enough to stay quick on a phone. */
const MAX_SHOWN = 60;

interface Props {
  id: string;
  label: string;
  /** An IANA zone. */
  value: string;
  onValue: (zone: string) => void;
  error?: string;
}

export function TimeZoneField({ id, label, value, onValue, error }: Props) {
  const zones = useMemo(() => timeZones(value), [value]);
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [refused, setRefused] = useState('');
  const shown = text === null ? value : text;
  const matches = useMemo(() => (open ? matchZones(zones, text ?? '').slice(0, MAX_SHOWN) : []), [open, zones, text]);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;

  // The highlighted zone stays in sight while the arrow keys move through a long list.
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const choose = (zone: string) => {
    setText(null);
    setOpen(false);
    setRefused('');
    if (zone !== value) onValue(zone);
  };

  /** Leaving the field: a zone typed in full counts; anything else goes back to the saved zone. */
  const settle = () => {
    setOpen(false);
    if (text === null) return;
    const zone = exactZone(zones, text);
    if (zone) return choose(zone);
    if (text.trim()) setRefused(`“${text.trim()}” is not a time zone; still ${value}. Pick one from the list.`);
    setText(null);
  };

  const onKeyDown = (e: JSX.TargetedKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(Math.max(0, matchZones(zones, text ?? '').indexOf(value)));
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(i + step, 0), Math.max(matches.length - 1, 0)));
    } else if (e.key === 'Enter' && open) {
      // Picks the zone instead of submitting the form around the field.
      e.preventDefault();
      const zone = matches[active];
      if (zone) choose(zone);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      setText(null);
    }
  };

  const message = error || refused;
  const activeZone = open ? matches[active] : undefined;
  return (
    <Shell id={id} label={label} error={message} class="tz-field">
      <div class="combo">
        <input
          id={id}
          name={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeZone ? optionId(active) : undefined}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, undefined, message)}
          value={shown}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setOpen(true);
            setActive(0);
            setRefused('');
          }}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => {
            if (open) return;
            setOpen(true);
            setActive(Math.max(0, matchZones(zones, text ?? '').indexOf(value)));
          }}
          onKeyDown={onKeyDown}
          onBlur={settle}
        />
        <ul id={listId} role="listbox" aria-label={`${label}: matches`} class="combo-list" hidden={!open}>
          {open && matches.length === 0 && (
            <li class="combo-empty" role="option" aria-disabled="true" aria-selected="false">
              No time zone matches
            </li>
          )}
          {matches.map((zone, i) => (
            <li
              key={zone}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              class={`combo-option${zone === value ? ' is-current' : ''}`}
              // Before the input's blur, so the click picks rather than closes.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(zone)}
            >
              {zone}
            </li>
          ))}
        </ul>
      </div>
    </Shell>
  );
}
