// The embedded default: one SQLite file, one process.
import type { StoreRules } from '../../routing/store-rules';
import type { Backend } from '../backend';
import { createAdminOps } from './admin-ops';
import { createCalendarOps } from './calendar-ops';
import { startCheckpointer } from './checkpointer';
import { createCallbackGuardOps } from './callback-guard-ops';
import { eraseSubject } from './erasure-ops';
import { createFormsOps } from './forms-ops';
import { openDatabase } from './open';
import { createReportFactsOps } from './report-facts';
import { createReportStagesOps } from './report-stages';
import { createReportsOps } from './reports-ops';
import { createSitesAdminOps } from './sites-admin-ops';
import { createPushOps } from './push-ops';
import { createSlaOps } from './sla-ops';
import { createSqliteStore } from './sqlite-store';
import { createTrackingOps } from './tracking-ops';
import { createWebhookOps } from './webhook-ops';
import { createWorkspaceOps } from './workspace-ops';

/** Runs async work of the same name one after another (a promise chain per name). */
function oneAtATime(): Backend['exclusive'] {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const run = (tails.get(name) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(name, tail);
    void tail.then(() => {
      if (tails.get(name) === tail) tails.delete(name);
    });
    return run;
  };
}

/** `warn`: for trouble the store works around (a checkpointer that failed: commits checkpoint again). */
export function openSqliteBackend(path: string, rules: StoreRules, warn: (message: string) => void = () => {}): Backend {
  const db = openDatabase(path);
  // Leads captured before report facts existed get them once, before any report reads (report-facts.ts, report-stages.ts).
  createReportFactsOps(db, rules.reportFacts).backfill();
  createReportStagesOps(db, rules.funnelStages).backfill();
  const store = createSqliteStore(db, rules);
  // WAL checkpoints on a worker thread, so no commit on the event loop waits for one (checkpointer.ts).
  const checkpointer = startCheckpointer(db, path, { onError: (message) => warn(`SQLite checkpointer: ${message}`) });
  return {
    kind: 'sqlite',
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
    erase: async (workspaceId, who, actor, now) => eraseSubject(db, workspaceId, who, actor, now),
    // One process owns the file, but its requests interleave at every await: work of one name
    // runs one at a time in this process.
    exclusive: oneAtATime(),
    async close() {
      await checkpointer?.stop();
      await store.close();
    },
  };
}
