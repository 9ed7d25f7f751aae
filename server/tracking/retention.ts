import type { Logger } from 'pino';
import type { TrackingStore } from './tracking-store';

const DAY_MS = 24 * 3600 * 1000;
/** Retention is a daily concern; once an hour keeps the table trimmed without measurable cost. */
const EVERY_MS = 3600 * 1000;

/** Runs the anonymous-events retention now and then every hour; `days` 0 keeps everything. */
export function startRetention(tracking: TrackingStore, days: number, clock: () => number, log: Logger, mayRun?: () => Promise<boolean>) {
  async function run() {
    // In a cluster one process (the lease holder) purges; the others would only repeat it.
    if (days <= 0 || (mayRun && !(await mayRun()))) return { events: 0, visitors: 0 };
    const removed = await tracking.purgeAnonymous(clock() - days * DAY_MS);
    if (removed.events || removed.visitors) log.info({ ...removed, days }, 'retention: removed anonymous behaviour');
    return removed;
  }
  const timer = setInterval(() => void run().catch((err) => log.error({ err }, 'retention failed')), EVERY_MS);
  timer.unref();
  void run().catch((err) => log.error({ err }, 'retention failed'));
  return { run, stop: () => clearInterval(timer) };
}
