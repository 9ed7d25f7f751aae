// Which database Sixty runs on: the embedded SQLite file by default, or PostgreSQL when
// SIXTY_DATABASE_URL is set (several processes sharing one database). Both provide the same
// domain operations; nothing above this file knows which one it got.
import type { StoreRules } from '../routing/store-rules';
import type { Store } from './store';
import type { TrackingStore } from '../tracking/tracking-store';
import type { ReportsStore } from '../reports/reports-store';
import type { AdminStore } from '../console/admin-store';
import type { WorkspaceStore } from '../console/workspace-store';
import type { SitesAdminStore } from '../sites/sites-admin-store';
import type { WebhookStore } from '../webhooks/webhook-store';
import type { CallbackGuardStore } from '../callbacks/callback-guard-store';
import type { FormsStore } from '../forms/forms-store';
import type { CalendarStore } from '../calendar/calendar-store';
import type { SlaStore } from '../sla/sla-store';
import type { PushStore } from '../push/push-store';
import type { ErasureResult, Subject } from './erasure';

export interface Backend {
  kind: 'sqlite' | 'postgres';
  store: Store;
  tracking: TrackingStore;
  reports: ReportsStore;
  admin: AdminStore;
  workspace: WorkspaceStore;
  sitesAdmin: SitesAdminStore;
  webhooks: WebhookStore;
  guard: CallbackGuardStore;
  forms: FormsStore;
  /** Reps' connected calendars (CalDAV). */
  calendars: CalendarStore;
  /** The saved marketing SLA and the numbers digest's subscriptions and sent periods. */
  sla: SlaStore;
  /** Web Push: the VAPID keys, users' devices, action tokens and delivery claims. */
  push: PushStore;
  erase: (workspaceId: string, who: Subject, actor: string, now: number) => Promise<ErasureResult>;
  /** Runs `fn` while no other process of the install runs work of this name (start-up seeding, say). */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Closes the database (checkpoints SQLite's WAL; ends PostgreSQL's pool). */
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the configured database; PostgreSQL's driver is loaded only when used.
 * `rules` are the plans its stores apply (server/routing/store-rules.ts): handed in, never imported.
 */
export async function openBackend(
  config: { dbPath: string; databaseUrl: string | null },
  rules: StoreRules,
  warn: (message: string) => void = () => {},
): Promise<Backend> {
  if (config.databaseUrl) {
    const { openPostgresBackend } = await import('./pg/pg-backend');
    return openPostgresBackend(config.databaseUrl, rules);
  }
  const { openSqliteBackend } = await import('./sqlite/sqlite-backend');
  return openSqliteBackend(config.dbPath, rules, warn);
}
