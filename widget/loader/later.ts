// The loader leaves the page's loading tasks alone: what drawing the launcher does not need (the
// tracker, the consent storage, a pending request) runs later, when the page is idle.

/** At the latest this long after being asked, idle or not (a page that is never idle, a background tab). */
const LATEST_MS = 2000;

/** Runs `run` when the page is idle, or in a task of its own where requestIdleCallback is missing. */
export const later = (run: () => void): void =>
  // Safari has no requestIdleCallback.
  void ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: LATEST_MS }) : setTimeout(run));

/** Resolves with `value` when the page is idle: `.then(whenIdle)` moves the rest of a chain into a task of its own. */
export const whenIdle = <T>(value: T): Promise<T> => new Promise((resolve) => later(() => resolve(value)));
