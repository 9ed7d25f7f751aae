// Group commit: write operations asked for in the same turn of the event loop (a burst of
// captures) run in one SQLite transaction, each in its own savepoint, and every caller's promise
// settles only once that transaction committed, so an acknowledged lead is still a committed one.
// One BEGIN/COMMIT (and one write of the WAL pages they share) instead of one per operation; the
// routing roster is read once per workspace and carried between decisions (routing/carry-roster.core.ts).
// A failing operation rolls back its own savepoint and rejects only its caller.
import type { Tx } from './context';
import type { Db } from './open';
import type { RosterMemo } from './routing-snapshot';

export interface GroupWork<T> {
  run(tx: Tx, rosters: RosterMemo): T;
  /**
   * True when the work keeps `rosters` true to its writes (it routes only through routeIn); any
   * other work may change reps' counts behind the carried rosters, which are then read again.
   */
  keepsRosters: boolean;
}

export type GroupCommit = <T>(work: GroupWork<T>) => Promise<T>;

interface Pending {
  work: GroupWork<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Operations per transaction, at most: enough to share the commit and the roster read, few enough
 * that one batch holds the event loop (socket pushes, accepts, other requests) for milliseconds.
 */
export const MAX_BATCH = 16;

/**
 * A burst is on when the last batch committed this recently: the next one then waits
 * BURST_WINDOW_MS to gather the captures arriving meanwhile (one roster read and one commit for
 * all of them). Between bursts (steady traffic, a few a second) a batch goes at once.
 */
const BURST_GAP_MS = 10;
export const BURST_WINDOW_MS = 2;

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

export function createGroupCommit(db: Db): GroupCommit {
  let queue: Pending[] | null = null;
  let flushedAt = -Infinity;
  // Prepared once: drizzle's nested transaction would prepare both statements for every operation.
  const savepoint = db.$client.prepare('savepoint group_work');
  const release = db.$client.prepare('release group_work');
  const rollback = db.$client.prepare('rollback to group_work');

  /** One operation in its savepoint: rolled back alone when it throws. */
  function inSavepoint(tx: Tx, p: Pending, rosters: RosterMemo): unknown {
    savepoint.run();
    try {
      const value = p.work.run(tx, rosters);
      release.run();
      return value;
    } catch (err) {
      rollback.run();
      release.run();
      throw err;
    }
  }

  function flush() {
    const batch = (queue ?? []).splice(0, MAX_BATCH);
    if (queue?.length) setImmediate(flush);
    else queue = null;
    const outcomes: Outcome[] = [];
    try {
      db.transaction((tx) => {
        const rosters: RosterMemo = new Map();
        for (const p of batch) {
          try {
            outcomes.push({ ok: true, value: inSavepoint(tx, p, rosters) });
            if (!p.work.keepsRosters) rosters.clear();
          } catch (err) {
            // Its savepoint is rolled back: what it carried into the rosters never happened.
            rosters.clear();
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    } finally {
      flushedAt = performance.now();
    }
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.err);
    });
  }

  return <T>(work: GroupWork<T>) =>
    new Promise<T>((resolve, reject) => {
      if (!queue) {
        queue = [];
        // After the I/O callbacks of this turn: every request parsed in it joins the batch; in a
        // burst, those of the next few milliseconds too.
        if (performance.now() - flushedAt < BURST_GAP_MS) setTimeout(flush, BURST_WINDOW_MS);
        else setImmediate(flush);
      }
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
    });
}
