import { sql } from 'drizzle-orm';
import type { ExportRow, ReportsStore } from '../../reports/reports-store';
import { funnelLeads } from '../report-rows';
import type { SpeedLead } from '../../reports/speed-to-lead.core';
import type { PgDb } from './open';

// Reports read with plain SQL, the twin of sqlite/reports-ops.ts. Raw rows come back as the
// driver gives them, so every bigint is cast to float8 (exact for epoch ms) and every count to
// int, and camelCase aliases are quoted (PostgreSQL folds unquoted names to lower case). The
// ORDER BYs make explicit the order SQLite's index scans happen to give.
export function createReportsOps(db: PgDb): ReportsStore {
  return {
    async speedLeads(workspaceId, from, to) {
      const res = await db.execute<SpeedLead & Record<string, unknown>>(sql`
        select coalesce(l.hot_at, l.captured_at)::float8 as "handRaiseAt", l.accepted_at::float8 as "acceptedAt",
               l.first_call_at::float8 as "firstCallAt", u.name as "repName", t.name as "teamName"
          from leads l
          left join users u on u.id = l.owner_id
          left join routing_rules r on r.id = l.rule_id
          left join teams t on t.id = r.team_id
         where l.workspace_id = ${workspaceId} and l.hot and coalesce(l.hot_at, l.captured_at) >= ${from} and coalesce(l.hot_at, l.captured_at) < ${to}
         order by l.captured_at, l.id`);
      return res.rows;
    },

    async breachCauses(workspaceId, from, to) {
      const res = await db.execute<{ cause: string }>(
        sql`select cause from sla_breaches where workspace_id = ${workspaceId} and at >= ${from} and at < ${to} order by at, id`,
      );
      return res.rows.map((r) => r.cause);
    },

    async visitorCount(workspaceId, from, to) {
      const res = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from visitors where workspace_id = ${workspaceId} and not is_bot and first_seen_at >= ${from} and first_seen_at < ${to}`,
      );
      return res.rows[0]!.n;
    },

    async funnelLeads(workspaceId, from, to) {
      const [leads, changes] = await Promise.all([
        db.execute<{ id: string; capturedAt: number; source: string | null; campaign: string | null; contactAttempts: number }>(sql`
          select l.id, l.captured_at::float8 as "capturedAt", v.utm_source as source, v.utm_campaign as campaign, l.contact_attempts as "contactAttempts"
            from leads l left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id
           where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to}
           order by l.captured_at, l.id`),
        db.execute<{ leadId: string; to: string; at: number; reason: string | null }>(sql`
          select c.lead_id as "leadId", c.to_stage as "to", c.at::float8 as at, c.reason
            from stage_changes c join leads l on l.id = c.lead_id
           where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to} order by c.at, c.id`),
      ]);
      return funnelLeads(leads.rows, changes.rows);
    },

    async exportRows(workspaceId, from, to) {
      // The timeline's times are formatted as SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', at / 1000, 'unixepoch')
      // formats them: whole seconds (integer division), UTC.
      const res = await db.execute<ExportRow & Record<string, unknown>>(sql`
        select l.id, l.captured_at::float8 as "capturedAt", l.name, l.phone, l.email, s.name as site, l.stage, l.score, l.fit, u.name as owner,
               l.hot_at::float8 as "handRaiseAt", l.accepted_at::float8 as "acceptedAt", l.first_call_at::float8 as "firstCallAt", l.outcome,
               v.utm_source as source, v.utm_campaign as campaign, l.page_url as "pageUrl",
               (select string_agg(to_char(to_timestamp(e.at / 1000) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' ' || e.text, ' | ' order by e.at, e.id)
                  from lead_events e where e.lead_id = l.id) as timeline
          from leads l
          join sites s on s.id = l.site_id
          left join users u on u.id = l.owner_id
          left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id
         where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to}
         order by l.captured_at, l.id`);
      return res.rows;
    },
  };
}
