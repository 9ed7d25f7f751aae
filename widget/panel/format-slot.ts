// Renders server ISO times in the visitor's own time zone and language.

const valid = (date: Date) => !isNaN(date.getTime());

/** "Tue, Jan 14, 3:00 PM": a slot on its own, e.g. the confirmed callback time. */
export function formatSlot(iso: string): string {
  const date = new Date(iso);
  if (!valid(date)) return iso;
  return date.toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** "Tuesday, Jan 14": the heading of a day's slots. */
export function formatDay(date: Date): string {
  return date.toLocaleDateString(undefined, { weekday: 'long', month: 'short', day: 'numeric' });
}

/** "3:00 PM": a slot under its day heading. */
export function formatTime(date: Date): string {
  return date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/** Slots grouped by the visitor's local day, in the order given. Unparseable slots are dropped. */
export function groupSlotsByDay(slots: string[]): Array<{ day: string; slots: Array<{ iso: string; time: string }> }> {
  const days: Array<{ day: string; slots: Array<{ iso: string; time: string }> }> = [];
  for (const iso of slots) {
    const date = new Date(iso);
    if (!valid(date)) continue;
    const day = formatDay(date);
    let group = days.find((g) => g.day === day);
    if (!group) days.push((group = { day, slots: [] }));
    group.slots.push({ iso, time: formatTime(date) });
  }
  return days;
}
