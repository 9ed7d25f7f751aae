// What both dialects' report reads assemble without touching the database.
import { attribute, type Attribution } from '../../shared/attribution';
import type { Stage } from '../../shared/api';
import type { Reason } from '../../shared/qualify/types';
import { channelOf } from '../../shared/channel';
import type { AttributionLeadRow, StoredTouch } from '../reports/attribution.core';
import type { FunnelLead } from '../reports/funnel.core';
import type { SessionTouch } from '../tracking/tracking-store';
import type { FairnessFacts } from '../reports/rep-fairness.core';
import type { ExportRow } from '../reports/reports-store';
import type { Extras } from './card-extras';

/** A stage change of a report's lead, as both dialects read it. */
export type StageChangeRow = FunnelLead['changes'][number] & { leadId: string };
type StageChange = StageChangeRow;

/**
 * A lead's touches as both dialects select them: the callback's page and referrer, and its
 * tracked visitor (`v`) first touch. Quoted aliases read alike on SQLite and PostgreSQL.
 */
export const TOUCH_COLUMNS_SQL = `l.page_url as "pageUrl", l.referrer as "referrer", v.landing_url as "visitLanding", v.referrer as "visitReferrer",
  v.utm_source as "utmSource", v.utm_medium as "utmMedium", v.utm_campaign as "utmCampaign", v.utm_term as "utmTerm", v.utm_content as "utmContent"`;

export interface TouchColumns {
  pageUrl: string | null;
  referrer: string | null;
  visitLanding: string | null;
  visitReferrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

/** The tracked first touch, then the callback's own (shared/attribution). */
export function leadAttribution(r: TouchColumns): Attribution {
  const visit = {
    url: r.visitLanding,
    referrer: r.visitReferrer,
    utm: { source: r.utmSource, medium: r.utmMedium, campaign: r.utmCampaign, term: r.utmTerm, content: r.utmContent },
  };
  return attribute([visit, { url: r.pageUrl, referrer: r.referrer }]);
}

/**
 * leadAttribution for the leads of one report, remembered by their touch columns: a report's leads
 * share few distinct pages and referrers, and parsing their URLs is most of the work.
 */
export function leadAttributionMemo(): (r: TouchColumns) => Attribution {
  const seen = new Map<string, Attribution>();
  return (r) => {
    const key = JSON.stringify([r.pageUrl, r.referrer, r.visitLanding, r.visitReferrer, r.utmSource, r.utmMedium, r.utmCampaign, r.utmTerm, r.utmContent]);
    let a = seen.get(key);
    if (!a) seen.set(key, (a = leadAttribution(r)));
    return a;
  };
}

/** The funnel's leads, each with its stage changes (given oldest first) attached and its source attributed. */
export function funnelLeads(leads: readonly FunnelLeadRow[], changes: readonly StageChange[], attributionOf = leadAttributionMemo()): FunnelLead[] {
  const byLead = new Map<string, FunnelLead['changes']>();
  for (const c of changes) {
    const change = { to: c.to, at: c.at, reason: c.reason };
    const list = byLead.get(c.leadId);
    if (list) list.push(change);
    else byLead.set(c.leadId, [change]);
  }
  return leads.map((l) => {
    const a = attributionOf(l);
    return {
      capturedAt: l.capturedAt,
      changes: byLead.get(l.id) ?? [],
      source: a.source,
      campaign: a.utm.campaign,
      contactAttempts: l.contactAttempts,
      dealValue: l.dealValue,
      countedVisitor: l.countedVisitor,
    };
  });
}

/** The funnel's lead columns as both dialects read them (the attribution report reads the same). */
export type FunnelLeadRow = { id: string; capturedAt: number; contactAttempts: number; dealValue: number | null; countedVisitor: string | null } & TouchColumns;

/**
 * A lead's stored touches as both dialects select them (`visitor_touches t` joined to `leads l`):
 * its visitor's sessions up to its capture, and its capture's own touch.
 */
export const leadTouchColumnsSql = (at = 't.at') => `l.id as "leadId", t.kind, ${at} as at, t.landing_url as "landingUrl", t.referrer,
  t.utm_source as "utmSource", t.utm_medium as "utmMedium", t.utm_campaign as "utmCampaign", t.utm_term as "utmTerm", t.utm_content as "utmContent"`;

export interface LeadTouchRow extends SessionTouch {
  leadId: string;
  kind: 'session' | 'capture';
  at: number;
}

/** The attribution report's leads: each with its stored touches and stage changes (attribution.core chooses the touches that count). */
export function attributionLeads(leads: readonly FunnelLeadRow[], touches: readonly LeadTouchRow[], changes: readonly StageChange[]): AttributionLeadRow[] {
  const byLead = new Map<string, StoredTouch[]>();
  for (const t of touches) {
    const utm = { source: t.utmSource, medium: t.utmMedium, campaign: t.utmCampaign, term: t.utmTerm, content: t.utmContent };
    byLead.set(t.leadId, [...(byLead.get(t.leadId) ?? []), { kind: t.kind, at: t.at, landingUrl: t.landingUrl, referrer: t.referrer, utm }]);
  }
  const attributionOf = leadAttributionMemo();
  const funnel = funnelLeads(leads, changes, attributionOf);
  return leads.map((l, i) => {
    // Leads captured before touches were stored: their first touch as the visitor row kept it.
    const a = attributionOf(l);
    const before = { at: l.capturedAt, channel: channelOf({ source: a.source, medium: a.utm.medium }), source: a.source, campaign: a.utm.campaign };
    return {
      capturedAt: l.capturedAt,
      changes: funnel[i]!.changes,
      dealValue: l.dealValue,
      stored: byLead.get(l.id) ?? [],
      before,
    };
  });
}

/** An export row as both dialects read it: the lead's columns (JSON as text), before the card's extras join it. */
export type ExportLeadColumns = Pick<
  ExportRow,
  | 'id'
  | 'capturedAt'
  | 'name'
  | 'phone'
  | 'email'
  | 'siteId'
  | 'site'
  | 'pageUrl'
  | 'referrer'
  | 'score'
  | 'fit'
  | 'fitReason'
  | 'rulesVersion'
  | 'owner'
  | 'acceptedAt'
  | 'firstCallAt'
  | 'outcome'
  | 'outcomeAt'
> & {
  visitorId: string | null;
  stage: string;
  /** SQLite gives 0/1, PostgreSQL booleans. */
  mql: boolean | number;
  hot: boolean | number;
  reasons: string;
  answers: string;
  timeZone: string | null;
  salesQualification: string | null;
  hotAt: number | null;
  slaDueAt: number | null;
  timeline: string | null;
};

/** The lead as exported: its columns parsed, with what the lead card shows beyond them and its attribution. */
export function exportRow(r: ExportLeadColumns, extras: Extras): ExportRow {
  const source = extras.source;
  const touches: TouchColumns = {
    pageUrl: r.pageUrl,
    referrer: r.referrer,
    visitLanding: source?.landingUrl ?? null,
    visitReferrer: source?.referrer ?? null,
    utmSource: source?.utm.source ?? null,
    utmMedium: source?.utm.medium ?? null,
    utmCampaign: source?.utm.campaign ?? null,
    utmTerm: source?.utm.term ?? null,
    utmContent: source?.utm.content ?? null,
  };
  return {
    id: r.id,
    capturedAt: r.capturedAt,
    name: r.name,
    phone: r.phone,
    email: r.email,
    siteId: r.siteId,
    site: r.site,
    pageUrl: r.pageUrl,
    referrer: r.referrer,
    stage: r.stage as Stage,
    score: r.score,
    fit: r.fit,
    fitReason: r.fitReason,
    mql: Boolean(r.mql),
    hot: Boolean(r.hot),
    rulesVersion: r.rulesVersion,
    reasons: JSON.parse(r.reasons) as Reason[],
    answers: JSON.parse(r.answers) as Record<string, string>,
    owner: r.owner,
    handRaiseAt: r.hotAt,
    acceptedAt: r.acceptedAt,
    firstCallAt: r.firstCallAt,
    outcome: r.outcome,
    outcomeAt: r.outcomeAt,
    attribution: leadAttribution(touches),
    extras,
    timeline: r.timeline,
  };
}

/** Every stage a lead's recorded changes moved it to, as both dialects aggregate them (comma-joined). */
export const REACHED_STAGES_SQL = (aggregate: string) => `(select ${aggregate} from stage_changes c where c.lead_id = l.id)`;

/** The comma-joined stages back as a list (stage names hold no comma). */
export function stagesOf(joined: string | null): string[] {
  return joined ? joined.split(',') : [];
}

/** Teams with their members from `teams left join team_members` rows (a team without members has one row of nulls). */
export function teamsOf(rows: ReadonlyArray<{ id: string; name: string; repId: string | null; weight: number | null }>): FairnessFacts['teams'] {
  const teams = new Map<string, FairnessFacts['teams'][number]>();
  for (const r of rows) {
    const team = teams.get(r.id) ?? { id: r.id, name: r.name, members: [] };
    if (r.repId !== null) team.members.push({ repId: r.repId, weight: r.weight ?? 1 });
    teams.set(r.id, team);
  }
  return [...teams.values()];
}
