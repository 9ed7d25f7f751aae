// Renders server ISO times in the visitor's own time zone, in the page's language, naming the
// zone: a visitor in Tokyo booking a team in New York must not wonder whose "9:00 AM" it is.

const valid = (date: Date) => !isNaN(date.getTime());

/** The page's language when the browser knows it, else the browser's own. */
export function locale(lang: string): string | undefined {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(lang)[0];
  } catch {
    return undefined;
  }
}

/** "Mon, Dec 14, 11:00 PM Japan Standard Time": one instant on its own (the booked time, the opening). */
export function formatSlot(iso: string, lang = 'en'): string {
  const date = new Date(iso);
  if (!valid(date)) return iso;
  return date.toLocaleString(locale(lang), { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'long' });
}

/** The visitor's zone at an instant, as the language names it ("Japan Standard Time"); '' if unknown. */
export function zoneName(iso: string, lang = 'en'): string {
  const date = new Date(iso);
  const part = valid(date) ? new Intl.DateTimeFormat(locale(lang), { timeZoneName: 'long' }).formatToParts(date).find((p) => p.type == 'timeZoneName') : null;
  return part ? part.value : '';
}

/** Slots grouped by the visitor's local day ("Tuesday, Jan 14"), each with its time ("3:00 PM"),
 * in the order given. Unparseable slots are dropped. */
export function groupSlotsByDay(slots: string[], lang = 'en'): Array<{ day: string; slots: Array<{ iso: string; time: string }> }> {
  const days: Array<{ day: string; slots: Array<{ iso: string; time: string }> }> = [];
  const at = locale(lang);
  for (const iso of slots) {
    const date = new Date(iso);
    if (!valid(date)) continue;
    const day = date.toLocaleDateString(at, { weekday: 'long', month: 'short', day: 'numeric' });
    let group = days.find((g) => g.day === day);
    if (!group) days.push((group = { day, slots: [] }));
    group.slots.push({ iso, time: date.toLocaleTimeString(at, { hour: 'numeric', minute: '2-digit' }) });
  }
  return days;
}
