import { sql } from 'drizzle-orm';
import type { ReportsStore } from '../../reports/reports-store';
import type { MeetingRow } from '../../booking/meeting-figures.core';
import {
  attributionLeads,
  exportRow,
  funnelLeads,
  leadTouchColumnsSql,
  TOUCH_COLUMNS_SQL,
  type ExportLeadColumns,
  type FunnelLeadRow,
  type LeadTouchRow,
} from '../report-rows';
import { createFairnessReads } from './fairness-reads';
import { extrasColumns, extrasOf, visitorJoin, type ExtrasColumns } from './lead-extras';
import type { SpeedLead } from '../../reports/speed-to-lead.core';
import type { PgDb } from './open';

// Reports read with plain SQL, the twin of sqlite/reports-ops.ts. Raw rows come back as the
// driver gives them, so every bigint is cast to float8 (exact for epoch ms) and every count to
// int, and camelCase aliases are quoted (PostgreSQL folds unquoted names to lower case). The
// ORDER BYs make explicit the order SQLite's index scans happen to give.
/**
 * As sqlite/reports-ops.ts LEAD_TOUCHES_SQL: the range's leads' visitors' sessions up to each capture
 * (visitor_touches_visitor), and each capture's own touch (visitor_touches_lead). Exported so a test can check its plan.
 */
export function leadTouchesQuery(workspaceId: string, from: number, to: number) {
  return sql`
    select ${sql.raw(leadTouchColumnsSql('t.at::float8'))}
      from leads l join visitor_touches t on t.site_id = l.site_id and t.visitor_id = l.visitor_id and t.at <= l.captured_at
     where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to} and t.kind = 'session'
    union all
    select ${sql.raw(leadTouchColumnsSql('t.at::float8'))}
      from leads l join visitor_touches t on t.lead_id = l.id
     where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to}
     order by "leadId", at`;
}

export function createReportsOps(db: PgDb): ReportsStore {
  async function funnelRows(workspaceId: string, from: number, to: number) {
    const res = await db.execute<FunnelLeadRow & Record<string, unknown>>(sql`
      select l.id, l.captured_at::float8 as "capturedAt", l.contact_attempts as "contactAttempts", l.deal_value::float8 as "dealValue",
             case when not v.is_bot and v.first_seen_at >= ${from} and v.first_seen_at < ${to} then v.site_id || ' ' || v.visitor_id end as "countedVisitor",
             ${sql.raw(TOUCH_COLUMNS_SQL)}
        from leads l left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id
       where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to}
       order by l.captured_at, l.id`);
    return res.rows;
  }

  async function changeRows(workspaceId: string, from: number, to: number) {
    const res = await db.execute<{ leadId: string; to: string; at: number; reason: string | null }>(sql`
      select c.lead_id as "leadId", c.to_stage as "to", c.at::float8 as at, c.reason
        from stage_changes c join leads l on l.id = c.lead_id
       where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to} order by c.at, c.id`);
    return res.rows;
  }

  return {
    ...createFairnessReads(db),
    async speedLeads(workspaceId, from, to) {
      // The hand-raise (hot_at, else captured_at) in range, written as two ranges of leads_workspace_hot.
      const res = await db.execute<SpeedLead & Record<string, unknown>>(sql`
        select coalesce(l.hot_at, l.captured_at)::float8 as "handRaiseAt", l.accepted_at::float8 as "acceptedAt",
               l.first_call_at::float8 as "firstCallAt", u.name as "repName", t.name as "teamName"
          from leads l
          left join users u on u.id = l.owner_id
          left join routing_rules r on r.id = l.rule_id
          left join teams t on t.id = r.team_id
         where l.workspace_id = ${workspaceId} and l.hot
           and ((l.hot_at >= ${from} and l.hot_at < ${to}) or (l.hot_at is null and l.captured_at >= ${from} and l.captured_at < ${to}))
         order by l.captured_at, l.id`);
      return res.rows;
    },

    async meetingRows(workspaceId, from, to) {
      const res = await db.execute<MeetingRow & Record<string, unknown>>(sql`
        select b.start_at::float8 as start, b.status, b.sequence,
               (select e.kind from lead_events e where e.lead_id = b.lead_id and e.kind in ('meeting_held', 'meeting_no_show') and e.at >= b.start_at
                 order by e.at, e.id limit 1) as result
          from bookings b where b.workspace_id = ${workspaceId} and b.start_at >= ${from} and b.start_at < ${to} order by b.start_at, b.id`);
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
      const [leads, changes] = await Promise.all([funnelRows(workspaceId, from, to), changeRows(workspaceId, from, to)]);
      return funnelLeads(leads, changes);
    },

    async attributionLeads(workspaceId, from, to) {
      const [leads, changes, touches] = await Promise.all([
        funnelRows(workspaceId, from, to),
        changeRows(workspaceId, from, to),
        db.execute<LeadTouchRow & Record<string, unknown>>(leadTouchesQuery(workspaceId, from, to)),
      ]);
      return attributionLeads(leads, touches.rows, changes);
    },

    async currency(workspaceId) {
      const res = await db.execute<{ currency: string }>(sql`select currency from workspaces where id = ${workspaceId}`);
      return res.rows[0]?.currency ?? 'USD';
    },

    async exportRows(workspaceId, from, to) {
      // The timeline's times are formatted as SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', at / 1000, 'unixepoch')
      // formats them: whole seconds (integer division), UTC. The card's extras are read as the card reads them.
      const res = await db.execute<ExportLeadColumns & ExtrasColumns & Record<string, unknown>>(sql`
        select l.id, l.captured_at::float8 as "capturedAt", l.name, l.phone, l.email, l.site_id as "siteId", s.name as site, l.page_url as "pageUrl", l.referrer,
               l.visitor_id as "visitorId", l.stage, l.score, l.fit, l.fit_reason as "fitReason", l.mql, l.hot, l.rules_version as "rulesVersion",
               l.reasons, l.answers, u.name as owner, l.time_zone as "timeZone", l.sales_qualification as "salesQualification",
               l.hot_at::float8 as "hotAt", l.sla_due_at::float8 as "slaDueAt", l.accepted_at::float8 as "acceptedAt", l.first_call_at::float8 as "firstCallAt",
               l.outcome, l.outcome_at::float8 as "outcomeAt",
               (select string_agg(to_char(to_timestamp(e.at / 1000) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' ' || e.text, ' | ' order by e.at, e.id)
                  from lead_events e where e.lead_id = l.id) as timeline,
               ${extrasColumns}
          from leads l
          join sites s on s.id = l.site_id
          left join users u on u.id = l.owner_id
          ${visitorJoin}
         where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to}
         order by l.captured_at, l.id`);
      return res.rows.map((r) => exportRow(r, extrasOf(r, r)));
    },
  };
}
