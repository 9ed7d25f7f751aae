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
  type StageChangeRow,
} from '../report-rows';
import { createFairnessReads } from './fairness-reads';
import { createLeadExtras } from './lead-extras';
import type { Db } from './open';

/**
 * The touches of the range's leads, both halves by index: the range's leads (leads_workspace_captured),
 * their visitors' sessions up to the capture (visitor_touches_visitor) and their captures' own
 * touches (visitor_touches_lead). Exported so a test can check its query plan.
 */
export const LEAD_TOUCHES_SQL = `select ${leadTouchColumnsSql()}
       from leads l join visitor_touches t on t.site_id = l.site_id and t.visitor_id = l.visitor_id and t.at <= l.captured_at
      where l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to and t.kind = 'session'
     union all
     select ${leadTouchColumnsSql()}
       from leads l join visitor_touches t on t.lead_id = l.id
      where l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to`;

// Reports read with plain SQL: a few aggregate-friendly queries per report, not one per lead.
export function createReportsOps(db: Db): ReportsStore {
  const raw = db.$client;
  // The hand-raise (hot_at, else captured_at) in range, written as two ranges of leads_workspace_hot.
  const speed = raw.prepare<{ ws: string; from: number; to: number }>(
    `select coalesce(l.hot_at, l.captured_at) as handRaiseAt, l.accepted_at as acceptedAt, l.first_call_at as firstCallAt,
            u.name as repName, t.name as teamName
       from leads l
       left join users u on u.id = l.owner_id
       left join routing_rules r on r.id = l.rule_id
       left join teams t on t.id = r.team_id
      where l.workspace_id = @ws and l.hot = 1
        and ((l.hot_at >= @from and l.hot_at < @to) or (l.hot_at is null and l.captured_at >= @from and l.captured_at < @to))`,
  );
  const breaches = raw.prepare<[string, number, number], { cause: string }>('select cause from sla_breaches where workspace_id = ? and at >= ? and at < ?');
  const visitors = raw.prepare<[string, number, number], { n: number }>(
    'select count(*) as n from visitors where workspace_id = ? and is_bot = 0 and first_seen_at >= ? and first_seen_at < ?',
  );
  // Each lead with its visitor and its stage changes (oldest first, as JSON [to, at, reason] triples):
  // one pass over the range's leads instead of a second one joined and sorted for the changes.
  const leads = raw.prepare<{ ws: string; from: number; to: number }, FunnelLeadRow & { changes: string }>(
    `select l.id, l.captured_at as capturedAt, l.contact_attempts as contactAttempts, l.deal_value as dealValue,
            case when v.is_bot = 0 and v.first_seen_at >= @from and v.first_seen_at < @to then v.site_id || ' ' || v.visitor_id end as countedVisitor,
            ${TOUCH_COLUMNS_SQL},
            (select json_group_array(json_array(c.to_stage, c.at, c.reason))
               from (select to_stage, at, reason from stage_changes c where c.lead_id = l.id order by c.at, c.id) c) as changes
       from leads l left join visitors v on v.site_id = l.site_id and v.visitor_id = l.visitor_id
      where l.workspace_id = @ws and l.captured_at >= @from and l.captured_at < @to`,
  );
  /** The range's leads and their stage changes, as the shared report rows take them. */
  const leadsWithChanges = (range: { ws: string; from: number; to: number }) => {
    const rows = leads.all(range);
    const changes: StageChangeRow[] = [];
    for (const r of rows)
      for (const [to, at, reason] of JSON.parse(r.changes) as Array<[string, number, string | null]>) changes.push({ leadId: r.id, to, at, reason });
    return { rows, changes };
  };
  const touches = raw.prepare<{ ws: string; from: number; to: number }, LeadTouchRow>(LEAD_TOUCHES_SQL);
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

  return {
    ...createFairnessReads(db),
    async speedLeads(workspaceId, from, to) {
      return speed.all({ ws: workspaceId, from, to }) as Awaited<ReturnType<ReportsStore['speedLeads']>>;
    },
    async breachCauses(workspaceId, from, to) {
      return breaches.all(workspaceId, from, to).map((r) => r.cause);
    },
    async visitorCount(workspaceId, from, to) {
      return visitors.get(workspaceId, from, to)!.n;
    },
    async funnelLeads(workspaceId, from, to) {
      const { rows, changes } = leadsWithChanges({ ws: workspaceId, from, to });
      return funnelLeads(rows, changes);
    },
    async attributionLeads(workspaceId, from, to) {
      const range = { ws: workspaceId, from, to };
      const { rows, changes } = leadsWithChanges(range);
      return attributionLeads(rows, touches.all(range), changes);
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
