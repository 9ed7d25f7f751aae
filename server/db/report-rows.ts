// What both dialects' report reads assemble without touching the database.
import { attribute, type Attribution } from '../../shared/attribution';
import type { Stage } from '../../shared/api';
import type { Reason } from '../../shared/qualify/types';
import type { Channel } from '../../shared/channel';
import type { AttributionLead, StoredTouch, TouchPoint } from '../reports/attribution.core';
import type { ReportFacts, reportFacts } from '../reports/report-facts.core';
import type { FunnelCounts, StageStep, FunnelLead, FunnelStages, StageFacts, StepTimes } from '../reports/funnel.core';
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

/**
 * How far a lead's recorded changes took it, comma-joined, as both dialects read it: the funnel steps
 * its row keeps (report_<step>_at: a later step implies the earlier ones, a lost deal was an
 * opportunity), or, for a row that keeps none yet, every stage its changes moved it to (`aggregate`
 * over them). Either answers whether it reached SQL or later (speed-pays.core reachedSql) alike.
 */
export const REACHED_STAGES_SQL = (aggregate: string) => `case when l.report_exits is null
    then (select ${aggregate} from stage_changes c where c.lead_id = l.id)
    else substr(${STAGE_STEP_NAMES.map((step) => `case when l.report_${step}_at is not null then ',${step}' else '' end`).join(' || ')}, 2) end`;

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

/** A report's lead as both dialects select it (reportLeadColumnsSql): its columns and its stored facts. */
export interface ReportLeadColumns {
  /** Only for a row whose facts are not stored yet (then read the slow way): 100,000 ids cost more than the rest of the row. */
  id: string | null;
  capturedAt: number;
  contactAttempts: number;
  dealValue: number | null;
  /** `site visitor` of its tracked visitor (null: none), the key the range's visitors are counted by. */
  visitorKey: string | null;
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
  /** The lead's changes to exit stages as JSON [[to, reason], ...] ('[]': none; null: not worked out yet, then read from its changes). */
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

/**
 * What a report reads of each lead of its range (`leads l`): its own row only. Without touches
 * (the funnel), `touches` only says whether the facts are stored ('' or null), sparing their text.
 */
export const reportLeadColumnsSql = (withTouches: boolean) => `case when l.report_touches is null or l.report_exits is null then l.id end as "id",
  l.captured_at as "capturedAt", l.contact_attempts as "contactAttempts", l.deal_value as "dealValue",
  case when l.visitor_id is not null then l.site_id || ' ' || l.visitor_id end as "visitorKey",
  l.report_source as "source", l.report_campaign as "campaign", l.report_visitor_seen_at as "visitorSeenAt",
  ${withTouches ? 'l.report_touches' : "case when l.report_touches is not null then '' end"} as "touches",
  l.report_mql_at as "mqlAt", l.report_sal_at as "salAt", l.report_sql_at as "sqlAt", l.report_opportunity_at as "opportunityAt",
  l.report_won_at as "wonAt", l.report_exits as "exits"`;

/** The names of a report lead's columns in the order reportLeadColumnsSql selects them. */
export const REPORT_LEAD_COLUMNS = [
  'id',
  'capturedAt',
  'contactAttempts',
  'dealValue',
  'visitorKey',
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

// Positions in REPORT_LEAD_COLUMNS: a report lead travels as the array the driver gave (a row as an
// object, then another per step, cost more than the read at 100,000 leads).
const ID = 0;
const CAPTURED = 1;
const ATTEMPTS = 2;
const DEAL = 3;
const VISITOR_KEY = 4;
const SOURCE = 5;
const CAMPAIGN = 6;
const SEEN = 7;
const TOUCHES = 8;
const MQL = 9;
const EXITS = 14;

/** A report lead's values, in the order of REPORT_LEAD_COLUMNS. */
export type ReportLeadValues = unknown[];

/** Rows read as arrays (a driver's raw mode), after checking the columns came in REPORT_LEAD_COLUMNS order. */
export function reportLeadValues(names: readonly string[], rows: ReportLeadValues[]): ReportLeadValues[] {
  if (names.join() !== REPORT_LEAD_COLUMNS.join()) throw new Error(`report lead columns out of order: ${names.join()}`);
  return rows;
}

/** Rows read as objects, as arrays in REPORT_LEAD_COLUMNS order. */
export const reportLeadValuesOf = (rows: ReadonlyArray<Record<string, unknown>>): ReportLeadValues[] => rows.map((r) => REPORT_LEAD_COLUMNS.map((c) => r[c]));

/** The ids of the rows whose facts are not stored yet. */
export const missingFacts = (rows: readonly ReportLeadValues[]): string[] => rows.filter((r) => r[TOUCHES] === null).map((r) => r[ID] as string);

/** A lead's stage facts as stageFactsByIdSql selects them. */
export type StageFactColumns = Pick<ReportLeadColumns, 'mqlAt' | 'salAt' | 'sqlAt' | 'opportunityAt' | 'wonAt' | 'exits'> & { id: string };

/** The stage facts of the leads `where` picks out (`l`), from their changes: for rows that do not keep them yet (report_exits null). */
export const stageFactsByIdSql = (dialect: 'sqlite' | 'pg', stages: FunnelStages, where: string) =>
  `select l.id, ${stageFactsColumnsSql(dialect, stages)} from leads l left join stage_changes c on c.lead_id = l.id where ${where} group by l.id`;

/** The ids of the rows whose stage facts are not stored yet (a lead written before they existed, or by hand). */
export const missingStageFacts = (rows: readonly ReportLeadValues[]): string[] => rows.filter((r) => r[EXITS] === null).map((r) => r[ID] as string);

/** The rows with the stage facts worked out for those that lacked them (in place: the rows are the read's own). */
export function withStageFacts(rows: ReportLeadValues[], worked: readonly StageFactColumns[]): ReportLeadValues[] {
  if (!worked.length) return rows;
  const byId = new Map(worked.map((f) => [f.id, f]));
  for (const r of rows) {
    const f = r[EXITS] === null ? byId.get(r[ID] as string) : undefined;
    if (f) r.splice(MQL, EXITS - MQL + 1, f.mqlAt, f.salAt, f.sqlAt, f.opportunityAt, f.wonAt, f.exits);
  }
  return rows;
}

/** When the lead first reached each step by moving stage. */
const reachedOf = (r: ReportLeadValues): StepTimes => ({
  mql: r[MQL] as number | null,
  sal: r[MQL + 1] as number | null,
  sql: r[MQL + 2] as number | null,
  opportunity: r[MQL + 3] as number | null,
  won: r[MQL + 4] as number | null,
});

/** A lead's moves out of the funnel: most leads have none, and share this list (read only). */
const NO_EXITS: StageFacts['exits'] = [];

function exitsOf(json: unknown): StageFacts['exits'] {
  if (json === '[]' || json === null) return NO_EXITS;
  return (JSON.parse(json as string) as Array<[string, string | null]>).map(([to, reason]) => ({ to, reason }));
}

/**
 * The funnel's leads of [from, to): stored facts as kept, missing ones from `worked` (factsOf over
 * the few leads written without them).
 */
export function funnelLeads(rows: readonly ReportLeadValues[], range: { from: number; to: number }, worked: ReadonlyMap<string, ReportFacts>): FunnelLead[] {
  const out = new Array<FunnelLead>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const own = r[ID] === null ? undefined : worked.get(r[ID] as string);
    const seen = own ? own.visitorSeenAt : (r[SEEN] as number | null);
    out[i] = {
      capturedAt: r[CAPTURED] as number,
      reached: reachedOf(r),
      exits: exitsOf(r[EXITS]),
      source: own ? own.source : (r[SOURCE] as string | null),
      campaign: own ? own.campaign : (r[CAMPAIGN] as string | null),
      contactAttempts: r[ATTEMPTS] as number,
      dealValue: r[DEAL] as number | null,
      countedVisitor: seen !== null && seen >= range.from && seen < range.to ? (r[VISITOR_KEY] as string | null) : null,
    };
  }
  return out;
}

/** The attribution report's leads: each with the touches that brought it (stored, or from `worked`) and the steps it reached. */
export function attributionLeads(rows: readonly ReportLeadValues[], worked: ReadonlyMap<string, ReportFacts>): AttributionLead[] {
  const out = new Array<AttributionLead>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const own = r[ID] === null ? undefined : worked.get(r[ID] as string);
    const touches = own ? own.touches : r[TOUCHES] !== null ? touchesOf(r[TOUCHES] as string) : [];
    out[i] = { capturedAt: r[CAPTURED] as number, reached: reachedOf(r), dealValue: r[DEAL] as number | null, touches };
  }
  return out;
}

/** A row of a store's funnel groups query (both dialects): counts per source and campaign (PostgreSQL casts them to int). */
export interface FunnelGroupRow {
  source: string | null;
  campaign: string | null;
  leads: number;
  mql: number;
  sal: number;
  sql: number;
  opportunity: number;
  won: number;
  workedLeads: number;
  attempts: number;
}

/**
 * Each funnel step's time from the one before (mql: from capture) as both dialects' funnel reads work it
 * out of a lead row (`l`): the step, the earlier time's column and the step's (the median is taken where both are set).
 */
export const FUNNEL_STEP_TIMES = [
  ['mql', 'l.captured_at', 'l.report_mql_at'],
  ['sal', 'l.report_mql_at', 'l.report_sal_at'],
  ['sql', 'l.report_sal_at', 'l.report_sql_at'],
  ['opportunity', 'l.report_sql_at', 'l.report_opportunity_at'],
  ['won', 'l.report_opportunity_at', 'l.report_won_at'],
] as const satisfies ReadonlyArray<readonly [StageStep, string, string]>;

/** Where a single-touch model's credited touch and the grouping's value sit in report_touches ([at, channel, source, campaign][]). */
export function creditedTouchPath(model: 'first' | 'last', by: 'channel' | 'source' | 'campaign'): ['first' | 'last', number] {
  return [model, { channel: 1, source: 2, campaign: 3 }[by]];
}

/** The moves out of the funnel from the leads' exit lists (report_exits JSON) counted by list. */
export function exitCounts(rows: ReadonlyArray<{ exits: string; count: number }>): FunnelCounts['exits'] {
  const by = new Map<string, FunnelCounts['exits'][number]>();
  for (const r of rows)
    for (const [to, reason] of JSON.parse(r.exits) as Array<[string, string | null]>) {
      const key = JSON.stringify([to, reason]);
      const e = by.get(key);
      if (e) e.count += Number(r.count);
      else by.set(key, { to, reason, count: Number(r.count) });
    }
  return [...by.values()];
}

/** The funnel's counts from what both dialects aggregate; the won deals' values are summed in the order given (as wonRevenue sums them). */
export function funnelCountsOf(r: {
  /** The funnel's steps in order (funnel.core STAGE_STEPS, handed in through the store rules' funnelStages). */
  steps: readonly StageStep[];
  groups: readonly FunnelGroupRow[];
  exits: FunnelCounts['exits'];
  medianMs: FunnelCounts['medianMs'];
  countedVisitors: number;
  wonValues: ReadonlyArray<number | null>;
}): FunnelCounts {
  const worked = { leads: 0, attempts: 0 };
  let leads = 0;
  const groups = r.groups.map((g) => {
    leads += Number(g.leads);
    worked.leads += Number(g.workedLeads);
    worked.attempts += Number(g.attempts);
    const reached = Object.fromEntries(r.steps.map((step) => [step, Number(g[step])])) as FunnelCounts['groups'][number]['reached'];
    return { source: g.source, campaign: g.campaign, leads: Number(g.leads), reached };
  });
  const medianMs = Object.fromEntries(r.steps.map((step) => [step, r.medianMs[step] === null ? null : Number(r.medianMs[step])])) as FunnelCounts['medianMs'];
  return {
    leads,
    countedVisitors: Number(r.countedVisitors),
    groups,
    medianMs,
    exits: r.exits,
    revenue: r.wonValues.reduce<number>((sum, v) => sum + (v ?? 0), 0),
    worked,
  };
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
