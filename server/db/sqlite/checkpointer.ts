// WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside the commit that
// crosses its threshold, on the connection that committed: in this process that is the one event
// loop, which then copies ~1,000 pages into the database file and waits for its fsync while
// every request, socket push and accept waits behind it (commits of a few hundred microseconds
// became stalls of 10–100 ms under ingest, enough to back up a full load generator's window).
// Here the main connection never checkpoints on its own; a worker thread with its own connection
// to the same file runs PASSIVE checkpoints (which never block readers or the writer) whenever the
// WAL has grown, and the commit path only appends to the WAL.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open';

/** How often the worker looks at the WAL. A busier writer finds it a little longer, never stalled. */
const EVERY_MS = 200;
/** SQLite's own threshold, for the connection's checkpoints when no worker runs them. */
const PAGES = 1000;

// Plain JavaScript evaluated in the worker: it needs only better-sqlite3, loaded from this
// package's own dependencies, and no TypeScript loader.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 0');
let stopped = false;
function step() {
  if (stopped) return;
  try {
    // [busy, frames in the WAL, frames copied]: after a full copy the next commit starts the WAL over.
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
  setTimeout(step, workerData.everyMs);
}
parentPort.on('message', (m) => {
  if (m === 'stop') { stopped = true; db.close(); parentPort.close(); }
});
step();
`;

export interface CheckpointerEvents {
  /** The worker could not checkpoint (commits checkpoint again themselves after a worker error). */
  onError?(message: string): void;
  /** After each of the worker's checkpoints: frames in the WAL, and how many of them are in the database file. */
  onCheckpoint?(result: { walFrames: number; copied: number }): void;
}

export interface Checkpointer {
  /** Stops the worker and closes its connection; the main connection's close checkpoints what is left. */
  stop(): Promise<void>;
}

/**
 * Turns the connection's automatic checkpoints off and runs them on a worker thread instead.
 * Not for `:memory:` (nothing to checkpoint, and another connection would see another database).
 */
export function startCheckpointer(db: Db, path: string, events: CheckpointerEvents = {}): Checkpointer | null {
  const { onError = () => {}, onCheckpoint = () => {} } = events;
  if (path === ':memory:' || path === '') return null;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, everyMs: EVERY_MS, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  // The worker never keeps the process alive: a server that is done exits as before.
  worker.unref();
  let ready = false;
  worker.on('message', (m: { error?: string; log?: number; checkpointed?: number }) => {
    // Only once the worker's connection is open does the main one stop checkpointing, so the WAL never goes unchecked.
    if (!ready && !m.error) {
      ready = true;
      db.$client.pragma(`wal_autocheckpoint = 0`);
    }
    if (m.error) onError(m.error);
    else onCheckpoint({ walFrames: m.log ?? 0, copied: m.checkpointed ?? 0 });
  });
  worker.on('error', (err) => {
    // Back to checkpointing on commit: slower, never unbounded.
    db.$client.pragma(`wal_autocheckpoint = ${PAGES}`);
    onError(err.message);
  });
  return {
    async stop() {
      db.$client.pragma(`wal_autocheckpoint = ${PAGES}`);
      // Kept alive while it stops: a script awaiting close() at its top level would otherwise end mid-await.
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
