import { sql } from 'drizzle-orm';
import { outcomeOf, retryAtOf, type CallbackGuardStore } from '../../callbacks/callback-guard-store';
import type { PgDb } from './open';

// The callback protections' reads and writes on PostgreSQL, the twin of sqlite/callback-guard-ops.ts.
// Kept in the database, so the per-phone limit holds across processes.
export function createCallbackGuardOps(db: PgDb): CallbackGuardStore {
  return {
    async keyUsed(siteId, key) {
      const res = await db.execute(sql`select 1 from idempotency_keys where site_id = ${siteId} and key = ${key}`);
      return res.rows.length > 0;
    },

    async admit(r) {
      const email = r.email?.toLowerCase() ?? null;
      return db.transaction(async (tx) => {
        // One phone's requests are admitted one at a time across the cluster. The count runs in a
        // statement after the lock, so its snapshot sees every request admitted before.
        // The cap is per workspace, so the lock is too.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('phone:' || ${r.workspaceId} || ':' || ${r.phone}))`);
        const pendingSince = r.pendingSince ?? null;
        // The statement's snapshot predates its own insert: `ahead` can only name an earlier request.
        const res = await tx.execute<{ id: number | null; times: number[] | null; ahead: number | null }>(sql`
          with recent as (
            select at from callback_requests where workspace_id = ${r.workspaceId} and phone = ${r.phone} and at >= ${r.since}
          ), ahead as (
            select max(id)::float8 as id from callback_requests
             where ${pendingSince}::float8 is not null and site_id = ${r.siteId} and phone = ${r.phone}
               and lead_id is null and at >= ${pendingSince}::float8
          ), admitted as (
            insert into callback_requests (workspace_id, site_id, phone, email, lead_id, at)
            select ${r.workspaceId}, ${r.siteId}, ${r.phone}, ${email}, null, ${r.at}
             where ${r.limit}::int is null or (select count(*) from recent) < ${r.limit}::int
            returning id
          )
          select (select id::float8 from admitted) as id, (select id from ahead) as ahead,
                 case when exists (select 1 from admitted) then null
                      else (select array_agg(at::float8 order by at) from recent) end as times`);
        const row = res.rows[0]!;
        if (row.id !== null) return { ok: true as const, requestId: Number(row.id), ahead: row.ahead === null ? null : Number(row.ahead) };
        return { ok: false as const, retryAt: retryAtOf((row.times ?? []).map(Number), r.limit!, r.at - r.since) };
      });
    },

    async recentLead(siteId, phone, email, since) {
      const res = await db.execute<{ leadId: string }>(sql`
        select r.lead_id as "leadId" from callback_requests r join leads l on l.id = r.lead_id
         where r.site_id = ${siteId} and (r.phone = ${phone} or (r.email is not null and r.email = ${email?.toLowerCase() ?? null})) and r.at >= ${since}
         order by r.at desc limit 1`);
      return res.rows[0]?.leadId ?? null;
    },

    async nurturedLead(siteId, phone) {
      // The phone's latest lead on the site (leads_site_phone), whatever its stage: only the latest may return.
      const res = await db.execute<{ id: string; stage: string }>(sql`
        select id, stage from leads where site_id = ${siteId} and phone = ${phone} order by captured_at desc limit 1`);
      const latest = res.rows[0];
      return latest?.stage === 'nurture' ? latest.id : null;
    },

    async settle(r) {
      const link = sql`update callback_requests set lead_id = ${r.leadId} where id = ${r.requestId}`;
      // One statement either way: a repeat's note on the timeline, and a number for a lead without
      // one, commit with the link or not at all.
      const fill = r.phone ? sql`, filled as (update leads set phone = ${r.phone} where id = ${r.leadId} and phone = '')` : sql``;
      await db.execute(
        r.note !== null
          ? sql`with linked as (${link})${fill}
                insert into lead_events (workspace_id, lead_id, kind, text, at)
                values (${r.workspaceId}, ${r.leadId}, 'repeat', ${r.note}, ${r.at})`
          : r.phone
            ? sql`with linked as (${link})${fill} select 1`
            : link,
      );
    },

    async requestOutcome(requestId) {
      const res = await db.execute<{ settledTo: string | null; leadId: string | null }>(sql`
        select r.lead_id as "settledTo", l.id as "leadId" from callback_requests r left join leads l on l.id = r.lead_id where r.id = ${requestId}`);
      return outcomeOf(res.rows[0]);
    },

    async release(requestId) {
      await db.execute(sql`delete from callback_requests where id = ${requestId} and lead_id is null`);
    },

    async prune(before, pendingBefore) {
      const res = await db.execute(sql`delete from callback_requests where at < ${before} or (lead_id is null and at < ${pendingBefore})`);
      return res.rowCount ?? 0;
    },
  };
}
