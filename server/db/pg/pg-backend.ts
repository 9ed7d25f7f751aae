// Several processes on one PostgreSQL database: the same operations as the SQLite backend, with
// cross-process work serialised by advisory locks.
import type { StoreRules } from '../../routing/store-rules';
import type { Backend } from '../backend';
import { createAdminOps } from './admin-ops';
import { createCalendarOps } from './calendar-ops';
import { createCallbackGuardOps } from './callback-guard-ops';
import { eraseSubject } from './erasure-ops';
import { createFormsOps } from './forms-ops';
import { openPostgres, withAdvisoryLock } from './open';
import { createPgStore } from './pg-store';
import { createReportsOps } from './reports-ops';
import { createSitesAdminOps } from './sites-admin-ops';
import { createPushOps } from './push-ops';
import { createSlaOps } from './sla-ops';
import { backfillFacts } from './report-facts';
import { backfillStageFacts } from './report-stages';
import { createTrackingOps } from './tracking-ops';
import { createWebhookOps } from './webhook-ops';
import { createWorkspaceOps } from './workspace-ops';

export async function openPostgresBackend(url: string, rules: StoreRules): Promise<Backend> {
  const db = await openPostgres(url);
  // Leads captured before report facts existed get them once, by one process of a cluster (report-facts.ts, report-stages.ts).
  await withAdvisoryLock(db, 'sixty:report-facts', async () => {
    await backfillFacts(db, rules.reportFacts);
    await backfillStageFacts(db, rules.funnelStages);
  });
  const store = createPgStore(db, rules);
  return {
    kind: 'postgres',
    store,
    tracking: createTrackingOps(db, rules),
    reports: createReportsOps(db, rules),
    admin: createAdminOps(db),
    workspace: createWorkspaceOps(db, rules),
    sitesAdmin: createSitesAdminOps(db),
    webhooks: createWebhookOps(db),
    guard: createCallbackGuardOps(db),
    forms: createFormsOps(db),
    calendars: createCalendarOps(db),
    sla: createSlaOps(db),
    push: createPushOps(db),
    erase: (workspaceId, who, actor, now) => eraseSubject(db, workspaceId, who, actor, now),
    exclusive: (name, fn) => withAdvisoryLock(db, `sixty:${name}`, fn),
    async close() {
      await store.close();
    },
  };
}
