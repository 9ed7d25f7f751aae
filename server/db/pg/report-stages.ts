// The stage facts kept on each lead row, the twin of sqlite/report-stages.ts: worked out again from
// the lead's changes whenever one is written (a statement of its own after the write, which must
// see the new change), backfilled once, and worked out on read for any lead still without them.
import { sql, type SQL } from 'drizzle-orm';
import type { FunnelStages } from '../../reports/funnel.core';
import { refreshStageFactsSql, REPORT_STAGES_BACKFILL, stageFactsByIdSql, type StageFactColumns } from '../report-rows';
import type { PgConn, PgDb } from './open';
import { backfillLeads } from './report-facts';

/** Leads worked out per statement: bounded so a backfill never holds rows long. */
const BATCH = 500;

/** `text` with its one `@ids` replaced by the ids as a text[] parameter. */
function withIds(text: string, ids: readonly string[]): SQL {
  const [before, after] = text.split('@ids') as [string, string];
  return sql`${sql.raw(before)}${sql.param(ids)}::text[]${sql.raw(after)}`;
}

/** Works the stage facts of these leads out and stores them (pass the write's transaction, after its changes). */
export async function refreshStageFacts(conn: PgConn, stages: FunnelStages, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) await conn.execute(withIds(refreshStageFactsSql('pg', stages, 'id = any(@ids)'), ids.slice(i, i + BATCH)));
}

/** The stage facts of these leads, worked out from their changes (no writes). */
export async function stageFactsOf(conn: PgConn, stages: FunnelStages, ids: readonly string[]): Promise<StageFactColumns[]> {
  const out: StageFactColumns[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const res = await conn.execute<StageFactColumns & Record<string, unknown>>(
      withIds(stageFactsByIdSql('pg', stages, 'l.id = any(@ids)'), ids.slice(i, i + BATCH)),
    );
    out.push(...res.rows);
  }
  return out;
}

/** Stores the stage facts of every lead without them, once per database (marked in `settings`); returns how many. */
export async function backfillStageFacts(db: PgDb, stages: FunnelStages): Promise<number> {
  return backfillLeads(db, REPORT_STAGES_BACKFILL, 'report_exits is null', (tx, ids) => refreshStageFacts(tx, stages, ids));
}
