// PostgreSQL in the test process: PGlite (PostgreSQL compiled to WebAssembly) behind a socket,
// so node-postgres, and so the PostgreSQL store as the app opens it (server/db/pg/open.ts), talks
// to it over a real wire. `npm test` runs the store's contract tests on it without a server.
//
// PGlite is one PostgreSQL session. Several connections share it by taking turns: a connection
// that starts a statement keeps the session until its statement (or transaction) ends, and the
// others wait. So pools and clients work as on a server, one transaction at a time; what needs
// real concurrency (races, lock waits, two migrators at once) stays in the cluster suite.
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../server/db/pg/open';

export interface PgliteDatabase {
  /** postgres:// URL of the socket; the database name in it is ignored (PGlite holds one). */
  url: string;
  /** Empties every table of the public schema (the schema and applied migrations stay), for reuse once no client is connected. */
  empty(): Promise<void>;
  close(): Promise<void>;
}

interface Job {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

/** The first byte of a frontend message; the startup packet starts with its length (0 first). */
const STARTUP = 0x00;
const SIMPLE_QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const TERMINATE = 0x58; // 'X'

/** Messages after which the server answers ReadyForQuery: the session is free unless a transaction is open. */
const endsStatement = (message: Uint8Array) => [STARTUP, SIMPLE_QUERY, SYNC, TERMINATE].includes(message[0]!);

/**
 * Takes the place of pglite-socket's query queue, which hands the session over between any two
 * messages outside a transaction: node-postgres sends Parse, Bind, Execute, Sync as separate
 * messages, so a second connection's unnamed statement could land between them. Here the
 * session stays with one connection from its first message to the ReadyForQuery that leaves no
 * transaction open.
 */
class TurnTaking {
  private waiting: Job[] = [];
  /** The connection whose statement or transaction is in progress, if any. */
  private holder: number | null = null;
  private draining = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  private next(): Job | undefined {
    const i = this.holder === null ? 0 : this.waiting.findIndex((j) => j.handlerId === this.holder);
    return i < 0 ? undefined : this.waiting.splice(i, 1)[0];
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.next(); job; job = this.next()) {
        this.holder = job.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(job.message, {
              onRawData: (data) => {
                bytes += data.length;
                job.onData(data);
              },
            }),
          );
          job.resolve(bytes);
        } catch (err) {
          job.reject(err);
        }
        if (endsStatement(job.message) && !this.db.isInTransaction()) this.holder = null;
      }
    } finally {
      this.draining = false;
    }
  }

  /** Called by the socket handler when its connection goes. */
  clearQueueForHandler(handlerId: number): void {
    for (const job of this.waiting.filter((j) => j.handlerId === handlerId)) job.reject(new Error('connection closed'));
    this.waiting = this.waiting.filter((j) => j.handlerId !== handlerId);
  }

  /** A connection that leaves mid-transaction: roll it back and free the session. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.holder !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('rollback');
    this.holder = null;
    void this.drain();
  }
}

const PGLITE_VERSION = (
  JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Compiled once per test process: compiling PostgreSQL's WebAssembly is the slow part of a start. */
let runtime: Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>> | undefined;
function loadRuntime() {
  runtime ??= (async () => {
    const file = (name: string) => readFileSync(new URL(`../../node_modules/@electric-sql/pglite/dist/${name}`, import.meta.url));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([WebAssembly.compile(file('pglite.wasm')), WebAssembly.compile(file('initdb.wasm'))]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([file('pglite.data')]) };
  })();
  return runtime;
}

/**
 * Data directories made once, an empty cluster (after initdb) and one migrated, kept on disk for
 * the next test processes: initdb is the slowest step of a start. The name carries PGlite's
 * version and a hash of the migrations, so a new migration makes a new one.
 */
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/sixty-pglite/', import.meta.url));

function cacheName(kind: 'blank' | 'migrated'): string {
  const hash = createHash('sha256').update(PGLITE_VERSION);
  if (kind === 'migrated') {
    const dir = fileURLToPath(new URL('../../server/db/migrations-pg/', import.meta.url));
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(dir, file);
      if (statSync(path).isFile()) hash.update(file).update(readFileSync(path));
    }
  }
  return join(CACHE_DIR, `${kind}-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Reads the cached data directory, or makes it with `make` and writes it (atomically: processes run side by side). */
async function cached(kind: 'blank' | 'migrated', make: () => Promise<Blob>): Promise<Blob> {
  const path = cacheName(kind);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const made = await make();
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await made.arrayBuffer()));
  renameSync(partial, path);
  return made;
}

let blank: Promise<Blob> | undefined;
let migrated: Promise<Blob> | undefined;

function blankDataDir(): Promise<Blob> {
  blank ??= cached('blank', async () => {
    const db = await PGlite.create(await loadRuntime());
    try {
      return await db.dumpDataDir('none');
    } finally {
      await db.close();
    }
  });
  return blank;
}

function migratedDataDir(): Promise<Blob> {
  migrated ??= cached('migrated', async () => {
    const db = await PGlite.create({ ...(await loadRuntime()), loadDataDir: await blankDataDir() });
    const server = await serve(db);
    try {
      // The store's own open function migrates it, as the app would.
      const pool = await openPostgres(server.url, { max: 1 });
      await pool.$client.end();
    } finally {
      await server.close();
    }
    try {
      return await db.dumpDataDir('none');
    } finally {
      await db.close();
    }
  });
  return migrated;
}

/** Serves `db` on a free port of 127.0.0.1, connections taking turns. */
async function serve(db: PGlite): Promise<Omit<PgliteDatabase, 'empty'>> {
  const turns = new TurnTaking(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket) => {
    // The handler only calls enqueue/clear*: the three methods TurnTaking has.
    const handler = new PGLiteSocketHandler({
      queryQueue: turns as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A spare database kept for reuse must not keep the test process alive.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async close() {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A fresh PostgreSQL database in this process, already migrated by the store's open function
 * (`migrated: false` gives an empty one, to watch migrations run).
 */
export async function startPglite({ migrated: withSchema = true } = {}): Promise<PgliteDatabase> {
  const loadDataDir = await (withSchema ? migratedDataDir() : blankDataDir());
  const db = await PGlite.create({ ...(await loadRuntime()), loadDataDir });
  const server = await serve(db);
  return {
    url: server.url,
    async empty() {
      const { rows } = await db.query<{ name: string }>("select quote_ident(tablename) as name from pg_tables where schemaname = 'public'");
      if (rows.length) await db.exec(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
    },
    async close() {
      await server.close();
      await db.close();
    },
  };
}
