import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { openDatabase, StartupError } from './db/sqlite/open';
import { createSqliteStore } from './db/sqlite/sqlite-store';
import { createTrackingOps } from './db/sqlite/tracking-ops';
import { createAdminOps } from './db/sqlite/admin-ops';
import { createReportsOps } from './db/sqlite/reports-ops';
import { eraseSubject } from './db/sqlite/erasure-ops';
import { createSitesAdminOps } from './db/sqlite/sites-admin-ops';
import { createWebhookOps } from './db/sqlite/webhook-ops';
import { createCallbackGuardOps } from './db/sqlite/callback-guard-ops';
import { createWorkspaceOps } from './db/sqlite/workspace-ops';
import { startDispatcher } from './webhooks/dispatcher';
import { startRetention } from './tracking/retention';
import { createMailer } from './mail/mailer';
import { SiteCache } from './sites/site-cache';
import { createApp, type AppDeps } from './app';
import { createLive, liveNotifier } from './live/live';
import { OnlineReps } from './live/online-reps';
import { registerRepNamespace } from './live/rep.socket';
import { registerVisitorNamespace } from './live/visitor.socket';
import { createRouter } from './routing/router';
import { seedDemo } from './demo/seed';
import { REP_NAMESPACE, VISITOR_NAMESPACE } from '../shared/live-events';

export interface RunningServer {
  url: string;
  port: number;
  deps: AppDeps;
  /** Set when demo mode seeded a fresh database. */
  seededDemo: { siteKey: string } | null;
  /** The anonymous-events retention job (runs hourly; tests call it with a fake clock). */
  retention: { run(): Promise<{ events: number; visitors: number }> };
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  clock?: () => number;
}

/** Opens the store, wires HTTP + socket.io + routing, and listens. Used by main and by tests. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const clock = opts.clock ?? Date.now;
  const db = openDatabase(config.dbPath);
  const store = createSqliteStore(db);

  let seededDemo: { siteKey: string } | null = null;
  if (config.demo && (await store.isEmpty())) seededDemo = await seedDemo(store, clock(), config.offerTimeoutMs);
  let demoSiteKey: string | null = seededDemo?.siteKey ?? null;

  const sitesAdmin = createSitesAdminOps(db);
  const webhookStore = createWebhookOps(db);
  const online = new OnlineReps();
  // The HTTP server is created first so socket.io can attach; the app is wired after.
  let handler: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const http = createAdaptorServer({ fetch: (req: Request) => handler(req) }) as HttpServer;
  const io = createLive(http);
  const notify = liveNotifier(io);
  const router = createRouter({ store, clock, online, notify, log });
  const deps: AppDeps = {
    config,
    store,
    clock,
    log,
    router,
    notify,
    online,
    tracking: createTrackingOps(db),
    admin: createAdminOps(db),
    reports: createReportsOps(db),
    erase: async (workspaceId, who, actor, now) => eraseSubject(db, workspaceId, who, actor, now),
    mailer: createMailer(config.smtpUrl, config.mailFrom),
    kick: (userId) => io.of(REP_NAMESPACE).in(`rep:${userId}`).disconnectSockets(true),
    kickSession: async (sessionHash) => {
      for (const s of await io.of(REP_NAMESPACE).fetchSockets()) if (s.data.sessionHash === sessionHash) s.disconnect(true);
    },
    sitesAdmin,
    webhooks: webhookStore,
    guard: createCallbackGuardOps(db),
    workspace: createWorkspaceOps(db),
    sites: new SiteCache(store, sitesAdmin, clock),
    visitorSecret: await store.secret('visitor-token'),
    demoSiteKey: () => demoSiteKey,
  };
  if (config.demo && !demoSiteKey) demoSiteKey = await firstDemoSiteKey(deps);
  const app = createApp(deps);
  handler = app.fetch;
  registerRepNamespace(io.of(REP_NAMESPACE) as unknown as Parameters<typeof registerRepNamespace>[0], deps);
  registerVisitorNamespace(io.of(VISITOR_NAMESPACE) as unknown as Parameters<typeof registerVisitorNamespace>[0], deps);
  await router.start();
  const retention = startRetention(deps.tracking, config.eventRetentionDays, clock, log);
  const dispatcher = startDispatcher({ store: webhookStore, clock, log, tickMs: config.webhookTickMs, retryBaseMs: config.webhookRetryBaseMs });

  try {
    await listen(http, config.port, config.host);
  } catch (err) {
    router.stop();
    await dispatcher.stop();
    store.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use. Stop the other process or set PORT to a free port.`);
    if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}. Use a port above 1024 (PORT).`);
    throw err;
  }
  const port = (http.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    seededDemo,
    retention,
    close() {
      // Stop accepting, let in-flight requests finish, then close sockets and the database.
      closing ??= (async () => {
        router.stop();
        retention.stop();
        await dispatcher.stop();
        const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
        (http as HttpServer & { closeIdleConnections?: () => void }).closeIdleConnections?.();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await httpClosed;
        // Re-routing started by the last accepts or declines finishes before the database closes.
        await router.idle();
        store.close();
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
