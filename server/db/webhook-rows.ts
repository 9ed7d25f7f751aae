// A webhook as both dialects store it: topics kept as JSON text in one column.
import type { Webhook } from '../webhooks/webhook-store';

/** A new webhook's row; webhooks start active. */
export const webhookRow = (w: Omit<Webhook, 'active'>) => ({ ...w, topics: JSON.stringify(w.topics), active: true });

/** A stored webhook row as the dispatcher and console use it. */
export const toWebhook = <R extends { topics: string }>(row: R) => ({ ...row, topics: JSON.parse(row.topics) as Webhook['topics'] });
