// Sends each opted-in manager their numbers digest at 08:00 in their zone (daily, or Mondays for
// weekly). Wakes at the next send time on the injected scheduler; each period is claimed in the
// database before its mail goes out, so it is sent once across restarts and across the processes
// of a cluster (every process runs this; the claim's primary key lets one of them win).
import type { Logger } from 'pino';
import type { Mailer } from '../mail/mailer';
import type { ReportsStore } from '../reports/reports-store';
import { timerScheduler, type Scheduler } from '../routing/scheduler';
import { digestMail } from './digest-mail';
import { dueDigest, nextWake } from './digest-schedule.core';
import { headlineFigures, paceAt } from './headline';
import type { SlaStore } from './sla-store';

/** Subscriptions changed by another process are picked up within this long. */
const RECHECK_MS = 3600_000;
/** A mail the SMTP server refused is tried again this much later (its claim is released). */
const RETRY_MS = 5 * 60_000;
const KEY = 'digests';

export interface DigestDeps {
  sla: SlaStore;
  reports: ReportsStore;
  mailer: Mailer;
  clock: () => number;
  log: Logger;
  /** Real timers on `clock` unless given (tests pass a fake that runs when they move time). */
  scheduler?: Scheduler;
  /** The install's public origin, for the link to Numbers. */
  origin: () => string;
}

export interface Digests {
  /** First pass now (a period due while the server was down goes out), then at each send time. */
  start(): void;
  /** Looks again now (a manager switched theirs on, off or changed it). */
  wake(): void;
  /** One pass: sends what is due; the number of mails sent. */
  run(): Promise<number>;
  stop(): Promise<void>;
}

export function startDigests(deps: DigestDeps): Digests {
  const { sla, reports, mailer, clock, log } = deps;
  const scheduler = deps.scheduler ?? timerScheduler(clock, (err) => log.error({ err }, 'digest timer failed'));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  async function run(): Promise<number> {
    // Without SMTP nothing can go out; periods stay unclaimed, so none is lost once it is set up.
    if (!mailer.enabled) return 0;
    const now = clock();
    const recipients = await sla.digestRecipients();
    let sent = 0;
    let failed = false;
    for (const r of recipients) {
      if (stopped) break;
      const period = dueDigest(r, now);
      if (!period || !(await sla.claimDigest(r.userId, period.key, now))) continue;
      try {
        const [headline, pace] = await Promise.all([
          headlineFigures(reports, sla, r.workspaceId, period.from, period.to),
          paceAt(reports, sla, r.workspaceId, r.timeZone, now),
        ]);
        await mailer.send(
          digestMail({ to: r.email, name: r.name, cadence: r.cadence, timeZone: r.timeZone, period, headline, pace, link: `${deps.origin()}/console/numbers` }),
        );
        sent++;
      } catch (err) {
        failed = true;
        log.warn({ err, userId: r.userId, period: period.key }, 'digest not sent; will retry');
        await sla.releaseDigest(r.userId, period.key);
      }
    }
    if (sent) log.info({ sent }, 'numbers digests sent');
    arm(nextWake(recipients, now, now + (failed ? RETRY_MS : RECHECK_MS)));
    return sent;
  }

  function arm(at: number) {
    if (stopped) return;
    scheduler.set(KEY, at, async () => {
      running = run().catch((err) => {
        log.error({ err }, 'digest pass failed');
        arm(clock() + RETRY_MS);
      });
      await running;
    });
  }
  return {
    // Called once the server listens, so the first links name the origin it is reached at.
    start: () => arm(clock()),
    wake: () => arm(clock()),
    run,
    async stop() {
      stopped = true;
      scheduler.cancel(KEY);
      await running;
    },
  };
}
