import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { StartupError } from './db/startup-error';
import { openBackend } from './db/backend';
import { storeRules } from './routing/store-rules';
import { startClusterSweeper } from './routing/cluster-sweeper';
import type { Scheduler } from './routing/scheduler';
import { startCluster, type Cluster } from './cluster';
import { MemoryRateLimiter } from './http/rate-limit';
import { MemoryBotFilter } from './tracking/bot-filter';
import { LocalOnlineReps } from './live/online-reps';
import { startDispatcher } from './webhooks/dispatcher';
import { allowListFrom, createGuardedFetch } from './net';
import { startRetention, type Removed } from './tracking/retention';
import { createMailer } from './mail/mailer';
import type { DevicePush } from './push/device-push';
import { SiteKeyCache } from './sites/site-key-cache';
import { FormTests } from './forms/form-tests';
import { createApp, type AppDeps } from './app';
import { createLive, liveNotifier } from './live/live';
import { registerRepNamespace } from './live/rep.socket';
import { registerVisitorNamespace } from './live/visitor.socket';
import { createMeetings } from './booking/meetings';
import { createRouter } from './routing/router';
import { retireKnownDemoPassword, seedDemo } from './demo/seed';
import { seedDemoHistory } from './demo/seed-history';
import { knownDemoPassword, newDemoPassword } from './demo/demo-credentials';
import { REP_NAMESPACE, VISITOR_NAMESPACE } from '../shared/live-events';
import { calendarPort } from './calendar/caldav-port';
import type { CalendarPort } from './calendar/calendar-port';
import { createCalendarConnector } from './calendar/calendar-connector';
import { startDigests } from './sla/digests';
import { createDevicePush } from './push/push-delivery';
import { newVapidKeys, pushSender } from './push/push-sender';
import { vapidSubject } from './push/push-message.core';

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  /** Set when demo mode seeded a fresh database. */
  seededDemo: { siteKey: string } | null;
  /** The retention job (runs hourly; tests call it with a fake clock). */
  retention: { run(): Promise<Removed> };
  /** Pushes to reps' devices (tests wait for them with idle()). */
  devicePush: { idle(): Promise<void> };
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Level of the line per request; `info` (the access log) unless a terminal wants quiet. */
  requestLogLevel?: 'info' | 'debug';
  clock?: () => number;
  /** Routing's timers (offer expiry, booked callbacks, SLA checks); real timers on `clock` unless given. */
  scheduler?: Scheduler;
  /** Reps' calendars as booking sees them; the CalDAV one (server/calendar/caldav-port.ts) unless given. */
  calendar?: CalendarPort;
  /** Reps' installed devices as routing reaches them: the real Web Push unless a test gives its own. */
  devices?: DevicePush;
}

/** Opens the store, wires HTTP + socket.io + routing, and listens. Used by main and by tests. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const clock = opts.clock ?? Date.now;
  if (config.redisUrl && !config.databaseUrl)
    log.warn('SIXTY_REDIS_URL is set without SIXTY_DATABASE_URL: several processes need PostgreSQL to share; on one SQLite file, run one process');
  const backend = await openBackend(config, storeRules, (message) => log.warn(message));
  const { store } = backend;
  let cluster: Cluster | null = null;
  try {
    // Before anything commits events (seeding, routing, requests): a cursor first set by a later
    // fan-out would start at the then-current end and skip the events committed in between.
    await backend.webhooks.startCursors();
    cluster = config.redisUrl ? await startCluster(config, log) : null;
  } catch (err) {
    await backend.close();
    throw err;
  }
  // Several processes may share this database: due work is found by sweeping it, not by timers alone.
  const clustered = backend.kind === 'postgres' || config.redisUrl !== null;

  let seededDemo: { siteKey: string } | null = null;
  // Processes of a cluster starting together seed the demo once: the check and the seed run under one lock.
  if (config.demo)
    seededDemo = await backend.exclusive('demo-seed', async () => {
      if (!(await store.isEmpty())) return null;
      const demo = await seedDemo(store, clock(), config.offerTimeoutMs, newDemoPassword(config));
      // In the same lock, on the same empty database only: a restart never plays it again.
      if (config.demoHistory) {
        const started = Date.now();
        const leads = await seedDemoHistory({ store, admin: backend.admin, sla: backend.sla, tracking: backend.tracking }, demo.workspace, clock());
        log.info({ leads, ms: Date.now() - started }, 'demo history seeded');
      }
      return { siteKey: demo.siteKey };
    });
  let demoSiteKey: string | null = seededDemo?.siteKey ?? null;
  if (config.demo && !seededDemo) {
    // A demo seeded with the old fixed password gets a password of its own.
    const known = knownDemoPassword(config);
    await backend.exclusive('demo-seed', async () => {
      if (!(await retireKnownDemoPassword(store, backend.admin, known ?? newDemoPassword(config), clock()))) return;
      log.warn("the demo users had the old fixed password; they now have this install's own (npm run demo:credentials prints it)");
    });
  }

  const sitesAdmin = backend.sitesAdmin;
  const webhookStore = backend.webhooks;
  /** Singleton work (webhook delivery, retention) runs in the lease holder only when processes share the database. */
  const lease = (name: string, ttlMs: number) => (clustered ? () => store.takeLease(name, config.nodeId, ttlMs, Date.now()) : undefined);
  const online = cluster?.online ?? new LocalOnlineReps();
  // The HTTP server is created first so socket.io can attach; the app is wired after.
  let handler: (req: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  // The adapter's env ({ incoming, outgoing }) is handed on: bodies are read from Node's request
  // (http/body.ts bodyText); without it every body read built a web Request with streams and an
  // AbortSignal (a quarter of a 1-event ingest request's cost, bare endpoint included).
  const http = createAdaptorServer({ fetch: (req: Request, env: unknown) => handler(req, env) }) as HttpServer;
  const io = createLive(http, cluster?.redis);
  const notify = liveNotifier(io);
  // Every request to a user-given URL (webhooks, calendar servers) goes through one guard.
  const outbound = createGuardedFetch({ allow: allowListFrom(config.fetchAllow) });
  // Where the reps' calendars come in: booking reads busy times and writes meetings through this port.
  const calendar = opts.calendar ?? calendarPort({ calendars: backend.calendars, key: config.calendarKey, outbound, log, clock });
  // Web Push: the install's VAPID keys are made on first start and kept in the database.
  const vapid = await backend.push.vapidKeys(newVapidKeys, clock());
  const devices = createDevicePush({
    push: backend.push,
    offerView: (offerId) => store.offerView(offerId),
    leadCard: (leadId, workspaceId) => store.leadCard(leadId, workspaceId),
    send: pushSender({ outbound, keys: vapid, subject: vapidSubject(config.mailFrom, config.publicUrl) }),
    notify,
    clock,
    log,
  });
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  // Links in digests and alerts go to the public origin (SIXTY_PUBLIC_URL), else the address the server listens on (set after listen).
  let origin = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const router = createRouter({
    store,
    clock,
    online,
    notify,
    log,
    clustered,
    calendar,
    mailer,
    consoleUrl: () => `${origin}/console/`,
    devices: opts.devices ?? devices,
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
  });
  const digests = startDigests({
    sla: backend.sla,
    reports: backend.reports,
    mailer,
    clock,
    log,
    origin: () => origin,
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
  });
  const meetings = createMeetings({ store, calendar, router, mailer, clock, log, secret: await store.secret('meeting-links') });
  const deps: AppDeps = {
    config,
    store,
    clock,
    log,
    ...(opts.requestLogLevel ? { requestLogLevel: opts.requestLogLevel } : {}),
    router,
    notify,
    online,
    tracking: backend.tracking,
    admin: backend.admin,
    reports: backend.reports,
    erase: backend.erase,
    mailer,
    calendar,
    meetings,
    kick: (userId) => io.of(REP_NAMESPACE).in(`rep:${userId}`).disconnectSockets(true),
    // Every rep socket joins its session's room, so this reaches sockets on any process at once.
    kickSession: async (sessionHash) => io.of(REP_NAMESPACE).in(`session:${sessionHash}`).disconnectSockets(true),
    limiter: cluster?.limiter ?? new MemoryRateLimiter(),
    botFilter: cluster?.botFilter ?? new MemoryBotFilter(),
    sitesAdmin,
    webhooks: webhookStore,
    guard: backend.guard,
    forms: backend.forms,
    formTests: new FormTests(await store.secret('form-test')),
    workspace: backend.workspace,
    sites: new SiteKeyCache(store, sitesAdmin, clock, cluster?.sitePeers),
    visitorSecret: await store.secret('visitor-token'),
    demoSiteKey: () => demoSiteKey,
    exclusive: (name, fn) => backend.exclusive(name, fn),
    sla: backend.sla,
    digests,
    calendarConnector: createCalendarConnector({ calendars: backend.calendars, key: config.calendarKey, outbound, port: calendar, clock }),
    push: backend.push,
    vapidPublicKey: vapid.publicKey,
  };
  if (config.demo && !demoSiteKey) demoSiteKey = await firstDemoSiteKey(deps);
  const app = createApp(deps);
  handler = app.fetch;
  registerRepNamespace(io.of(REP_NAMESPACE) as unknown as Parameters<typeof registerRepNamespace>[0], deps);
  registerVisitorNamespace(io.of(VISITOR_NAMESPACE) as unknown as Parameters<typeof registerVisitorNamespace>[0], deps);
  await router.start();
  const sweeper = clustered ? startClusterSweeper(router, config.sweepMs, log, { clock, ...(opts.scheduler ? { scheduler: opts.scheduler } : {}) }) : null;
  const retention = startRetention({
    tracking: deps.tracking,
    guard: deps.guard,
    eventDays: config.eventRetentionDays,
    requestWindowMs: config.limits.duplicateWindowMs,
    clock,
    log,
    mayRun: lease('retention', 2 * 3600_000),
  });
  const dispatcher = startDispatcher({
    store: webhookStore,
    outbound,
    clock,
    log,
    tickMs: config.webhookTickMs,
    retryBaseMs: config.webhookRetryBaseMs,
    mayRun: lease('webhooks', Math.max(5000, 5 * config.webhookTickMs)),
  });

  try {
    await listen(http, config.port, config.host);
  } catch (err) {
    router.stop();
    await sweeper?.stop();
    retention.stop();
    await dispatcher.stop();
    await digests.stop();
    await devices.stop();
    // The adapter's Redis connections would keep the process alive.
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await cluster?.close();
    await backend.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use. Stop the other process or set PORT to a free port.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}. Use a port above 1024 (PORT).`);
    throw err;
  }
  const port = (http.address() as AddressInfo).port;
  origin = config.publicUrl ?? `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  digests.start();

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    seededDemo,
    retention,
    devicePush: devices,
    close() {
      // Stop accepting, let in-flight requests finish, then close sockets and the database.
      closing ??= (async () => {
        router.stop();
        await sweeper?.stop();
        retention.stop();
        await dispatcher.stop();
        await digests.stop();
        const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
        (http as HttpServer & { closeIdleConnections?: () => void }).closeIdleConnections?.();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await httpClosed;
        // Re-routing started by the last accepts or declines finishes before the database closes,
        // as do calendar writes and invites of the last bookings.
        await router.idle();
        await meetings.idle();
        // Pushes in flight finish; waits between retries end.
        await devices.stop();
        // Presence goodbye and Redis after socket.io (its adapter publishes while closing).
        await cluster?.close();
        await backend.close();
      })();
      return closing;
    },
  };
}

/** With demo mode on an already-seeded database, `/demo` still needs a site key. */
async function firstDemoSiteKey(deps: AppDeps): Promise<string | null> {
  const admin = await deps.store.userByEmail('admin@demo.sixty');
  if (!admin) return null;
  const sites = await deps.store.sitesOfWorkspace(admin.workspaceId);
  return sites[0]?.siteKey ?? null;
}

function listen(http: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
}
