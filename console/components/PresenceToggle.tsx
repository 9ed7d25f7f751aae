// Available / Available on my devices / Away: whether and how the router may offer hot leads to
// this rep. "On my devices" reaches them by push with the console closed (it needs alerts turned
// on on a device; the server says so otherwise).
import type { ChosenPresence } from '../../shared/schemas/console.schema';

interface Props {
  presence: ChosenPresence | null;
  disabled: boolean;
  onChange: (presence: ChosenPresence) => void;
}

/** `short`: the label on a phone, where the three must fit one row (the full label stays the button's name). */
const OPTIONS: Array<{ value: ChosenPresence; label: string; short?: string; title: string }> = [
  { value: 'available', label: 'Available', title: 'Offers come to this console while it is open' },
  { value: 'devices', label: 'Available on my devices', short: 'My devices', title: 'Offers reach your devices by push, even with the console closed' },
  { value: 'away', label: 'Away', title: 'No offers' },
];

export function PresenceToggle({ presence, disabled, onChange }: Props) {
  return (
    <div class="presence" role="group" aria-label="Your status">
      {OPTIONS.map(({ value, label, short, title }) => (
        <button
          key={value}
          type="button"
          class={`presence-option presence-${value}`}
          aria-pressed={presence === value}
          title={title}
          aria-label={short ? label : undefined}
          disabled={disabled}
          onClick={() => onChange(value)}
        >
          <span class="dot" aria-hidden="true" />
          {short ? (
            <>
              <span class="presence-long">{label}</span>
              <span class="presence-short" aria-hidden="true">
                {short}
              </span>
            </>
          ) : (
            label
          )}
        </button>
      ))}
    </div>
  );
}
