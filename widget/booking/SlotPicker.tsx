// Callback times offered when nobody is free, grouped under their local day. Each day is a
// labelled group, so a screen reader announces "Tuesday, Jan 14" before its times; the zone the
// times are in is said once above them.
import type { ComponentChildren } from 'preact';
import { groupSlotsByDay } from '../live/format-slot';

interface Props {
  slots: string[];
  lang: string;
  /** "Times in Japan Standard Time", or nothing when the browser cannot name its zone. */
  zone: ComponentChildren;
  /** The slot being saved, if any: every button waits while it is. */
  choosing: string | null;
  onChoose(slot: string): void;
}

export function SlotPicker({ slots, lang, zone, choosing, onChoose }: Props) {
  return (
    <div class="slot-days" data-sixty-slots>
      {zone && (
        <p class="slot-zone" data-sixty-zone>
          {zone}
        </p>
      )}
      {groupSlotsByDay(slots, lang).map((group, index) => (
        <div key={group.day} role="group" aria-labelledby={`sixty-day-${index}`}>
          <p id={`sixty-day-${index}`} class="slot-day">
            {group.day}
          </p>
          <div class="slot-grid">
            {group.slots.map((slot) => (
              <button
                key={slot.iso}
                type="button"
                class="slot"
                aria-disabled={choosing ? 'true' : undefined}
                onClick={() => onChoose(slot.iso)}
                data-sixty-slot={slot.iso}
              >
                {choosing === slot.iso && <span class="spinner" aria-hidden="true" />}
                {slot.time}
              </button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
