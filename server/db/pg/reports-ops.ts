import { sql } from 'drizzle-orm';
import type { ReportsStore } from '../../reports/reports-store';
import type { MeetingRow } from '../../booking/meeting-figures.core';
import {
  attributionLeads,
  exportRow,
  funnelLeads,
  missingFacts,
  reportLeadColumnsSql,
  reportLeadValuesOf,
  missingStageFacts,
  withStageFacts,
  type ExportLeadColumns,
  type ReportLeadColumns,
} from '../report-rows';
import { factsOf } from './report-facts';
import { stageFactsOf } from './report-stages';
import type { StoreRules } from '../../routing/store-rules';
import { createFairnessReads } from './fairness-reads';
import { funnelCountsRead } from './funnel-reads';
import { attributionCountsRead } from './attribution-reads';
import { extrasColumns, extrasOf, visitorJoin, type ExtrasColumns } from './lead-extras';
import type { SpeedLead } from '../../reports/speed-to-lead.core';
import type { PgDb } from './open';

// Reports read with plain SQL, the twin of sqlite/reports-ops.ts. Raw rows come back as the
// driver gives them, so every bigint is cast to float8 (exact for epoch ms) and every count to
// int, and camelCase aliases are quoted (PostgreSQL folds unquoted names to lower case). The
// ORDER BYs make explicit the order SQLite's index scans happen to give.
/** As sqlite/reports-ops.ts reportLeadsSql: the range's leads with their report facts and stage facts, from their own rows alone. Exported for a test of its plan. */
export function reportLeadsQuery(workspaceId: string, from: number, to: number, withTouches = true) {
  const floats = [
    'captured_at',
    'deal_value',
    'report_visitor_seen_at',
    'report_mql_at',
    'report_sal_at',
    'report_sql_at',
    'report_opportunity_at',
    'report_won_at',
  ];
  const columns = floats.reduce((text, c) => text.replace(`l.${c} as`, `l.${c}::float8 as`), reportLeadColumnsSql(withTouches));
  return sql`
    select ${sql.raw(columns)}
      from leads l
     where l.workspace_id = ${workspaceId} and l.captured_at >= ${from} and l.captured_at < ${to}
     order by l.captured_at, l.id`;
}

export function createReportsOps(db: PgDb, rules: Pick<StoreRules, 'reportFacts' | 'funnelStages' | 'funnelCounts' | 'attributionCounts'>): ReportsStore {
  /** The range's leads as arrays (REPORT_LEAD_COLUMNS), stage facts worked out for rows without them, and the report facts of rows without them. */
  async function reportLeads(workspaceId: string, from: number, to: number, withTouches: boolean) {
    const read = reportLeadValuesOf((await db.execute<ReportLeadColumns & Record<string, unknown>>(reportLeadsQuery(workspaceId, from, to, withTouches))).rows);
    const rows = withStageFacts(read, await stageFactsOf(db, rules.funnelStages, missingStageFacts(read)));
    return { rows, worked: await factsOf(db, missingFacts(rows), rules.reportFacts) };
  }

  async function attributionRead(workspaceId: string, from: number, to: number) {
    const { rows, worked } = await reportLeads(workspaceId, from, to, true);
    return attributionLeads(rows, worked);
  }

  async function funnelRead(workspaceId: string, from: number, to: number) {
    const { rows, worked } = await reportLeads(workspaceId, from, to, false);
    return funnelLeads(rows, { from, to }, worked);
  }

  return {
    ...createFairnessReads(db),
    async speedLeads(workspaceId, from, to) {
      // The hand-raise (hot_at, else captured_at) in range, written as two ranges of leads_workspace_hot.
      const res = await db.execute<SpeedLead & Record<string, unknown>>(sql`
        select coalesce(l.hot_at, l.captured_at)::float8 as "handRaiseAt", l.accepted_at::float8 as "acceptedAt",
               l.first_call_at::float8 as "firstCallAt", u.name as "repName", t.name as "teamName", l.talk as talk,
               (select min(bc.connected_at) from browser_calls bc where bc.lead_id = l.id)::float8 as "voiceAt"
          from leads l
          left join users u on u.id = l.owner_id
          left join routing_rules r on r.id = l.rule_id
          left join teams t on t.id = r.team_id
         where l.workspace_id = ${workspaceId}
           -- A lead that turned hot keeps its hot_at when later scoring clears its hot flag: still a hand-raise of the range.
           and ((l.hot_at >= ${from} and l.hot_at < ${to}) or (l.hot and l.hot_at is null and l.captured_at >= ${from} and l.captured_at < ${to}))
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

    funnelLeads: funnelRead,

    async funnelCounts(workspaceId, from, to) {
      return funnelCountsRead(
        db,
        { ws: workspaceId, from, to },
        rules.funnelStages.reaching.map((r) => r.step),
        async (r) => rules.funnelCounts(await funnelRead(r.ws, r.from, r.to)),
      );
    },

    attributionLeads: attributionRead,

    async attributionCounts(workspaceId, from, to, model, by) {
      return attributionCountsRead(db, { ws: workspaceId, from, to }, model, by, async () =>
        rules.attributionCounts(await attributionRead(workspaceId, from, to), model, by),
      );
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
