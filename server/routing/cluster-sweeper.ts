// Cluster mode's replacement for "a timer for everything in every process": each process looks
// for due work every `everyMs` and the store's claims (SKIP LOCKED, conditional updates) make
// every expiry, SLA check and booked callback happen exactly once across the cluster. A process
// killed mid-offer is covered by the others within one sweep of the offer's expiry.
import type { Logger } from 'pino';
import type { Router } from './router';
import { timerScheduler, type Scheduler } from './scheduler';

/** Waiting leads whose wake-up timer lived in a process that is gone are re-routed this often (in sweeps). */
const WAITING_PASS_EVERY = 5;
const SWEEP_KEY = 'cluster:sweep';

export interface SweeperTime {
  clock: () => number;
  /** Real timers on `clock` unless given (tests pass a fake that runs when they move time). */
  scheduler?: Scheduler;
}

export function startClusterSweeper(router: Router, everyMs: number, log: Logger, { clock, scheduler: injected }: SweeperTime = { clock: Date.now }) {
  const scheduler = injected ?? timerScheduler(clock, (err) => log.error({ err }, 'cluster sweep timer failed'));
  let running: Promise<void> | null = null;
  let ticks = 0;
  let stopped = false;

  async function tick() {
    ticks++;
    // Drain a backlog (many offers expiring together) without waiting for the next tick.
    while (!stopped && (await router.sweep()) >= 100) {}
    if (!stopped && ticks % WAITING_PASS_EVERY === 0) await router.routeAllWaiting();
  }

  // The next sweep is armed when one ends, so a slow sweep is never overlapped by the next.
  function arm() {
    if (stopped) return;
    scheduler.set(SWEEP_KEY, clock() + everyMs, async () => {
      running = tick()
        .catch((err) => log.error({ err }, 'cluster sweep failed'))
        .finally(() => (running = null));
      await running;
      arm();
    });
  }
  arm();

  return {
    async stop() {
      stopped = true;
      scheduler.cancel(SWEEP_KEY);
      await running;
    },
  };
}
