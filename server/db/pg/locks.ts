// Serializes the routing decisions of one workspace across the cluster, as SQLite's single
// writer does in one process: every transaction that changes a workspace's routing state takes
// this lock first. It is released by commit or rollback.
import { sql } from 'drizzle-orm';
import type { PgTx } from './open';

export async function lockWorkspace(tx: PgTx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ws:' || ${workspaceId}))`);
}

/** The workspace of a lead, for operations that only know the lead id; null when it is gone. */
export async function workspaceOfLead(tx: PgTx, leadId: string): Promise<string | null> {
  const res = await tx.execute<{ workspace_id: string }>(sql`select workspace_id from leads where id = ${leadId}`);
  return res.rows[0]?.workspace_id ?? null;
}
