// What both dialects' report reads assemble without touching the database.
import { attribute, type Attribution } from '../../shared/attribution';
import type { Stage } from '../../shared/api';
import type { Reason } from '../../shared/qualify/types';
import type { Channel } from '../../shared/channel';
import type { AttributionLead, StoredTouch, TouchPoint } from '../reports/attribution.core';
import type { ReportFacts, reportFacts } from '../reports/report-facts.core';
import type { FunnelLead, FunnelStages, StageFacts } from '../reports/funnel.core';
import type { SessionTouch } from '../tracking/tracking-store';
import type { FairnessFacts } from '../reports/rep-fairness.core';
import type { ExportRow } from '../reports/reports-store';
import type { Extras } from './card-extras';

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

/** The funnel's leads. */
export function funnelLeads(leads: readonly ReportLeadRow[]): FunnelLead[] {
  return leads.map((l) => ({
    capturedAt: l.capturedAt,
    reached: l.stages.reached,
    exits: l.stages.exits,
    source: l.facts.source,
    campaign: l.facts.campaign,
    contactAttempts: l.contactAttempts,
    dealValue: l.dealValue,
    countedVisitor: l.countedVisitor,
  }));
}

/** The attribution report's leads: each with the touches that brought it and the steps it reached. */
export function attributionLeads(leads: readonly ReportLeadRow[]): AttributionLead[] {
  return leads.map((l) => ({ capturedAt: l.capturedAt, reached: l.stages.reached, dealValue: l.dealValue, touches: l.facts.touches }));
}

/** What report-facts.core reportFacts is given of a lead, as both dialects select it (FACT_INPUT_COLUMNS_SQL). */
export interface ReportFactsInput extends TouchColumns {
  capturedAt: number;
  visitorFirstSeenAt: number | null;
  visitorBot: boolean | number | null;
}

/** The rule that works a lead's facts out, handed to the stores (server/routing/store-rules.ts). */
export type ReportFactsRule = typeof reportFacts;

/** The facts as the leads row keeps them (report_source, report_campaign, report_visitor_seen_at, report_touches). */
export function factColumns(f: ReportFacts) {
  return {
    reportSource: f.source,
    reportCampaign: f.campaign,
    reportVisitorSeenAt: f.visitorSeenAt,
    reportTouches: JSON.stringify(f.touches.map((t) => [t.at, t.channel, t.source, t.campaign])),
  };
}

/** The touches back from report_touches. */
export function touchesOf(json: string): TouchPoint[] {
  return (JSON.parse(json) as Array<[number, Channel, string | null, string | null]>).map(([at, channel, source, campaign]) => ({
    at,
    channel,
    source,
    campaign,
  }));
}

/** The stored touches of leads by lead id, from the rows both dialects select (leadTouchColumnsSql). */
export function storedTouchesByLead(touches: readonly LeadTouchRow[]): Map<string, StoredTouch[]> {
  const byLead = new Map<string, StoredTouch[]>();
  for (const t of touches) {
    const utm = { source: t.utmSource, medium: t.utmMedium, campaign: t.utmCampaign, term: t.utmTerm, content: t.utmContent };
    const list = byLead.get(t.leadId);
    const touch: StoredTouch = { kind: t.kind, at: t.at, landingUrl: t.landingUrl, referrer: t.referrer, utm };
    if (list) list.push(touch);
    else byLead.set(t.leadId, [touch]);
  }
  return byLead;
}

/** A report's lead as both dialects read it: its columns and its report facts. */
export interface ReportLeadRow {
  id: string;
  capturedAt: number;
  contactAttempts: number;
  dealValue: number | null;
  countedVisitor: string | null;
  facts: Pick<ReportFacts, 'source' | 'campaign' | 'touches'>;
  stages: StageFacts;
}

/**
 * A lead's touches as both dialects select them: the callback's page and referrer, and its
 * tracked visitor (`v`) first touch. Quoted aliases read alike on SQLite and PostgreSQL.
 */
export const TOUCH_COLUMNS_SQL = `l.page_url as "pageUrl", l.referrer as "referrer", v.landing_url as "visitLanding", v.referrer as "visitReferrer",
  v.utm_source as "utmSource", v.utm_medium as "utmMedium", v.utm_campaign as "utmCampaign", v.utm_term as "utmTerm", v.utm_content as "utmContent"`;

/** What reportFacts reads of a lead and its visitor (`l` left join `v`), as both dialects select it. */
export const FACT_INPUT_COLUMNS_SQL = `l.id, l.captured_at as "capturedAt", ${TOUCH_COLUMNS_SQL}, v.first_seen_at as "visitorFirstSeenAt", v.is_bot as "visitorBot"`;

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

/** A report's lead as both dialects select it (REPORT_LEAD_COLUMNS_SQL): its columns and its stored facts. */
export interface ReportLeadColumns {
  id: string;
  capturedAt: number;
  contactAttempts: number;
  dealValue: number | null;
  siteId: string;
  visitorId: string | null;
  source: string | null;
  campaign: string | null;
  visitorSeenAt: number | null;
  /** report_touches; null: the facts are not worked out yet (then read the slow way, factsOf). */
  touches: string | null;
  mqlAt: number | null;
  salAt: number | null;
  sqlAt: number | null;
  opportunityAt: number | null;
  wonAt: number | null;
  /** The lead's changes to exit stages as JSON [[to, reason], ...] ('[]' or null: none). */
  exits: string | null;
}

/**
 * What the funnel needs of a lead's stage changes (`c`, left joined to its lead and grouped by it),
 * aggregated by the database instead of read change by change: per step (funnel.core FUNNEL_STAGES, handed in)
 * the earliest change to one of its stages as `${step}At`, and the changes to exit stages as JSON ('[]': none).
 * PostgreSQL casts its bigint minimum and returns the JSON as text, as SQLite does.
 */
export function stageFactsColumnsSql(dialect: 'sqlite' | 'pg', stages: FunnelStages): string {
  const aggregates = stageFactAggregates(dialect, stages);
  return [...stages.reaching.map(({ step }, i) => `${aggregates[i]} as "${step}At"`), `${aggregates.at(-1)} as "exits"`].join(', ');
}

/** The aggregates of stageFactsColumnsSql, unnamed, in the order of STAGE_FACT_COLUMNS. */
function stageFactAggregates(dialect: 'sqlite' | 'pg', stages: FunnelStages): string[] {
  if (stages.reaching.map((r) => r.step).join() !== STAGE_STEP_NAMES.join()) throw new Error('funnel steps and report step columns differ');
  const list = (stages: readonly string[]) => stages.map((s) => `'${s}'`).join(', ');
  const steps = stages.reaching.map(
    ({ stages: reaching }) => `min(case when c.to_stage in (${list(reaching)}) then c.at end)${dialect === 'pg' ? '::float8' : ''}`,
  );
  const exits =
    dialect === 'pg'
      ? `(json_agg(json_build_array(c.to_stage, c.reason)) filter (where c.to_stage in (${list(stages.exits)})))::text`
      : `json_group_array(json_array(c.to_stage, c.reason)) filter (where c.to_stage in (${list(stages.exits)}))`;
  return [...steps, `coalesce(${exits}, '[]')`];
}

/** The funnel steps reached by moving stage, as the leads row keeps them (report_<step>_at). */
const STAGE_STEP_NAMES = ['mql', 'sal', 'sql', 'opportunity', 'won'] as const;

/** The lead's stage facts as its row keeps them (leads.report_*_at, report_exits), in the order stageFactsColumnsSql aggregates them. */
export const STAGE_FACT_COLUMNS = [...STAGE_STEP_NAMES.map((step) => `report_${step}_at`), 'report_exits'];

/**
 * Works the stage facts of the leads `where` picks out (`leads` unaliased) from their changes and
 * stores them on their rows: when a change is written, and once for leads written before they existed.
 */
export const refreshStageFactsSql = (dialect: 'sqlite' | 'pg', stages: FunnelStages, where: string) =>
  `update leads set (${STAGE_FACT_COLUMNS.join(', ')}) =
     (select ${stageFactAggregates(dialect, stages).join(', ')} from stage_changes c where c.lead_id = leads.id)
   where ${where}`;

/** The lead's stage facts from the columns of stageFactsColumnsSql. */
export function stageFactsOf(r: Pick<ReportLeadColumns, 'mqlAt' | 'salAt' | 'sqlAt' | 'opportunityAt' | 'wonAt' | 'exits'>): StageFacts {
  const exits = r.exits && r.exits !== '[]' ? (JSON.parse(r.exits) as Array<[string, string | null]>).map(([to, reason]) => ({ to, reason })) : [];
  return { reached: { mql: r.mqlAt, sal: r.salAt, sql: r.sqlAt, opportunity: r.opportunityAt, won: r.wonAt }, exits };
}

/**
 * What a report reads of each lead of its range (`leads l`): its own row only. Without touches
 * (the funnel), `touches` only says whether the facts are stored ('' or null), sparing their text.
 */
export const reportLeadColumnsSql = (
  withTouches: boolean,
) => `l.id, l.captured_at as "capturedAt", l.contact_attempts as "contactAttempts", l.deal_value as "dealValue",
  l.site_id as "siteId", l.visitor_id as "visitorId", l.report_source as "source", l.report_campaign as "campaign",
  l.report_visitor_seen_at as "visitorSeenAt", ${withTouches ? 'l.report_touches' : "case when l.report_touches is not null then '' end"} as "touches",
  l.report_mql_at as "mqlAt", l.report_sal_at as "salAt", l.report_sql_at as "sqlAt", l.report_opportunity_at as "opportunityAt",
  l.report_won_at as "wonAt", l.report_exits as "exits"`;

/** The names of a report lead's columns in the order reportLeadColumnsSql then stageFactsColumnsSql select them. */
export const REPORT_LEAD_COLUMNS = [
  'id',
  'capturedAt',
  'contactAttempts',
  'dealValue',
  'siteId',
  'visitorId',
  'source',
  'campaign',
  'visitorSeenAt',
  'touches',
  'mqlAt',
  'salAt',
  'sqlAt',
  'opportunityAt',
  'wonAt',
  'exits',
] as const satisfies ReadonlyArray<keyof ReportLeadColumns>;

/**
 * The report leads from rows read as arrays (a driver's raw mode: a row as an object per lead
 * costs more than the read at 100,000 leads), after checking the columns came in that order.
 */
export function reportLeadColumnsOf(names: readonly string[], rows: readonly unknown[][]): ReportLeadColumns[] {
  if (names.join() !== REPORT_LEAD_COLUMNS.join()) throw new Error(`report lead columns out of order: ${names.join()}`);
  return rows.map((r) => ({
    id: r[0] as string,
    capturedAt: r[1] as number,
    contactAttempts: r[2] as number,
    dealValue: r[3] as number | null,
    siteId: r[4] as string,
    visitorId: r[5] as string | null,
    source: r[6] as string | null,
    campaign: r[7] as string | null,
    visitorSeenAt: r[8] as number | null,
    touches: r[9] as string | null,
    mqlAt: r[10] as number | null,
    salAt: r[11] as number | null,
    sqlAt: r[12] as number | null,
    opportunityAt: r[13] as number | null,
    wonAt: r[14] as number | null,
    exits: r[15] as string | null,
  }));
}

/** A lead's stage facts as stageFactsByIdSql selects them. */
export type StageFactColumns = Pick<ReportLeadColumns, 'id' | 'mqlAt' | 'salAt' | 'sqlAt' | 'opportunityAt' | 'wonAt' | 'exits'>;

/** The stage facts of the leads `where` picks out (`l`), from their changes: for rows that do not keep them yet (report_exits null). */
export const stageFactsByIdSql = (dialect: 'sqlite' | 'pg', stages: FunnelStages, where: string) =>
  `select l.id, ${stageFactsColumnsSql(dialect, stages)} from leads l left join stage_changes c on c.lead_id = l.id where ${where} group by l.id`;

/** The ids of the rows whose stage facts are not stored yet (a lead written before they existed, or by hand). */
export const missingStageFacts = (rows: readonly ReportLeadColumns[]): string[] => rows.filter((r) => r.exits === null).map((r) => r.id);

/** The rows with the stage facts worked out for those that lacked them (in place: the rows are the read's own). */
export function withStageFacts(rows: ReportLeadColumns[], worked: readonly StageFactColumns[]): ReportLeadColumns[] {
  if (!worked.length) return rows;
  const byId = new Map(worked.map((f) => [f.id, f]));
  for (const r of rows) {
    const f = r.exits === null ? byId.get(r.id) : undefined;
    if (f) Object.assign(r, { mqlAt: f.mqlAt, salAt: f.salAt, sqlAt: f.sqlAt, opportunityAt: f.opportunityAt, wonAt: f.wonAt, exits: f.exits });
  }
  return rows;
}

/** The ids of the rows whose facts are not stored yet. */
export const missingFacts = (rows: readonly ReportLeadColumns[]): string[] => rows.filter((r) => r.touches === null).map((r) => r.id);

/**
 * The report rows of [from, to): stored facts as kept, missing ones from `worked` (factsOf over
 * the few leads written without them). Touches are parsed only when the report credits them.
 */
export function reportLeadRows(
  rows: readonly ReportLeadColumns[],
  range: { from: number; to: number },
  worked: ReadonlyMap<string, ReportFacts>,
  withTouches: boolean,
): ReportLeadRow[] {
  return rows.map((r) => {
    const own = worked.get(r.id);
    const seen = own ? own.visitorSeenAt : r.visitorSeenAt;
    const facts = own ?? {
      source: r.source,
      campaign: r.campaign,
      touches: withTouches && r.touches !== null ? touchesOf(r.touches) : [],
    };
    return {
      id: r.id,
      capturedAt: r.capturedAt,
      contactAttempts: r.contactAttempts,
      dealValue: r.dealValue,
      countedVisitor: seen !== null && seen >= range.from && seen < range.to && r.visitorId !== null ? `${r.siteId} ${r.visitorId}` : null,
      facts,
      stages: stageFactsOf(r),
    };
  });
}

/** Each lead's report facts from the rows both dialects select (FACT_INPUT_COLUMNS_SQL, leadTouchColumnsSql). */
export function factsByLead(
  inputs: readonly (ReportFactsInput & { id: string })[],
  touches: readonly LeadTouchRow[],
  rule: ReportFactsRule,
): Map<string, ReportFacts> {
  const stored = storedTouchesByLead(touches);
  return new Map(
    inputs.map((r) => [
      r.id,
      rule(
        { capturedAt: r.capturedAt, attribution: leadAttribution(r), visitorFirstSeenAt: r.visitorFirstSeenAt, visitorBot: r.visitorBot },
        stored.get(r.id) ?? [],
      ),
    ]),
  );
}

/** The `settings` key marking that leads captured before report facts existed have them (the stores' report-facts.ts backfill). */
export const REPORT_FACTS_BACKFILL = 'report_facts_backfilled';

/** The `settings` key marking that leads written before stage facts existed have them (the stores' report-stages.ts backfill). */
export const REPORT_STAGES_BACKFILL = 'report_stages_backfilled';
