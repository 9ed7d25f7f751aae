// Webhook topics, and how each is derived from committed rows (the lead timeline, stage
// changes, the outbox). Deriving from committed state means nothing is announced that did not
// happen, and a restart resumes from a cursor instead of losing events.

import type { Topic } from '../../shared/schemas/webhook.schema';
export { TOPICS, type Topic } from '../../shared/schemas/webhook.schema';

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
