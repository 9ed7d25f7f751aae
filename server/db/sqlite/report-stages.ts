// The stage facts kept on each lead row (leads.report_<step>_at, report_exits: report-rows.ts
// refreshStageFactsSql): worked out again from the lead's changes whenever one is written, in the
// same transaction; backfilled once for leads written before they existed; and worked out on read
// for any lead still without them, so a report reads its range of leads and no other table per lead.
import type { FunnelStages } from '../../reports/funnel.core';
import { refreshStageFactsSql, REPORT_STAGES_BACKFILL, stageFactsByIdSql, type StageFactColumns } from '../report-rows';
import type { Db } from './open';
import { backfillLeads } from './report-facts';

/** Leads worked out per statement: bounded so a backfill never holds the writer long. */
const BATCH = 500;

const IDS = '(select value from json_each(@ids))';

export interface ReportStagesOps {
  /** Works the stage facts of these leads out and stores them (call inside the write's transaction, after its changes). */
  refresh(ids: readonly string[]): void;
  /** The stage facts of these leads, worked out from their changes (no writes). */
  factsOf(ids: readonly string[]): StageFactColumns[];
  /** Stores the stage facts of every lead without them, once per database (marked in `settings`); returns how many. */
  backfill(): number;
}

export function createReportStagesOps(db: Db, stages: FunnelStages): ReportStagesOps {
  const raw = db.$client;
  const write = raw.prepare<{ ids: string }>(refreshStageFactsSql('sqlite', stages, `id in ${IDS}`));
  const read = raw.prepare<{ ids: string }, StageFactColumns>(stageFactsByIdSql('sqlite', stages, `l.id in ${IDS}`));
  const batches = (ids: readonly string[]) =>
    Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, i) => ({ ids: JSON.stringify(ids.slice(i * BATCH, (i + 1) * BATCH)) }));

  return {
    refresh(ids) {
      for (const batch of batches(ids)) write.run(batch);
    },
    factsOf(ids) {
      return batches(ids).flatMap((batch) => read.all(batch));
    },
    backfill() {
      return backfillLeads(db, REPORT_STAGES_BACKFILL, 'report_exits is null', (ids) => write.run({ ids: JSON.stringify(ids) }));
    },
  };
}
