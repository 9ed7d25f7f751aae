import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Store } from './db/store';
import type { TrackingStore } from './tracking/tracking-store';
import type { SiteKeyCache } from './sites/site-key-cache';
import type { SitesAdminStore } from './sites/sites-admin-store';
import type { WebhookStore } from './webhooks/webhook-store';
import type { WorkspaceStore } from './console/workspace-store';
import { workspaceRoutes } from './console/workspace.routes';
import type { CallbackGuardStore } from './callbacks/callback-guard-store';
import type { FormsStore } from './forms/forms-store';
import type { FormTests } from './forms/form-tests';
import { formRoutes } from './forms/forms.routes';
import { formsAdminRoutes } from './forms/forms-admin.routes';
import { bookingSettingsRoutes } from './booking/booking-settings.routes';
import { meetingRoutes } from './booking/meetings.routes';
import { feedConsoleRoutes, feedRoutes } from './booking/feed.routes';
import { webhookRoutes } from './webhooks/webhooks.routes';
import { sitesAdminRoutes } from './sites/sites-admin.routes';
import { siteRoutingRoutes } from './sites/site-routing.routes';
import { teamRoutes } from './console/teams.routes';
import { accountOwnerRoutes, repRoutes } from './console/reps.routes';
import type { AdminStore } from './console/admin-store';
import type { ErasureResult, Subject } from './db/erasure';
import { erasureRoutes } from './console/erasure.routes';
import type { ReportsStore } from './reports/reports-store';
import { reportRoutes } from './reports/reports.routes';
import type { Mailer } from './mail/mailer';
import type { Meetings } from './booking/meetings';
import { linkRoutes, userRoutes } from './console/users.routes';
import { eventRoutes } from './tracking/events.routes';
import { rulesRoutes } from './tracking/rules.routes';
import { siteSettingsRoutes } from './sites/settings.routes';
import type { OnlineReps } from './live/online-reps';
import type { RateLimiter } from './http/rate-limit';
import type { BotFilter } from './tracking/bot-filter';
import type { Notifier, Router } from './routing/router';
import { ApiFailure, clientFault, errorBody } from './http/errors';
import { limitBodies } from './http/body';
import { requestLog } from './http/request-log';
import { callbackRoutes } from './callbacks/callbacks.routes';
import { siteRoutes } from './sites/sites.routes';
import { siteLoaderRoutes } from './sites/site-loader.routes';
import { authRoutes } from './console/auth.routes';
import { leadRoutes } from './console/leads.routes';
import { requireSameOrigin } from './auth/session';
import { assetRoutes } from './static/assets.routes';
import { demoRoutes } from './demo/demo-page';
import { publicCors } from './sites/site-origin';
import { benchRoutes } from './bench/bench.routes';
import { apiDocsRoutes } from './api-docs/api-docs.routes';
import type { CalendarPort } from './calendar/calendar-port';
import type { CalendarConnector } from './calendar/calendar-connector';
import { calendarRoutes } from './calendar/calendar.routes';
import type { SlaStore } from './sla/sla-store';
import type { Digests } from './sla/digests';
import { slaRoutes } from './sla/sla.routes';
import { apiKeyRoutes, workspaceSettingsRoutes } from './console/api-keys.routes';
import { crmRoutes } from './crm/crm.routes';
import type { PushStore } from './push/push-store';
import { deviceRoutes, pushActionRoutes } from './push/push.routes';

export interface AppDeps {
  config: Config;
  store: Store;
  clock: () => number;
  log: Logger;
  /** Level of the line logged per request (see server/log/log-output.ts); `info` when unset. */
  requestLogLevel?: 'info' | 'debug';
  router: Router;
  notify: Notifier;
  /** Reps with a live socket (on any process, in a cluster). */
  online: OnlineReps;
  /** Every route's request limits: memory in one process, Redis in a cluster. */
  limiter: RateLimiter;
  /** Per-visitor event pace on the ingest path: memory in one process, Redis in a cluster. */
  botFilter: BotFilter;
  /** Signs visitor tokens; stored in the database so tokens survive restarts. */
  visitorSecret: string;
  /** Behaviour tracking and rule versions (the tracking area's store operations). */
  tracking: TrackingStore;
  /** Read-only queries behind the reports and the CSV export. */
  reports: ReportsStore;
  /** Right to erasure (one transaction, secure_delete, WAL truncated). */
  erase: (workspaceId: string, who: Subject, actor: string, now: number) => Promise<ErasureResult>;
  /** Users, invites and password resets. */
  admin: AdminStore;
  mailer: Mailer;
  /** Booking, moving and cancelling a visitor's meeting (server/booking/meetings.ts). */
  meetings: Meetings;
  /** Ends a user's live connections at once (deactivated, password changed). */
  kick: (userId: string) => void;
  /** Ends the live connections opened with one session (signed out). */
  kickSession: (sessionHash: string) => Promise<void>;
  /** Callback protections: per-phone daily cap, repeat requests joining the open lead. */
  guard: CallbackGuardStore;
  /** The site's own forms: forms seen, their mappings, mapped submissions. */
  forms: FormsStore;
  /** The marketer's "Test this form" runs: signed test tokens and their latest results. */
  formTests: FormTests;
  /** The rep workspace and the supervisor view. */
  workspace: WorkspaceStore;
  /** Outbound webhooks and their delivery log. */
  webhooks: WebhookStore;
  /** Site keys, origins, install check and appearance. */
  sitesAdmin: SitesAdminStore;
  /** Site lookups for the hot public endpoints. */
  sites: SiteKeyCache;
  /** The demo site's key, when there is one (for `/demo`). */
  demoSiteKey: () => string | null;
  /** Runs `fn` while no other request or process of the install runs work of this name (first-run setup, say). */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Reps' calendars as booking sees them: busy times, meetings written (server/calendar/caldav-port.ts). */
  calendar: CalendarPort;
  /** The console's calendar connecting: discover, connect, test, disconnect. */
  calendarConnector: CalendarConnector;
  /** The saved marketing SLA and the digest's subscriptions. */
  sla: SlaStore;
  /** The numbers digest by mail (server/sla/digests.ts): woken when a manager changes theirs. */
  digests: Pick<Digests, 'wake'>;
  /** Web Push: users' devices and the notifications' action tokens. */
  push: PushStore;
  /** The install's VAPID public key (base64url), for browsers to subscribe with. */
  vapidPublicKey: string;
}

/** The HTTP app: one small sub-app per area, one error shape for every client. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use('*', requestLog(deps.log, deps.requestLogLevel));

  const limit = limitBodies(deps.config.maxBodyBytes);
  app.use('/v1/sites/*', publicCors());
  app.use('/v1/events', publicCors());
  app.use('/v1/callbacks', publicCors());
  app.use('/v1/callbacks/*', publicCors());
  app.use('/v1/forms/*', publicCors());
  app.use('/v1/*', limit);

  // Preflight for API clients that post JSON from a browser; the real request is still
  // checked against the site's allowed origins.
  app.options('/v1/*', (c) => {
    const origin = c.req.header('origin');
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key');
      c.header('Access-Control-Max-Age', '600');
    }
    return c.body(null, 204);
  });

  app.get('/healthz', async (c) => {
    const ok = await deps.store.ping().catch(() => false);
    return c.json({ ok }, ok ? 200 : 503);
  });

  app.route('/v1/openapi.json', apiDocsRoutes());
  app.route('/v1/sites/:siteId/rules', rulesRoutes(deps));
  app.route('/v1/sites/:siteId/settings', siteSettingsRoutes(deps));
  app.route('/v1/sites', siteRoutes(deps));
  app.route('/v1/callbacks', callbackRoutes(deps));
  app.route('/v1/events', eventRoutes(deps));
  app.route('/v1/forms', formRoutes(deps));
  app.route('/v1/leads', crmRoutes(deps));
  app.route('/v1/push', pushActionRoutes(deps));
  app.use('/v1/console/*', requireSameOrigin());
  app.route('/v1/console', authRoutes(deps));
  app.route('/v1/console/leads', leadRoutes(deps));
  app.route('/v1/console/users', userRoutes(deps));
  app.route('/v1/console/reports', reportRoutes(deps));
  app.route('/v1/console/sla', slaRoutes(deps));
  app.route('/v1/console/erasures', erasureRoutes(deps));
  app.route('/v1/console/sites', sitesAdminRoutes(deps));
  app.route('/v1/console/sites', siteRoutingRoutes(deps));
  app.route('/v1/console/sites', formsAdminRoutes(deps));
  app.route('/v1/console/sites', bookingSettingsRoutes(deps));
  app.route('/v1/console/teams', teamRoutes(deps));
  app.route('/v1/console/reps', repRoutes(deps));
  app.route('/v1/console/account-owners', accountOwnerRoutes(deps));
  app.route('/v1/console/webhooks', webhookRoutes(deps));
  app.route('/v1/console/api-keys', apiKeyRoutes(deps));
  app.route('/v1/console/workspace', workspaceSettingsRoutes(deps));
  app.route('/v1/console/calendar', calendarRoutes(deps));
  app.route('/v1/console', linkRoutes(deps));
  app.route('/v1/console', workspaceRoutes(deps));
  app.route('/v1/console/feed', feedConsoleRoutes(deps));
  app.route('/v1/console', deviceRoutes(deps));
  if (deps.config.bench) app.route('/bench', benchRoutes(deps));
  app.route('/demo', demoRoutes(deps));
  app.route('/s', siteLoaderRoutes(deps));
  app.route('/meetings', meetingRoutes(deps));
  app.route('/feeds', feedRoutes(deps));
  app.get('/', (c) => c.redirect('/console/', 302));
  app.route('/', assetRoutes(deps));

  app.notFound((c) => c.json(errorBody('not_found', 'Not found'), 404));
  app.onError((err, c) => {
    if (err instanceof ApiFailure) return c.json(errorBody(err.code, err.message, err.fields), err.status);
    const fault = clientFault(err);
    if (fault) return c.json(errorBody(fault.code, fault.message), fault.status);
    deps.log.error({ err }, 'unhandled error');
    return c.json(errorBody('internal', 'Something went wrong on our side'), 500);
  });
  return app;
}
