// Where the lead came from: referrer, landing page, UTM tags, earlier visits.
import type { LeadSource } from '../hooks/queue-api';
import { formatWhen } from '../format';

interface Props {
  source: LeadSource | null;
  visits: number | undefined;
  firstSeenAt: number | null | undefined;
  now: number;
}

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

function visitsText(visits: number | undefined, firstSeenAt: number | null | undefined, now: number): string | null {
  if (visits === undefined) return null;
  // The count includes this visit.
  const earlier = visits <= 1 ? 'First visit' : visits === 2 ? '1 earlier visit' : `${visits - 1} earlier visits`;
  return firstSeenAt ? `${earlier} · first seen ${formatWhen(firstSeenAt, now)}` : earlier;
}

export function SourceDetails({ source, visits, firstSeenAt, now }: Props) {
  const utm = source ? UTM_KEYS.filter((k) => source.utm[k]) : [];
  const history = visitsText(visits, firstSeenAt, now);
  if (!source?.referrer && !source?.landingUrl && utm.length === 0 && !history) return <p class="muted">No source recorded (direct visit).</p>;
  return (
    <dl class="facts">
      <div>
        <dt>Referrer</dt>
        <dd>{source?.referrer ?? 'Direct'}</dd>
      </div>
      {source?.landingUrl && (
        <div>
          <dt>Landing page</dt>
          <dd>{source.landingUrl}</dd>
        </div>
      )}
      {utm.map((k) => (
        <div key={k}>
          <dt>UTM {k}</dt>
          <dd>{source!.utm[k]}</dd>
        </div>
      ))}
      {history && (
        <div>
          <dt>Visits</dt>
          <dd>{history}</dd>
        </div>
      )}
    </dl>
  );
}
