// A webhook as the console sees it. The signing secret is shown whole once, in the answer to
// the request that made it; afterwards only its last four characters, enough to tell which
// secret a receiver holds without handing it to whoever reads the list (or its logs, or caches).
import type { NewWebhook, WebhookView } from '../../shared/console-api';
import type { Webhook } from './webhook-store';

/** How many characters of a secret the list shows. */
const SHOWN = 4;

/** What the list shows of a webhook. */
export function webhookView({ secret, ...webhook }: Webhook): WebhookView {
  return { ...webhook, secretLast4: secret.slice(-SHOWN) };
}

/** The answer to creating a webhook: the one time the whole secret is shown. */
export function newWebhookView(webhook: Webhook): NewWebhook {
  return { ...webhookView(webhook), secret: webhook.secret };
}
