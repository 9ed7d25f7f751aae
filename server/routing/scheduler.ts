// When routing must act later (an offer's expiry, a booked callback, an SLA deadline, hours
// opening), it asks a Scheduler. Injected so tests and the simulation drive time by hand.

export interface Scheduler {
  /** Runs `run` at clock time `at` (at once when past), replacing any task with the same key. */
  set(key: string, at: number, run: () => Promise<void>): void;
  cancel(key: string): void;
  /** Cancels everything (server stop). */
  clear(): void;
}

/** setTimeout's longest delay; longer waits re-arm on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Real timers, unref'd so they never keep the process alive. */
export function timerScheduler(clock: () => number, onError: (err: unknown) => void): Scheduler {
  const timers = new Map<string, NodeJS.Timeout>();
  const arm = (key: string, at: number, run: () => Promise<void>) => {
    const delay = Math.max(0, at - clock());
    const timer = setTimeout(
      () => {
        timers.delete(key);
        // Timers may fire a millisecond before the clock reaches `at`; the store would then find
        // the offer not yet due and nothing would retry. Never run early.
        if (clock() < at) return arm(key, at, run);
        run().catch(onError);
      },
      Math.min(delay, MAX_DELAY_MS),
    );
    timer.unref();
    timers.set(key, timer);
  };
  return {
    set(key, at, run) {
      clearTimeout(timers.get(key));
      arm(key, at, run);
    },
    cancel(key) {
      clearTimeout(timers.get(key));
      timers.delete(key);
    },
    clear() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
