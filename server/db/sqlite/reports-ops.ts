import type { ReportsStore } from '../../reports/reports-store';
import type { MeetingRow } from '../../booking/meeting-figures.core';
import {
  attributionLeads,
  exportRow,
  funnelLeads,
  missingFacts,
  reportLeadValues,
  reportLeadColumnsSql,
  missingStageFacts,
  withStageFacts,
  type ExportLeadColumns,
} from '../report-rows';
import { createFairnessReads } from './fairness-reads';
import { createFunnelReads } from './funnel-reads';
import { createAttributionReads } from './attribution-reads';
import { createLeadExtras } from './lead-extras';
import type { Db } from './open';
import { createReportFactsOps } from './report-facts';
import { createReportStagesOps } from './report-stages';
import type { StoreRules } from '../../routing/store-rules';

/**
 * The range's leads with their report facts and stage facts, from their own rows alone (report-stages.ts
 * keeps the stage facts as changes are written): one range of leads_workspace_captured, no other table
 * per lead. Exported for a test of its plan.
 */
export const reportLeadsSql = (withTouches: boolean) =>
  `select ${reportLeadColumnsSql(withTouches)}
     from leads l
    where l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to`;

// Reports read with plain SQL: a few aggregate-friendly queries per report, not one per lead.
export function createReportsOps(db: Db, rules: Pick<StoreRules, 'reportFacts' | 'funnelStages' | 'funnelCounts' | 'attributionCounts'>): ReportsStore {
  const raw = db.$client;
  // The hand-raise (hot_at, else captured_at) in range, written as two ranges of leads_workspace_hot.
  // The owner and rule as ids, named from the workspace's few users and rules (a join per lead cost more than the read).
  const speed = raw
    .prepare<{ ws: string; from: number; to: number }, [number, number | null, number | null, string | null, string | null, string | null, number | null]>(
      `select coalesce(l.hot_at, l.captured_at), l.accepted_at, l.first_call_at, l.owner_id, l.rule_id, l.talk,
              case when l.talk = 'browser' then (select min(bc.connected_at) from browser_calls bc where bc.lead_id = l.id) end
         from leads l
        where l.workspace_id = @ws
          -- A lead that turned hot keeps its hot_at when later scoring clears its hot flag: still a hand-raise of the range.
          and ((l.hot_at >= @from and l.hot_at < @to) or (l.hot = 1 and l.hot_at is null and l.captured_at >= @from and l.captured_at < @to))`,
    )
    .raw(true);
  const userNames = raw.prepare<[string], [string, string]>('select id, name from users where workspace_id = ?').raw(true);
  const ruleTeams = raw
    .prepare<[string], [string, string]>('select r.id, t.name from routing_rules r join teams t on t.id = r.team_id where r.workspace_id = ?')
    .raw(true);
  const breaches = raw.prepare<[string, number, number], { cause: string }>('select cause from sla_breaches where workspace_id = ? and at >= ? and at < ?');
  const visitors = raw.prepare<[string, number, number], { n: number }>(
    'select count(*) as n from visitors where workspace_id = ? and is_bot = 0 and first_seen_at >= ? and first_seen_at < ?',
  );
  const leads = [false, true].map((withTouches) => raw.prepare<{ ws: string; from: number; to: number }, unknown[]>(reportLeadsSql(withTouches)).raw(true));
  const names = leads.map((statement) => statement.columns().map((c) => c.name));
  const facts = createReportFactsOps(db, rules.reportFacts);
  const stageFacts = createReportStagesOps(db, rules.funnelStages);
  /** The range's leads as arrays (REPORT_LEAD_COLUMNS), stage facts worked out for rows without them, and the report facts of rows without them. */
  const reportLeads = (range: { ws: string; from: number; to: number }, withTouches: boolean) => {
    const read = reportLeadValues(names[Number(withTouches)]!, leads[Number(withTouches)]!.all(range));
    const rows = withStageFacts(read, stageFacts.factsOf(missingStageFacts(read)));
    return { rows, worked: facts.factsOf(missingFacts(rows)) };
  };
  const currency = raw.prepare<[string], { currency: string }>('select currency from workspaces where id = ?');
  const exportQuery = raw.prepare<[string, number, number], ExportLeadColumns>(
    `select l.id, l.captured_at as capturedAt, l.name, l.phone, l.email, l.site_id as siteId, s.name as site, l.page_url as pageUrl, l.referrer,
            l.visitor_id as visitorId, l.stage, l.score, l.fit, l.fit_reason as fitReason, l.mql, l.hot, l.rules_version as rulesVersion,
            l.reasons, l.answers, u.name as owner, l.time_zone as timeZone, l.sales_qualification as salesQualification,
            l.hot_at as hotAt, l.sla_due_at as slaDueAt, l.accepted_at as acceptedAt, l.first_call_at as firstCallAt, l.outcome, l.outcome_at as outcomeAt,
            (select group_concat(strftime('%Y-%m-%dT%H:%M:%SZ', e.at / 1000, 'unixepoch') || ' ' || e.text, ' | ')
               from (select at, text from lead_events where lead_id = l.id order by at, id) e) as timeline
       from leads l
       join sites s on s.id = l.site_id
       left join users u on u.id = l.owner_id
      where l.workspace_id = ? and l.captured_at >= ? and l.captured_at < ?
      order by l.captured_at`,
  );
  const meetings = raw.prepare<[string, number, number], MeetingRow>(
    `select b.start_at as start, b.status, b.sequence,
            (select e.kind from lead_events e where e.lead_id = b.lead_id and e.kind in ('meeting_held', 'meeting_no_show') and e.at >= b.start_at
              order by e.at, e.id limit 1) as result
       from bookings b where b.workspace_id = ? and b.start_at >= ? and b.start_at < ? order by b.start_at, b.id`,
  );
  const extras = createLeadExtras(db);
  const funnelRead = (range: { ws: string; from: number; to: number }) => {
    const { rows, worked } = reportLeads(range, false);
    return funnelLeads(rows, range, worked);
  };
  const counts = createFunnelReads(
    db,
    rules.funnelStages.reaching.map((r) => r.step),
    (range) => rules.funnelCounts(funnelRead(range)),
  );
  const attributionRead = (range: { ws: string; from: number; to: number }) => {
    const { rows, worked } = reportLeads(range, true);
    return attributionLeads(rows, worked);
  };
  const attribution = createAttributionReads(db, (range, model, by) => rules.attributionCounts(attributionRead(range), model, by));

  return {
    ...createFairnessReads(db),
    async speedLeads(workspaceId, from, to) {
      const rep = new Map(userNames.all(workspaceId));
      const team = new Map(ruleTeams.all(workspaceId));
      return speed.all({ ws: workspaceId, from, to }).map(([handRaiseAt, acceptedAt, firstCallAt, ownerId, ruleId, talk, voiceAt]) => ({
        handRaiseAt,
        acceptedAt,
        firstCallAt,
        repName: ownerId === null ? null : (rep.get(ownerId) ?? null),
        teamName: ruleId === null ? null : (team.get(ruleId) ?? null),
        talk,
        voiceAt,
      }));
    },
    async breachCauses(workspaceId, from, to) {
      return breaches.all(workspaceId, from, to).map((r) => r.cause);
    },
    async visitorCount(workspaceId, from, to) {
      return visitors.get(workspaceId, from, to)!.n;
    },
    async funnelLeads(workspaceId, from, to) {
      return funnelRead({ ws: workspaceId, from, to });
    },
    async funnelCounts(workspaceId, from, to) {
      return counts({ ws: workspaceId, from, to });
    },
    async attributionLeads(workspaceId, from, to) {
      return attributionRead({ ws: workspaceId, from, to });
    },
    async attributionCounts(workspaceId, from, to, model, by) {
      return attribution({ ws: workspaceId, from, to }, model, by);
    },
    async currency(workspaceId) {
      return currency.get(workspaceId)?.currency ?? 'USD';
    },
    async meetingRows(workspaceId, from, to) {
      return meetings.all(workspaceId, from, to);
    },
    async exportRows(workspaceId, from, to) {
      // What the lead card shows beyond the row, read the way the card reads it.
      return exportQuery.all(workspaceId, from, to).map((r) => exportRow(r, extras(r)));
    },
  };
}
