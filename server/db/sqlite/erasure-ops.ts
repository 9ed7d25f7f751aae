// Right to erasure: every row about a person goes, and with secure_delete the freed bytes are
// overwritten, and the WAL is checkpointed and truncated, so the data is gone from the files too.
// (The connection otherwise runs with secure_delete FAST, so earlier updates left no stale copies.)
import { BY_LEAD, traitsMention, type ErasureResult, type Subject } from '../erasure';
import type { Db } from './open';

/**
 * A lead's webhook deliveries, found by their lead id: a Slack delivery's text names the person
 * but not the lead. Rows made before deliveries carried it (lead_id null) are found by the
 * timeline, stage-change or outbox row their event came from (`le_`, `sc_`, `ob_` + its id), or
 * by a payload naming the lead.
 */
const DELIVERIES_OF_LEAD = `
  delete from webhook_deliveries where workspace_id = @workspaceId and (lead_id = @leadId or (lead_id is null and (
    payload like '%' || @leadId || '%' or event_id in (
      select 'le_' || id from lead_events where lead_id = @leadId
      union all select 'sc_' || id from stage_changes where lead_id = @leadId
      union all select 'ob_' || id from outbox where workspace_id = @workspaceId and payload like '%' || @leadId || '%'))))`;

export async function eraseSubject(db: Db, workspaceId: string, who: Subject, actor: string, now: number): Promise<ErasureResult> {
  const raw = db.$client;
  const removed: Record<string, number> = {};
  const count = (table: string, n: number) => (removed[table] = (removed[table] ?? 0) + n);
  raw.pragma('secure_delete = ON');
  try {
    raw.transaction(() => {
      const leadIds = raw
        .prepare<[string, string | null, string | null], { id: string }>(
          'select id from leads where workspace_id = ? and (phone = ? or lower(email) = lower(?))',
        )
        .all(workspaceId, who.phone, who.email)
        .map((r) => r.id);
      // Visitors linked to those leads, or whose identify traits carried the phone or email.
      const visitors = raw
        .prepare<[string], { site_id: string; visitor_id: string; lead_id: string | null; traits: string }>(
          'select site_id, visitor_id, lead_id, traits from visitors where workspace_id = ?',
        )
        .all(workspaceId)
        .filter((v) => (v.lead_id !== null && leadIds.includes(v.lead_id)) || traitsMention(v.traits, v.site_id, who));
      for (const v of visitors) {
        count('events', raw.prepare('delete from events where site_id = ? and visitor_id = ?').run(v.site_id, v.visitor_id).changes);
        count('visitor_touches', raw.prepare('delete from visitor_touches where site_id = ? and visitor_id = ?').run(v.site_id, v.visitor_id).changes);
        count('visitors', raw.prepare('delete from visitors where site_id = ? and visitor_id = ?').run(v.site_id, v.visitor_id).changes);
      }
      for (const id of leadIds) {
        // Before the timeline, stage changes and outbox go: older deliveries are found through them.
        if (hasTable(raw, 'webhook_deliveries')) count('webhook_deliveries', raw.prepare(DELIVERIES_OF_LEAD).run({ workspaceId, leadId: id }).changes);
        for (const table of BY_LEAD) count(table, raw.prepare(`delete from ${table} where lead_id = ?`).run(id).changes);
        // Outbox payloads name the lead.
        count('outbox', raw.prepare("delete from outbox where workspace_id = ? and payload like '%' || ? || '%'").run(workspaceId, id).changes);
        count('leads', raw.prepare('delete from leads where id = ?').run(id).changes);
      }
      // A request admitted but never tied to a lead (the process died in between) still names them.
      count(
        'callback_requests',
        raw.prepare('delete from callback_requests where workspace_id = ? and (phone = ? or email = lower(?))').run(workspaceId, who.phone, who.email).changes,
      );
      raw.prepare('insert into erasures (workspace_id, actor, at, removed) values (?, ?, ?, ?)').run(workspaceId, actor, now, JSON.stringify(removed));
    })();
    // The deleted rows' old pages may still sit in the WAL: fold it into the main file and empty it.
    await truncateWal(raw);
  } finally {
    // Back to the connection's setting (sqlite/open.ts).
    raw.pragma('secure_delete = FAST');
  }
  return { removed };
}

/** Tries for this long while the checkpointer's own checkpoint holds the lock (sqlite/checkpointer.ts). */
const TRUNCATE_TRIES_MS = 10_000;

/**
 * A TRUNCATE checkpoint that is seen through: SQLite answers busy at once, without waiting, while
 * another connection (the checkpointer's worker) runs a checkpoint, and the WAL would keep the
 * erased rows' old pages. It is tried again until the WAL is folded in and emptied.
 */
async function truncateWal(raw: Db['$client']) {
  const until = Date.now() + TRUNCATE_TRIES_MS;
  for (;;) {
    const [r] = raw.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (!r || r.busy === 0 || Date.now() > until) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function hasTable(raw: Db['$client'], name: string): boolean {
  return raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
}
