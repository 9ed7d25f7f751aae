// What happened to the lead and when, routing included (rules matched, reps skipped, offers made,
// expired, declined, accepted, escalations): the facts speed-to-lead is reported from.
import type { TimelineEntry } from '../../shared/api';
import { formatWhenPrecise, localizeInstants } from '../format';

/** Routing steps get their own marker colour; anything else is a plain step. */
const TONE: Record<string, string> = {
  rule: 'info',
  offered: 'info',
  queued: 'wait',
  skipped: 'wait',
  expired: 'bad',
  declined: 'bad',
  escalated: 'wait',
  // The escalation ladder's last resort: managers were alerted because nobody took the lead.
  manager_alert: 'bad',
  accepted: 'good',
  returned: 'info',
  // The store writes `sla_breached`; `sla_breach` matched nothing, so breaches showed as plain steps.
  sla_breached: 'bad',
};

export function Timeline({ entries, now }: { entries: TimelineEntry[]; now: number }) {
  if (entries.length === 0) return <p class="muted">Nothing recorded yet.</p>;
  return (
    <ol class="timeline">
      {entries.map((entry, i) => (
        <li key={`${entry.at}-${i}`} class={`timeline-${entry.kind} tone-${TONE[entry.kind] ?? 'plain'}`}>
          <time dateTime={new Date(entry.at).toISOString()}>{formatWhenPrecise(entry.at, now)}</time>
          <span>{localizeInstants(entry.text)}</span>
        </li>
      ))}
    </ol>
  );
}
