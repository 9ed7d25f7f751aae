import type { Logger } from 'pino';
import { MAX_ATTEMPTS, nextDelay } from './backoff';
import { sign } from './signature';
import { slackText, type WebhookEvent } from './topics';
import type { Webhook, WebhookStore } from './webhook-store';

/** A receiver gets this long to answer before the attempt counts as failed. */
const TIMEOUT_MS = 5000;
/** Deliveries sent at once per tick. */
const CONCURRENCY = 8;

export interface DispatcherOptions {
  store: WebhookStore;
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
export function startDispatcher({ store, clock, log, tickMs, retryBaseMs, mayRun }: DispatcherOptions) {
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
    try {
      const res = await fetch(d.url, { method: 'POST', headers, body: d.payload, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
      status = res.status;
      await res.body?.cancel();
      if (res.ok) return store.delivered(d.id, res.status, clock());
      throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      const attempts = d.attempts + 1;
      const next = attempts >= MAX_ATTEMPTS ? null : clock() + nextDelay(attempts, retryBaseMs);
      await store.failed(d.id, status, (err as Error).message, next);
    }
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
        const p = send(d).catch((err) => log.error({ err }, 'webhook send failed')).finally(() => inFlight.delete(p));
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
