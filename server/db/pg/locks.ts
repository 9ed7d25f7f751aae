// Serializes the routing decisions of one workspace across the cluster, as SQLite's single
// writer does in one process: every transaction that changes a workspace's routing state takes
// this lock first. It is released by commit or rollback.
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { PgTx } from './open';
import type * as t from './schema';

const lockOf = (workspaceId: string | SQLWrapper) => sql`pg_advisory_xact_lock(hashtext('ws:' || ${workspaceId}))`;

export async function lockWorkspace(tx: PgTx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select ${lockOf(workspaceId)}`);
}

/**
 * Takes the lock of the workspace of a lead or an offer, found in the same statement (one round
 * trip); the workspace, or null when the row is gone. The row is read before the lock is granted,
 * which is safe because a lead or offer never changes workspace; reads of routing state come in
 * the statements after this one.
 */
export async function lockWorkspaceOf(tx: PgTx, table: typeof t.leads | typeof t.offers, id: string): Promise<string | null> {
  const res = await tx.execute<{ workspace_id: string }>(
    sql`select ${table.workspaceId}, ${lockOf(table.workspaceId)} from ${table} where ${table.id} = ${id}`,
  );
  return res.rows[0]?.workspace_id ?? null;
}

/**
 * Webhook fan-outs take turns on this lock (any process). An erasure takes it too, first, so no
 * fan-out that read the person's events before the erasure committed writes their deliveries after.
 */
export async function lockFanOut(tx: PgTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('webhooks.fanout'))`);
}
