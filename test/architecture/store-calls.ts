// Store calls made while a measured step runs, by `store.method`, for the architecture cost tests.

/**
 * Replaces each method of each store (in place, so the routes' references see it) with one that
 * counts its calls while `counting()` is true. Returns the counts, which the caller clears.
 */
export function countStoreCalls(stores: Record<string, object>, counting: () => boolean): Map<string, number> {
  const calls = new Map<string, number>();
  for (const [name, target] of Object.entries(stores)) {
    for (const key of Object.keys(target)) {
      const value = (target as Record<string, unknown>)[key];
      if (typeof value !== 'function') continue;
      (target as Record<string, unknown>)[key] = (...args: unknown[]) => {
        if (counting()) calls.set(`${name}.${key}`, (calls.get(`${name}.${key}`) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    }
  }
  return calls;
}
