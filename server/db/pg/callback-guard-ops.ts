import { sql } from 'drizzle-orm';
import type { CallbackGuardStore } from '../../callbacks/callback-guard-store';
import type { PgDb } from './open';

// The callback protections' reads and writes on PostgreSQL, the twin of sqlite/callback-guard-ops.ts.
// Kept in the database, so the per-phone limit holds across processes.
export function createCallbackGuardOps(db: PgDb): CallbackGuardStore {
  return {
    async keyUsed(siteId, key) {
      const res = await db.execute(sql`select 1 from idempotency_keys where site_id = ${siteId} and key = ${key}`);
      return res.rows.length > 0;
    },

    async requestsForPhone(siteId, phone, since) {
      const res = await db.execute<{ at: number }>(
        sql`select at::float8 as at from callback_requests where site_id = ${siteId} and phone = ${phone} and at >= ${since} order by at`,
      );
      return res.rows.map((r) => r.at);
    },

    async recentLead(siteId, phone, email, since) {
      const res = await db.execute<{ leadId: string }>(sql`
        select r.lead_id as "leadId" from callback_requests r join leads l on l.id = r.lead_id
         where r.site_id = ${siteId} and (r.phone = ${phone} or (r.email is not null and r.email = ${email?.toLowerCase() ?? null})) and r.at >= ${since}
         order by r.at desc limit 1`);
      return res.rows[0]?.leadId ?? null;
    },

    async record(r) {
      const email = r.email?.toLowerCase() ?? null;
      const request = sql`
        insert into callback_requests (workspace_id, site_id, phone, email, lead_id, at)
        values (${r.workspaceId}, ${r.siteId}, ${r.phone}, ${email}, ${r.leadId}, ${r.at})`;
      // One statement either way: a repeat's note on the timeline commits with the request or not at all.
      await db.execute(
        r.repeat
          ? sql`with request as (${request})
                insert into lead_events (workspace_id, lead_id, kind, text, at)
                values (${r.workspaceId}, ${r.leadId}, 'repeat', 'Asked for a callback again (joined this lead)', ${r.at})`
          : request,
      );
    },
  };
}
