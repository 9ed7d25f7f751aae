// What the lead did on the site before asking: page views, downloads, clicks, with times, and
// a count of the pages they came back to (pricing twice is a signal).
import { useState } from 'preact/hooks';
import type { PageTrailEntry } from '../hooks/queue-api';
import { formatPage, formatWhenPrecise } from '../format';

/** The latest steps are shown, in order; earlier ones behind a button. */
const SHOWN = 8;

const TYPE_LABELS: Record<string, string> = {
  page_view: 'Viewed',
  download: 'Downloaded',
  click: 'Clicked',
  outbound: 'Left for',
  form_submit: 'Submitted',
  engagement: 'Engaged',
  custom: 'Did',
  identify: 'Identified',
};

function what(entry: PageTrailEntry): string {
  if (entry.name && entry.url) return `${entry.name} (${formatPage(entry.url)})`;
  return entry.name ?? (entry.url ? formatPage(entry.url) : '');
}

/** Pages seen more than once, most repeated first. */
function repeats(trail: PageTrailEntry[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const e of trail) if (e.type === 'page_view' && e.url) counts.set(formatPage(e.url), (counts.get(formatPage(e.url)) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
}

export function PageTrail({ trail, now }: { trail: PageTrailEntry[]; now: number }) {
  const [all, setAll] = useState(false);
  if (trail.length === 0) return <p class="muted">No tracked pages before the request.</p>;
  // The server sends the trail oldest first; read top to bottom it is the visit's story.
  const hidden = all ? 0 : Math.max(0, trail.length - SHOWN);
  const shown = trail.slice(hidden);
  const again = repeats(trail);
  return (
    <div class="trail">
      {again.length > 0 && (
        <p class="trail-repeats">
          Seen more than once:{' '}
          {again.slice(0, 3).map(([page, n], i) => (
            <span key={page}>
              {i > 0 && ', '}
              <strong>{page}</strong> ×{n}
            </span>
          ))}
        </p>
      )}
      {trail.length > SHOWN && (
        <button type="button" class="btn btn-ghost btn-small" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show only the latest steps' : `Show ${hidden} earlier steps`}
        </button>
      )}
      <ol class="trail-list">
        {shown.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={new Date(e.at).toISOString()}>{formatWhenPrecise(e.at, now)}</time>
            <span class="trail-step">
              <span class={`trail-type trail-${e.type}`}>{TYPE_LABELS[e.type] ?? e.type}</span>{' '}
              <span class="trail-what" title={e.url ?? undefined}>
                {what(e)}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
