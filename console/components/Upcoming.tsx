// Callbacks visitors booked that this rep's team will be offered, soonest first: who, when (in
// their time and the rep's), what they answered and why they are hot. At its time a booking
// becomes an offer like any other.
import type { UpcomingCallback } from '../hooks/queue-api';
import { useNow } from '../hooks/useNow';
import { formatPoints } from '../format';
import { usePhoneFormat } from '../hooks/usePhoneFormat';
import { BookedTime } from './BookedTime';
import { CalendarFeed } from './CalendarFeed';
import { ListState } from './ListState';
import { formatRelative } from './relative-time';

/** Enough to judge the call; the lead card has every reason. */
const REASONS_SHOWN = 4;

/** Why hot, as a rep scans it: the hand-raise first, then what earned the most; the answers are shown above. */
function whyHot(reasons: UpcomingCallback['reasons']): UpcomingCallback['reasons'] {
  const raised = reasons.filter((r) => r.source.startsWith('hand-raise'));
  const earned = reasons.filter((r) => r.points !== 0 && !r.source.startsWith('question:')).sort((a, b) => b.points - a.points);
  return [...raised, ...earned];
}

interface Props {
  /** The signed-in rep: their own meetings say so. */
  meId: string;
  rows: UpcomingCallback[] | null;
  error: string;
  openId: string | null;
  onOpen: (leadId: string) => void;
  onRetry: () => void;
}

export function Upcoming({ meId, rows, error, openId, onOpen, onRetry }: Props) {
  const now = useNow(15_000);
  const formatPhone = usePhoneFormat();
  return (
    <div class="upcoming">
      <CalendarFeed />
      <ListState
        loading={rows === null}
        error={error}
        empty={rows !== null && rows.length === 0}
        emptyText="No callbacks booked for your team. When a visitor picks a time, it is listed here and offered to you then."
        onRetry={onRetry}
      />
      {rows && rows.length > 0 && (
        <ul class="upcoming-rows" aria-label="Upcoming callbacks">
          {rows.map((b) => {
            const why = whyHot(b.reasons);
            return (
              <li key={b.leadId} class="upcoming-row" data-upcoming-lead={b.name} aria-current={b.leadId === openId ? 'true' : undefined}>
                <div class="upcoming-head">
                  <p class="upcoming-name">
                    <strong>{b.name}</strong>
                    <span class="badge badge-score">Score {b.score}</span>
                  </p>
                  <span class="due-rel">{formatRelative(b.at, now)}</span>
                </div>
                {b.meeting && (
                  <p class="meeting-with" data-meeting-rep={b.meeting.repName}>
                    {b.meeting.repId === meId ? 'Meeting with you' : `Meeting with ${b.meeting.repName}`}
                  </p>
                )}
                <BookedTime at={b.at} timeZone={b.timeZone} />
                <p class="lead-row-meta">
                  {formatPhone(b.phone)} · {b.siteName}
                  {b.teams && ` · ${b.teams.map((t) => t.name).join(', ')}`}
                </p>
                {b.answers.length > 0 && (
                  <dl class="upcoming-answers" aria-label={`${b.name}'s answers`}>
                    {b.answers.map((a, i) => (
                      <div key={i}>
                        <dt>{a.question}</dt>
                        <dd>{a.answer}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                {why.length > 0 && (
                  <ul class="upcoming-reasons" aria-label={`Why ${b.name} is hot`}>
                    {why.slice(0, REASONS_SHOWN).map((r, i) => (
                      <li key={i}>
                        {r.text}
                        {r.points !== 0 && <span class="muted"> {formatPoints(r.points)}</span>}
                      </li>
                    ))}
                    {why.length > REASONS_SHOWN && <li class="muted">+{why.length - REASONS_SHOWN} more</li>}
                  </ul>
                )}
                <button type="button" class="btn btn-small" onClick={() => onOpen(b.leadId)} aria-label={`Open the lead card: ${b.name}`}>
                  Open lead card
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
