// A real Sixty server on a free port with a real SQLite file in a temp folder, or, under
// `npm run test:cluster` (SIXTY_TEST_DATABASE_URL, SIXTY_TEST_REDIS_URL), a throwaway PostgreSQL
// database and Redis prefix of its own: the same tests then check the PostgreSQL store.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { configFromEnv, type Config } from '../../server/config';
import type { Scheduler } from '../../server/routing/scheduler';
import type { CalendarPort } from '../../server/calendar/calendar-port';
import type { DevicePush } from '../../server/push/device-push';
import { startServer, type RunningServer } from '../../server/server';
import type { RepClientToServer, RepServerToClient, VisitorClientToServer, VisitorServerToClient } from '../../shared/live-events';
import { clearRedisPrefix, createTestDatabase, dropTestDatabase, queryRows, TEST_DATABASE_URL, TEST_REDIS_URL, testRedisPrefix } from './databases';

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
/**
 * A desktop Chrome User-Agent. The bot filter stays on in tests (it is on by default), and a
 * person's browser passes it; Node's fetch (`node`) and HeadlessChrome do not.
 */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The demo users' password in tests, set through `SIXTY_DEMO_PASSWORD`'s config field (a real install generates one). */
export const TEST_DEMO_PASSWORD = 'test-demo-password';

/** An origin the demo site allows (`http://localhost:*`). */
export const HOST_ORIGIN = 'http://localhost:5999';

/** The abuse limits switched off (0), as the README documents. */
export const NO_LIMITS = {
  callbacksPerIpPerMinute: 0,
  callbacksPerSitePerMinute: 0,
  eventsPerIpPerMinute: 0,
  configPerIpPerMinute: 0,
  signInsPerIpPerMinute: 0,
  signInsPerAccountPer15Min: 0,
  apiPerIpPerMinute: 0,
  callbacksPerPhonePerDay: 0,
  duplicateWindowMs: 0,
};

export interface TestServer extends RunningServer {
  dir: string;
  siteKey: string;
  stop(): Promise<void>;
}

export interface TestServerOptions extends Omit<Partial<Config>, 'limits'> {
  limits?: Partial<Config['limits']>;
  /** A fake clock for the whole server; routing's timers follow it only with a `scheduler` too. */
  clock?: () => number;
  /** Routing's timers, e.g. test/sim/fake-time's FakeScheduler, which runs them when the test moves time. */
  scheduler?: Scheduler;
  /** The demo site's time-to-submit check (ms); off (0) unless a test sets it, since browsers driven by tests fill forms in milliseconds. */
  minSubmitMs?: number;
  /** With `demo: false`: start on an empty install (no workspace, no site; `siteKey` is empty). */
  allowEmpty?: boolean;
  /** The server's logger; silent unless SIXTY_TEST_LOG sets a level. */
  log?: Logger;
  /** Reps' calendars as booking sees them; the real CalDAV port unless given. */
  calendar?: CalendarPort;
  /** Reps' installed devices as routing reaches them (a recording fake in tests); none unless given. */
  devices?: DevicePush;
}

export async function startTestServer(overrides: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sixty-test-'));
  const defaults = configFromEnv({}, { distDir: DIST });
  const { limits: limitOverrides, minSubmitMs, clock, scheduler, allowEmpty, log, calendar, devices, ...rest } = overrides;
  const dbPath = rest.dbPath ?? join(dir, 'data', 'sixty.db');
  const backing = await backingFor(dbPath, rest);
  const config: Config = {
    ...defaults,
    port: 0,
    host: '127.0.0.1',
    dbPath,
    nodeId: `test-${randomBytes(4).toString('hex')}`,
    demoPassword: TEST_DEMO_PASSWORD,
    // Tests start from the bare demo workspace (their figures are known); a test asks for the history.
    demoHistory: false,
    ...backing.config,
    ...rest,
    // Every test client comes from 127.0.0.1 and reuses a few phone numbers, so the abuse
    // limits are off here through their documented settings; test/integration/protections
    // turns each one on and proves it works.
    limits: { ...defaults.limits, ...NO_LIMITS, ...limitOverrides },
  };
  let server: RunningServer;
  try {
    server = await startServer(config, {
      log: log ?? pino({ level: process.env.SIXTY_TEST_LOG ?? 'silent' }),
      ...(clock ? { clock } : {}),
      ...(scheduler ? { scheduler } : {}),
      ...(calendar ? { calendar } : {}),
      ...(devices ? { devices } : {}),
    });
  } catch (err) {
    await backing.release();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const siteKey = server.deps.demoSiteKey() ?? '';
  if (!siteKey && !allowEmpty) throw new Error('test server has no demo site');
  const site = siteKey ? await server.deps.store.siteByKey(siteKey) : null;
  if (site) {
    const settings = await server.deps.tracking.settings(site.id);
    await server.deps.tracking.saveSettings(site.id, site.workspaceId, { ...settings, minSubmitMs: minSubmitMs ?? 0 });
  }
  return {
    ...server,
    dir,
    siteKey,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      await backing.release();
    },
  };
}

/**
 * Under test:cluster, the PostgreSQL database and Redis prefix behind a server. Keyed by its
 * SQLite path, so a test that restarts a server "on the same file" (`dbPath` of the first)
 * gets the same database back; the first server owns it and drops it when it stops.
 */
const backings = new Map<string, Pick<Config, 'databaseUrl' | 'redisUrl' | 'redisPrefix'>>();

async function backingFor(dbPath: string, asked: Partial<Config>): Promise<{ config: Partial<Config>; release(): Promise<void> }> {
  const none = { config: {}, release: async () => {} };
  if (!TEST_DATABASE_URL || asked.databaseUrl !== undefined) return none;
  const known = backings.get(dbPath);
  if (known) return { config: known, release: async () => {} };
  const config = {
    databaseUrl: await createTestDatabase(TEST_DATABASE_URL),
    redisUrl: TEST_REDIS_URL,
    redisPrefix: testRedisPrefix(),
  };
  backings.set(dbPath, config);
  return {
    config,
    async release() {
      backings.delete(dbPath);
      await dropTestDatabase(config.databaseUrl);
      if (config.redisUrl) await clearRedisPrefix(config.redisUrl, config.redisPrefix);
    },
  };
}

/**
 * Rows from the database of a test server (running or closed), on SQLite or PostgreSQL alike:
 * `?` placeholders, and SQL both engines read (see queryRows).
 */
export function rows<T>(server: { deps: { config: Pick<Config, 'dbPath' | 'databaseUrl'> } }, sql: string, ...params: unknown[]): Promise<T[]> {
  return queryRows<T>(server.deps.config, sql, ...params);
}

/** Signs in through the HTTP API and returns the session cookie (`name=value`). */
export async function signIn(url: string, email: string, password = TEST_DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/v1/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export type RepClient = Socket<RepServerToClient, RepClientToServer>;
export type VisitorClient = Socket<VisitorServerToClient, VisitorClientToServer>;

export function repSocket(url: string, cookie: string): RepClient {
  return io(`${url}/rep`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
}

export function visitorSocket(url: string, token: string, origin = HOST_ORIGIN): VisitorClient {
  return io(`${url}/visitor`, { transports: ['websocket'], auth: { token }, extraHeaders: { origin }, reconnection: false, forceNew: true });
}

export function connected(socket: { connected: boolean; once: (e: 'connect' | 'connect_error', f: (err?: Error) => void) => unknown }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Resolves with the next event's payload, or rejects after `ms`. */
export function nextEvent<T>(socket: RepClient | VisitorClient, event: string, ms = 5000): Promise<T> {
  // The typed event maps make `once` awkward to call generically; the caller names the payload type.
  const emitter = socket as unknown as { once(e: string, f: (p: T) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    emitter.once(event, (p: T) => {
      clearTimeout(timer);
      resolve(p);
    });
  });
}

/** Answers that pass the demo site's must-haves. */
export const PASSING_ANSWERS = { projects: 'commercial', size: '51-200', role: 'decision' };

export function callbackBody(siteKey: string, extra: Record<string, unknown> = {}) {
  return {
    siteKey,
    name: 'Pat Lee',
    phone: '+1 415 555 2671',
    email: 'pat@example.com',
    answers: PASSING_ANSWERS,
    pageUrl: `${HOST_ORIGIN}/pricing`,
    ...extra,
  };
}

export async function postCallback(url: string, body: unknown, opts: { origin?: string; key?: string; raw?: string; userAgent?: string } = {}) {
  const res = await fetch(`${url}/v1/callbacks${opts.key ? `?idempotencyKey=${opts.key}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: opts.origin ?? HOST_ORIGIN, 'user-agent': opts.userAgent ?? BROWSER_UA },
    body: opts.raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}
