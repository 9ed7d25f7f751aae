/** After this many failed attempts a delivery stops retrying and waits for a replay. */
export const MAX_ATTEMPTS = 12;
/** The longest wait between two attempts. */
const MAX_DELAY_MS = 3600_000;

/** Exponential backoff with jitter: base, 2x base, 4x base ... capped at an hour. */
export function nextDelay(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (1 + 0.2 * random()));
}
