// What happened to the lead and when: the facts speed-to-lead is reported from.
import type { TimelineEntry } from '../../shared/api';
import { formatWhenPrecise } from '../format';

export function Timeline({ entries, now }: { entries: TimelineEntry[]; now: number }) {
  if (entries.length === 0) return <p class="muted">Nothing recorded yet.</p>;
  return (
    <ol class="timeline">
      {entries.map((entry, i) => (
        <li key={`${entry.at}-${i}`} class={`timeline-${entry.kind}`}>
          <time dateTime={new Date(entry.at).toISOString()}>{formatWhenPrecise(entry.at, now)}</time>
          <span>{entry.text}</span>
        </li>
      ))}
    </ol>
  );
}
