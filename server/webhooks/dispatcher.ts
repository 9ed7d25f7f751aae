import type { Logger } from 'pino';
import { OutboundFailure, type GuardedFetch } from '../net';
import { MAX_ATTEMPTS, nextDelay } from './backoff';
import { sign } from './signature';
import { slackText } from './slack-text';
import type { WebhookEvent } from './topics';
import type { Webhook, WebhookStore } from './webhook-store';

/** A receiver gets this long to answer before the attempt counts as failed. */
const TIMEOUT_MS = 5000;
/** Deliveries sent at once per tick. */
const CONCURRENCY = 8;

export interface DispatcherOptions {
  store: WebhookStore;
  /** Every delivery goes through it: receivers are URLs an admin typed. */
  outbound: GuardedFetch;
  clock: () => number;
  log: Logger;
  tickMs: number;
  retryBaseMs: number;
  /** In a cluster, only the holder of the `webhooks` lease delivers (fan-out cursors are one per install). */
  mayRun?: () => Promise<boolean>;
}

/**
 * Delivers webhook events at least once: fans committed events out to deliveries, sends the
 * due ones (signed, or as Slack text), and retries failures with exponential backoff. Each
 * event carries a stable id so receivers can drop duplicates.
 */
export function startDispatcher({ store, outbound, clock, log, tickMs, retryBaseMs, mayRun }: DispatcherOptions) {
  let running = false;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();

  const render = (e: WebhookEvent, w: Webhook) => (w.kind === 'slack' ? JSON.stringify({ text: slackText(e) }) : JSON.stringify(e));

  async function send(d: Awaited<ReturnType<WebhookStore['due']>>[number]) {
    const now = clock();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Sixty-Webhooks/1' };
    if (d.kind === 'signed') {
      headers['sixty-signature'] = sign(d.secret, d.payload, now);
      headers['sixty-event-id'] = d.eventId;
      headers['sixty-topic'] = d.topic;
    }
    let status: number | null = null;
    let error: string;
    try {
      const res = await outbound(d.url, { method: 'POST', headers, body: d.payload, timeoutMs: TIMEOUT_MS });
      status = res.status;
      if (status >= 200 && status < 300) return store.delivered(d.id, status, clock());
      error = status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}`;
    } catch (err) {
      // The log shows only the kind of failure (see OutboundFailure); the detail goes to the server's log.
      log.debug({ err, webhookId: d.webhookId }, 'webhook delivery failed');
      error = err instanceof OutboundFailure ? err.message : 'delivery failed';
    }
    const attempts = d.attempts + 1;
    const next = attempts >= MAX_ATTEMPTS ? null : clock() + nextDelay(attempts, retryBaseMs);
    await store.failed(d.id, status, error, next);
  }

  async function tick() {
    if (running || stopped) return;
    running = true;
    try {
      if (mayRun && !(await mayRun())) return;
      await store.fanOut(clock(), render);
      const due = await store.due(clock(), CONCURRENCY * 4);
      for (const d of due) {
        // Claim first: the attempt's own timeout plus a margin, so a crash mid-send retries later.
        if (!(await store.claim(d.id, clock() + TIMEOUT_MS * 2, clock()))) continue;
        while (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
        const p = send(d)
          .catch((err) => log.error({ err }, 'webhook send failed'))
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    } catch (err) {
      log.error({ err }, 'webhook tick failed');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
