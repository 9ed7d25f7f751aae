// A Sixty cluster in miniature for the cluster tests: N real processes (`node --import tsx
// server/main.ts`, as `npm start` runs it) on free ports, sharing one fresh PostgreSQL database
// and one Redis prefix, with the abuse limits off through their documented settings.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { OfferView } from '../../shared/api';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase, queryRows, TEST_DATABASE_URL, TEST_REDIS_URL, testRedisPrefix } from './databases';
import { connected, repSocket, signIn, TEST_DEMO_PASSWORD, type RepClient } from './test-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** How long a process may take to answer /healthz (the first one also migrates and seeds). */
const BOOT_MS = 30_000;
/** Output kept per process for failure messages. */
const KEEP_OUTPUT = 64 * 1024;

/** The README's abuse limits, each switched off with `0`. */
const NO_LIMITS = {
  SIXTY_LIMIT_CALLBACKS_PER_IP: '0',
  SIXTY_LIMIT_CALLBACKS_PER_SITE: '0',
  SIXTY_LIMIT_CALLBACKS_PER_PHONE: '0',
  SIXTY_LIMIT_EVENTS_PER_IP: '0',
  SIXTY_LIMIT_CONFIG_PER_IP: '0',
  SIXTY_LIMIT_SIGNINS_PER_IP: '0',
  SIXTY_LIMIT_API_PER_IP: '0',
  SIXTY_LIMIT_SIGNINS_PER_ACCOUNT: '0',
  SIXTY_DUPLICATE_WINDOW_MS: '0',
};

export interface ClusterOptions {
  /** Number of processes, named A, B, C…; default 3. */
  size?: number;
  /** `SIXTY_OFFER_TIMEOUT_MS` (the demo site is seeded with it); default 20 s as in production. */
  offerTimeoutMs?: number;
  /** More environment for every process (e.g. `SIXTY_SWEEP_MS`). */
  env?: Record<string, string>;
}

export interface SixtyProcess {
  /** A, B, C… */
  readonly name: string;
  /** Its `SIXTY_NODE_ID`. */
  readonly nodeId: string;
  readonly port: number;
  readonly url: string;
  readonly alive: boolean;
  /** What it printed (stdout and stderr), the last 64 KB. */
  output(): string;
  /** Sends `signal` (SIGKILL for a crash) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and database; resolves when /healthz answers. */
  restart(): Promise<void>;
}

export interface Cluster {
  nodes: SixtyProcess[];
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The demo site's key (seeded once, by the first process). */
  siteKey: string;
  /** Rows from the shared database (`?` placeholders; see queryRows). */
  rows<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Every process's output, for a failure message. */
  logs(): string;
  /** Kills every process still running, then drops the database and the Redis keys. */
  stop(): Promise<void>;
}

/** Processes still running when the test worker exits are killed with it (a failed test must not leave them). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
  });
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  if (!TEST_DATABASE_URL || !TEST_REDIS_URL)
    throw new Error('the cluster tests need SIXTY_TEST_DATABASE_URL and SIXTY_TEST_REDIS_URL: run them with npm run test:cluster');
  const size = opts.size ?? 3;
  const databaseUrl = await createTestDatabase(TEST_DATABASE_URL);
  const redisUrl = TEST_REDIS_URL;
  const redisPrefix = testRedisPrefix();
  const shared = {
    SIXTY_DATABASE_URL: databaseUrl,
    SIXTY_REDIS_URL: redisUrl,
    SIXTY_REDIS_PREFIX: redisPrefix,
    SIXTY_LOG_LEVEL: 'warn',
    SIXTY_DEMO_PASSWORD: TEST_DEMO_PASSWORD,
    SIXTY_DEMO_HISTORY: '0',
    ...(opts.offerTimeoutMs === undefined ? {} : { SIXTY_OFFER_TIMEOUT_MS: String(opts.offerTimeoutMs) }),
    ...NO_LIMITS,
    ...opts.env,
  };
  const nodes: Node[] = [];
  for (let i = 0; i < size; i++) nodes.push(new Node(String.fromCharCode(65 + i), await freePort(), shared));
  const cluster: Cluster = {
    nodes,
    databaseUrl,
    redisUrl,
    redisPrefix,
    siteKey: '',
    rows: (sql, ...params) => queryRows({ dbPath: '', databaseUrl }, sql, ...params),
    logs: () => nodes.map((n) => `----- ${n.name} (${n.url}, ${n.alive ? 'running' : 'exited'})\n${n.output() || '(no output)'}`).join('\n'),
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await dropTestDatabase(databaseUrl);
      await clearRedisPrefix(redisUrl, redisPrefix);
    },
  };
  try {
    // The first process migrates the database and seeds the demo; the others find it done.
    await nodes[0]!.start();
    await Promise.all(nodes.slice(1).map((n) => n.start()));
    const [site] = await cluster.rows<{ siteKey: string }>('select site_key as "siteKey" from sites');
    if (!site) throw new Error('the first process seeded no demo site');
    cluster.siteKey = site.siteKey;
  } catch (err) {
    const logs = cluster.logs();
    await cluster.stop().catch(() => {});
    throw new Error(`cluster did not start: ${(err as Error).message}\n${logs}`);
  }
  return cluster;
}

class Node implements SixtyProcess {
  readonly nodeId: string;
  readonly url: string;
  private child: ChildProcess | null = null;
  private out = '';

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.nodeId = `node-${name.toLowerCase()}`;
    this.url = `http://127.0.0.1:${port}`;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.out;
  }

  async start(): Promise<void> {
    if (this.alive) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', SIXTY_NODE_ID: this.nodeId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    const keep = (b: Buffer) => {
      this.out = (this.out + b.toString()).slice(-KEEP_OUTPUT);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + BOOT_MS;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`${this.name} exited (${child.exitCode ?? child.signalCode}) while starting`);
      const ok = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.name} did not answer /healthz within ${BOOT_MS} ms`);
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  restart(): Promise<void> {
    return this.start();
  }

  /** Graceful first (so its Redis presence goes at once), a kill after 10 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const force = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.kill('SIGTERM');
    clearTimeout(force);
  }
}

/** A rep signed in through the HTTP API of `node` with a live socket there, presence set. */
export async function connectRep(node: SixtyProcess, email: string, presence: 'available' | 'away'): Promise<RepClient> {
  const socket = repSocket(node.url, await signIn(node.url, email));
  await connected(socket);
  const set = await socket.emitWithAck('presence:set', presence);
  if (!set.ok) throw new Error(`${email} could not set ${presence} on ${node.name}: ${set.error}`);
  return socket;
}

/** A console API call (`/v1/console…`) with a session cookie; JSON in and out. */
export async function consoleCall(node: SixtyProcess, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${node.url}/v1/console${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

/**
 * Waits until `node` derives these presences (by rep name) in its supervisor view: what its own
 * routing will decide with, from choices and connections made on any process.
 */
export async function presenceSeenBy(node: SixtyProcess, adminCookie: string, expected: Record<string, string>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  let seen: Record<string, string> = {};
  while (Date.now() < deadline) {
    const res = await consoleCall(node, adminCookie, 'GET', '/supervisor');
    if (res.status !== 200) throw new Error(`supervisor view on ${node.name}: ${res.status}`);
    seen = Object.fromEntries((res.body.reps as Array<{ name: string; presence: string }>).map((r) => [r.name, r.presence]));
    if (Object.entries(expected).every(([name, presence]) => seen[name] === presence)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${node.name} sees ${JSON.stringify(seen)}, not ${JSON.stringify(expected)}, after ${ms} ms`);
}

/** Offers arriving on a rep socket, kept by lead, to wait for by lead id. */
export function offerInbox(socket: RepClient) {
  const got = new Map<string, OfferView>();
  const waiters = new Set<(o: OfferView) => void>();
  socket.on('offer:new', (o) => {
    got.set(o.leadId, o);
    for (const f of [...waiters]) f(o);
  });
  return {
    /** The latest offer per lead. */
    got,
    /** The lead's offer already here, else the next one; `except` skips an offer already seen (a re-offer is awaited). */
    offerFor(leadId: string, ms = 10_000, except?: string): Promise<OfferView> {
      const have = got.get(leadId);
      if (have && have.offerId !== except) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const take = (o: OfferView) => {
          if (o.leadId !== leadId || o.offerId === except) return;
          waiters.delete(take);
          clearTimeout(timer);
          resolve(o);
        };
        const timer = setTimeout(() => {
          waiters.delete(take);
          reject(new Error(`no offer for lead ${leadId} within ${ms} ms`));
        }, ms);
        waiters.add(take);
      });
    },
  };
}
