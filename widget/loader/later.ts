// The loader leaves the page's loading tasks alone: what drawing the launcher does not need (the
// tracker, the consent storage, a pending request) runs later, when the page is idle.

/** Runs `run` when the page is idle, or in a task of its own where requestIdleCallback is missing. */
export const later = (run: () => void): void => void (window.requestIdleCallback || setTimeout)(run);
