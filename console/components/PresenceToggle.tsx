// Available / Away: whether the router may push hot leads to this rep.
import type { ChosenPresence } from '../../shared/schemas/console.schema';

interface Props {
  presence: ChosenPresence | null;
  disabled: boolean;
  onChange: (presence: ChosenPresence) => void;
}

const OPTIONS: Array<{ value: ChosenPresence; label: string }> = [
  { value: 'available', label: 'Available' },
  { value: 'away', label: 'Away' },
];

export function PresenceToggle({ presence, disabled, onChange }: Props) {
  return (
    <div class="presence" role="group" aria-label="Your status">
      {OPTIONS.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          class={`presence-option presence-${value}`}
          aria-pressed={presence === value}
          disabled={disabled}
          onClick={() => onChange(value)}
        >
          <span class="dot" aria-hidden="true" />
          {label}
        </button>
      ))}
    </div>
  );
}
