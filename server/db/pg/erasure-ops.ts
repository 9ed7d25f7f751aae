// Right to erasure on PostgreSQL, the twin of sqlite/erasure-ops.ts: every row about a person
// goes, in one transaction. PostgreSQL has no secure_delete: a deleted row stays in its table's
// pages until VACUUM prunes it, so the touched tables are vacuumed once the deletes commit
// (VACUUM cannot run inside a transaction). Plain VACUUM is not a shredder: pruning compacts a
// page without zeroing its free space, so a row at the edge of that space keeps its bytes until
// reused (measured on PostgreSQL 15; index pages may keep theirs alike); rows an older snapshot may see
// (a long transaction elsewhere) are not pruned yet; WAL keeps them until checkpoints recycle
// the segments, and backups and replicas keep their copies. VACUUM FULL would rewrite the files
// but locks each table against all reads and writes while it runs, so it is left to the operator.
import { sql } from 'drizzle-orm';
import { BY_LEAD, traitsMention, type ErasureResult, type Subject } from '../erasure';
import { lockFanOut, lockWorkspace } from './locks';
import type { PgDb } from './open';

export async function eraseSubject(db: PgDb, workspaceId: string, who: Subject, actor: string, now: number): Promise<ErasureResult> {
  const removed: Record<string, number> = {};
  const count = (table: string, n: number | null) => (removed[table] = (removed[table] ?? 0) + (n ?? 0));
  await db.transaction(async (tx) => {
    // Before anything else (a fan-out holds it while it reads events and writes deliveries).
    await lockFanOut(tx);
    // Deleting leads (and their open offers) changes the workspace's routing state.
    await lockWorkspace(tx, workspaceId);
    const leads = await tx.execute<{ id: string }>(
      sql`select id from leads where workspace_id = ${workspaceId} and (phone = ${who.phone} or lower(email) = lower(${who.email}::text))`,
    );
    const leadIds = leads.rows.map((r) => r.id);
    // Visitors linked to those leads, or whose identify traits carried the phone or email (read
    // in JS: a typed phone matches in any format). Empty traits cannot mention anyone.
    const candidates = await tx.execute<{ site_id: string; visitor_id: string; lead_id: string | null; traits: string }>(sql`
      select site_id, visitor_id, lead_id, traits from visitors
       where workspace_id = ${workspaceId} and (lead_id = any(${sql.param(leadIds)}::text[]) or traits like '%"email"%' or traits like '%"phone"%')`);
    const visitors = candidates.rows.filter((v) => (v.lead_id !== null && leadIds.includes(v.lead_id)) || traitsMention(v.traits, v.site_id, who));
    if (visitors.length) {
      const keys = sql`select * from unnest(${sql.param(visitors.map((v) => v.site_id))}::text[], ${sql.param(visitors.map((v) => v.visitor_id))}::text[])`;
      count('events', (await tx.execute(sql`delete from events where (site_id, visitor_id) in (${keys})`)).rowCount);
      count('visitor_touches', (await tx.execute(sql`delete from visitor_touches where (site_id, visitor_id) in (${keys})`)).rowCount);
      count('visitors', (await tx.execute(sql`delete from visitors where (site_id, visitor_id) in (${keys})`)).rowCount);
    }
    if (leadIds.length) {
      const ids = sql.param(leadIds);
      // SQLite's LIKE ignores ASCII case; ILIKE keeps that.
      const patterns = sql.param(leadIds.map((id) => `%${id}%`));
      // By lead id; older rows (lead_id null) by the timeline, stage-change or outbox row their
      // event came from, so before those go (as in sqlite/erasure-ops.ts).
      count(
        'webhook_deliveries',
        (
          await tx.execute(sql`
            delete from webhook_deliveries where workspace_id = ${workspaceId} and (lead_id = any(${ids}::text[]) or (lead_id is null and (
              payload ilike any(${patterns}::text[]) or event_id in (
                select 'le_' || id from lead_events where lead_id = any(${ids}::text[])
                union all select 'sc_' || id from stage_changes where lead_id = any(${ids}::text[])
                union all select 'ob_' || id from outbox where workspace_id = ${workspaceId} and payload ilike any(${patterns}::text[])))))`)
        ).rowCount,
      );
      for (const table of BY_LEAD) count(table, (await tx.execute(sql`delete from ${sql.identifier(table)} where lead_id = any(${ids}::text[])`)).rowCount);
      // Outbox payloads name the lead.
      count('outbox', (await tx.execute(sql`delete from outbox where workspace_id = ${workspaceId} and payload ilike any(${patterns}::text[])`)).rowCount);
      count('leads', (await tx.execute(sql`delete from leads where id = any(${ids}::text[])`)).rowCount);
    }
    // A request admitted but never tied to a lead (its process died in between) still names them.
    count(
      'callback_requests',
      (await tx.execute(sql`delete from callback_requests where workspace_id = ${workspaceId} and (phone = ${who.phone} or email = lower(${who.email}::text))`))
        .rowCount,
    );
    await tx.execute(sql`insert into erasures (workspace_id, actor, at, removed) values (${workspaceId}, ${actor}, ${now}, ${JSON.stringify(removed)})`);
  });
  const touched = Object.keys(removed).filter((table) => removed[table]! > 0);
  if (touched.length) {
    try {
      await db.execute(sql.raw(`vacuum ${touched.join(', ')}`));
    } catch (err) {
      throw new Error(`Erased (committed), but VACUUM ${touched.join(', ')} failed; autovacuum will prune the rows later: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return { removed };
}
