import type { Logger } from 'pino';
import type { CallbackGuardStore } from '../callbacks/callback-guard-store';
import type { TrackingStore } from './tracking-store';

const DAY_MS = 24 * 3600 * 1000;
/** Retention is a daily concern; once an hour keeps the tables trimmed without measurable cost. */
const EVERY_MS = 3600 * 1000;
/**
 * A callback request still pending after this long was admitted by a process that died before it
 * made the lead (a request cannot live this long: Node closes it after 5 minutes).
 */
export const ORPHAN_AFTER_MS = 10 * 60_000;

/** What one run removed, by kind of row. */
export type Removed = { events: number; visitors: number; callbackRequests: number };

export interface RetentionDeps {
  tracking: TrackingStore;
  guard: CallbackGuardStore;
  /** Anonymous behaviour is kept this many days; 0 keeps it for ever. */
  eventDays: number;
  /** The longest window a callback request counts in (the daily cap, the repeat window). */
  requestWindowMs: number;
  clock: () => number;
  log: Logger;
  /** In a cluster, whether this process holds the lease for the job. */
  mayRun?: () => Promise<boolean>;
}

/** Runs retention now and then every hour: anonymous behaviour, and callback requests past use. */
export function startRetention(deps: RetentionDeps) {
  const { log } = deps;
  async function run(): Promise<Removed> {
    // In a cluster one process (the lease holder) purges; the others would only repeat it.
    if (deps.mayRun && !(await deps.mayRun())) return { events: 0, visitors: 0, callbackRequests: 0 };
    const now = deps.clock();
    const behaviour = deps.eventDays > 0 ? await deps.tracking.purgeAnonymous(now - deps.eventDays * DAY_MS) : { events: 0, visitors: 0 };
    if (behaviour.events || behaviour.visitors) log.info({ ...behaviour, days: deps.eventDays }, 'retention: removed anonymous behaviour');
    // The requests table only backs the per-phone cap and repeat joining: once a request is
    // outside both windows it is only a copy of a phone number, so it goes.
    const callbackRequests = await deps.guard.prune(now - Math.max(DAY_MS, deps.requestWindowMs), now - ORPHAN_AFTER_MS);
    if (callbackRequests) log.info({ callbackRequests }, 'retention: removed callback requests past their windows');
    return { ...behaviour, callbackRequests };
  }
  const timer = setInterval(() => void run().catch((err) => log.error({ err }, 'retention failed')), EVERY_MS);
  timer.unref();
  void run().catch((err) => log.error({ err }, 'retention failed'));
  return { run, stop: () => clearInterval(timer) };
}
