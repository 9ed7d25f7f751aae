// The embedded default: one SQLite file, one process.
import type { Backend } from '../backend';
import { createAdminOps } from './admin-ops';
import { createCallbackGuardOps } from './callback-guard-ops';
import { eraseSubject } from './erasure-ops';
import { openDatabase } from './open';
import { createReportsOps } from './reports-ops';
import { createSitesAdminOps } from './sites-admin-ops';
import { createSqliteStore } from './sqlite-store';
import { createTrackingOps } from './tracking-ops';
import { createWebhookOps } from './webhook-ops';
import { createWorkspaceOps } from './workspace-ops';

export function openSqliteBackend(path: string): Backend {
  const db = openDatabase(path);
  const store = createSqliteStore(db);
  return {
    kind: 'sqlite',
    store,
    tracking: createTrackingOps(db),
    reports: createReportsOps(db),
    admin: createAdminOps(db),
    workspace: createWorkspaceOps(db),
    sitesAdmin: createSitesAdminOps(db),
    webhooks: createWebhookOps(db),
    guard: createCallbackGuardOps(db),
    erase: async (workspaceId, who, actor, now) => eraseSubject(db, workspaceId, who, actor, now),
    // One process owns the file: nothing else can run the same work.
    exclusive: (_name, fn) => fn(),
    async close() {
      await store.close();
    },
  };
}
