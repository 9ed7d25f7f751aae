// Webhook topics, and how each is derived from committed rows (the lead timeline, stage
// changes, the outbox). Deriving from committed state means nothing is announced that did not
// happen, and a restart resumes from a cursor instead of losing events.

export const TOPICS = [
  'lead.stage_changed',
  'offer.created',
  'offer.accepted',
  'offer.declined',
  'offer.expired',
  'lead.outcome',
  'lead.sla_breached',
] as const;
export type Topic = (typeof TOPICS)[number];

/** Timeline kinds that are webhook events. */
export const TIMELINE_TOPICS: Record<string, Topic> = {
  offered: 'offer.created',
  accepted: 'offer.accepted',
  declined: 'offer.declined',
  expired: 'offer.expired',
  outcome: 'lead.outcome',
};

export interface WebhookEvent {
  /** Stable id for de-duplication, e.g. `le_42`, `sc_7`, `ob_3`. */
  id: string;
  topic: string;
  workspaceId: string;
  at: number;
  data: Record<string, unknown>;
}

/** One line a person reads in Slack. */
export function slackText(e: WebhookEvent): string {
  const lead = e.data.lead as { name?: string; stage?: string } | undefined;
  const who = lead?.name ?? 'A lead';
  switch (e.topic) {
    case 'lead.sla_breached':
      return `:rotating_light: Hot lead ${who} is waiting: SLA missed (${String(e.data.cause ?? 'unknown cause').replaceAll('_', ' ')}).`;
    case 'offer.accepted':
      return `:white_check_mark: ${String(e.data.text ?? `${who} was accepted`)}`;
    case 'lead.stage_changed':
      return `${who} moved to ${String(e.data.to ?? '').toUpperCase()}${e.data.reason ? `: ${String(e.data.reason)}` : ''}`;
    default:
      return `${who}: ${String(e.data.text ?? e.topic)}`;
  }
}
