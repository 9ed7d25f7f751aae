// Transactions that may lose a race to another process: PostgreSQL aborts one side of a
// deadlock (40P01) or of a serialization conflict (40001); running the whole transaction again
// is correct because nothing of the aborted attempt was committed.

/** Attempts in all, the first included; a conflict that survives this many is a real problem. */
const ATTEMPTS = 4;

const RETRYABLE = new Set(['40P01', '40001']);

/** Thrown by a transaction that saw a row vanish between two of its statements: try again. */
export class RaceLost extends Error {}

/** The SQLSTATE of a PostgreSQL error, also when drizzle wrapped it (DrizzleQueryError.cause). */
export function pgErrorCode(err: unknown): string | null {
  for (let e = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return null;
}

export async function retryingRaces<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const retryable = err instanceof RaceLost || RETRYABLE.has(pgErrorCode(err) ?? '');
      if (!retryable || attempt >= ATTEMPTS) throw err;
    }
  }
}
