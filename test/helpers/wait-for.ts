// Tests wait for the condition they need, not for a fixed time: a busy CI machine stretches any
// sleep, and a fast one cuts it short.

/** What `check` may give: a value means done; undefined, null or false means not yet. */
type Check<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/**
 * Polls `check` every `everyMs` until it gives a value, and returns that value; fails naming
 * `what` once `ms` have passed.
 */
export async function waitFor<T>(what: string, check: Check<T>, ms = 10_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
