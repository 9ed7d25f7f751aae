// Attribution from stored touches: which touches of a lead count (sessions before its capture,
// and the capture's own touch when it says something new), how the lead's credit is split over
// them (first-touch, last-touch, linear), and the table that sums the credit of leads, MQLs, SQLs,
// opportunities, won deals and revenue by channel, source or campaign, with cohorts by week of
// first touch. Pure.
import { touchAttribution, type Touch } from '../../shared/attribution';
import { CHANNEL_LABELS, channelOf, type Channel } from '../../shared/channel';
import type { AttributionBy, AttributionFigures, AttributionModel, AttributionReport } from '../../shared/console-api';
import { stepReachedAt, type FunnelLead } from './funnel.core';

export const ATTRIBUTION_MODELS = ['first', 'last', 'linear'] as const satisfies readonly AttributionModel[];
export const ATTRIBUTION_BY = ['channel', 'source', 'campaign'] as const satisfies readonly AttributionBy[];

/** A `visitor_touches` row as the report reads it. */
export interface StoredTouch {
  kind: 'session' | 'capture';
  at: number;
  landingUrl: string | null;
  referrer: string | null;
  utm: Touch['utm'];
}

/** One touch as the models credit it. */
export interface TouchPoint {
  at: number;
  channel: Channel;
  /** `utm_source`, else the referring site's host; null = direct. */
  source: string | null;
  campaign: string | null;
}

/** One lead of the report: its touches (oldest first, at least one) and how far it got. */
export interface AttributionLead extends Pick<FunnelLead, 'capturedAt' | 'reached' | 'dealValue'> {
  touches: TouchPoint[];
}

export function touchPoint(t: StoredTouch): TouchPoint {
  const a = touchAttribution({ url: t.landingUrl, referrer: t.referrer, utm: t.utm });
  return {
    at: t.at,
    channel: channelOf({ source: a?.source ?? null, medium: a?.utm.medium ?? null }),
    source: a?.source ?? null,
    campaign: a?.utm.campaign ?? null,
  };
}

/**
 * The touches that brought a lead, oldest first: its visitor's sessions up to the capture, then the
 * capture's own touch when there is no session or it names a source the last session did not
 * (a form on a campaign page of a site without tracking), so the page a visitor asked from does
 * not count as a second touch of the session it belongs to. `before` (the first-touch columns of
 * leads captured before touches were stored) stands in when nothing was stored.
 */
export function leadTouches(stored: readonly StoredTouch[], capturedAt: number, before: TouchPoint | null): TouchPoint[] {
  const ordered = [...stored].sort((a, b) => a.at - b.at);
  const sessions = ordered.filter((t) => t.kind === 'session' && t.at <= capturedAt).map(touchPoint);
  const capture = ordered.find((t) => t.kind === 'capture');
  const points = [...sessions];
  if (capture) {
    const own = touchPoint(capture);
    const last = sessions.at(-1);
    if (!last || (own.source !== null && (own.source !== last.source || own.campaign !== last.campaign))) points.push(own);
  }
  if (points.length) return points;
  return [before ?? { at: capturedAt, channel: 'direct', source: null, campaign: null }];
}

/** Each touch's share of one lead under a model: non-negative, summing to 1 (none for no touches). */
export function credits(model: AttributionModel, touches: number): number[] {
  if (touches <= 0) return [];
  if (model === 'linear') return Array.from({ length: touches }, () => 1 / touches);
  const out = Array.from({ length: touches }, () => 0);
  out[model === 'first' ? 0 : touches - 1] = 1;
  return out;
}

const empty = (): AttributionFigures => ({ leads: 0, mql: 0, sql: 0, opportunities: 0, won: 0, revenue: 0 });

/** What a lead earns, times `share`: itself, the steps it reached, the deal it won. */
function add(into: AttributionFigures, l: AttributionLead, share: number): void {
  const won = stepReachedAt(l, 'won') !== null;
  into.leads += share;
  if (stepReachedAt(l, 'mql') !== null) into.mql += share;
  if (stepReachedAt(l, 'sql') !== null) into.sql += share;
  if (stepReachedAt(l, 'opportunity') !== null) into.opportunities += share;
  if (won) {
    into.won += share;
    into.revenue += share * (l.dealValue ?? 0);
  }
}

/** The key and label of a touch's group. */
function groupOf(t: TouchPoint, by: AttributionBy): { key: string; label: string } {
  if (by === 'channel') return { key: t.channel, label: CHANNEL_LABELS[t.channel] };
  if (by === 'source') return t.source ? { key: t.source, label: t.source } : { key: '(direct)', label: '(direct)' };
  return t.campaign ? { key: t.campaign, label: t.campaign } : { key: '(none)', label: '(no campaign)' };
}

const DAY_MS = 24 * 3600 * 1000;

/** Each Monday's date as text, by day number: a report asks once per lead, for a few dozen weeks (formatting a date per lead took ~100 ms at 100,000). */
const MONDAYS = new Map<number, string>();

/** The Monday (UTC) starting the week of `at`, as YYYY-MM-DD. */
export function weekOf(at: number): string {
  const day = Math.floor(at / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  let text = MONDAYS.get(monday);
  if (text === undefined) MONDAYS.set(monday, (text = new Date(monday * DAY_MS).toISOString().slice(0, 10)));
  return text;
}

/** The report over `leads` (captured in [from, to)) under a model, grouped by channel, source or campaign. */
export function attributionReport(
  leads: readonly AttributionLead[],
  q: { model: AttributionModel; by: AttributionBy; from: number; to: number; currency: string },
): AttributionReport {
  const groups = new Map<string, { key: string; label: string } & AttributionFigures>();
  const cohorts = new Map<string, AttributionFigures>();
  const total = empty();
  // The shares of a lead's touches depend only on how many it has: worked out once per count.
  const shares = new Map<number, number[]>();
  for (const l of leads) {
    let share = shares.get(l.touches.length);
    if (!share) shares.set(l.touches.length, (share = credits(q.model, l.touches.length)));
    l.touches.forEach((t, i) => {
      if (share[i] === 0) return;
      const g = groupOf(t, q.by);
      const row = groups.get(g.key) ?? { ...g, ...empty() };
      add(row, l, share[i]!);
      groups.set(g.key, row);
    });
    const week = weekOf(l.touches[0]?.at ?? l.capturedAt);
    const cohort = cohorts.get(week) ?? empty();
    add(cohort, l, 1);
    cohorts.set(week, cohort);
    add(total, l, 1);
  }
  return reportOf(q, total, groups, cohorts);
}

/** The models whose counts a store can aggregate: one touch takes the whole lead. */
export type SingleTouchModel = Exclude<AttributionModel, 'linear'>;

/**
 * Leads counted by the value of their credited touch (the first or the last, under `model`) for the
 * grouping and by a time of their cohort's day, as a store's GROUP BY gives them, and the won deals in the
 * order the leads are read (their value is summed in that order, as attributionReport sums it).
 */
export interface AttributionCounts {
  rows: Array<
    {
      /** The credited touch's channel, source or campaign (as `by` says); null: none (direct, no campaign). */
      value: string | null;
      /** false: the lead has no touch to credit (it counts in its cohort and the total only). */
      credited: boolean;
      /** A time in the day of the lead's first touch (else its capture): its cohort's week. */
      cohortAt: number;
    } & Omit<AttributionFigures, 'revenue'>
  >;
  won: Array<{ value: string | null; credited: boolean; cohortAt: number; dealValue: number | null }>;
}

/** The credited touch of a single-touch model. */
const creditedTouch = (touches: readonly TouchPoint[], model: SingleTouchModel) => (model === 'first' ? touches[0] : touches.at(-1));

const touchValue = (t: TouchPoint, by: AttributionBy) => (by === 'channel' ? t.channel : by === 'source' ? t.source : t.campaign);

/** What a store aggregates, worked out of the leads (for a range with leads whose facts are not stored, and to check the stores by). */
export function attributionCounts(leads: readonly AttributionLead[], model: SingleTouchModel, by: AttributionBy): AttributionCounts {
  const rows = new Map<string, AttributionCounts['rows'][number]>();
  const won: AttributionCounts['won'] = [];
  for (const l of leads) {
    const t = creditedTouch(l.touches, model);
    const value = t ? touchValue(t, by) : null;
    const cohortAt = l.touches[0]?.at ?? l.capturedAt;
    const key = JSON.stringify([value, t !== undefined, Math.floor(cohortAt / DAY_MS)]);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { value, credited: t !== undefined, cohortAt, leads: 0, mql: 0, sql: 0, opportunities: 0, won: 0 }));
    row.leads++;
    if (stepReachedAt(l, 'mql') !== null) row.mql++;
    if (stepReachedAt(l, 'sql') !== null) row.sql++;
    if (stepReachedAt(l, 'opportunity') !== null) row.opportunities++;
    if (stepReachedAt(l, 'won') !== null) {
      row.won++;
      won.push({ value, credited: t !== undefined, cohortAt, dealValue: l.dealValue });
    }
  }
  return { rows: [...rows.values()], won };
}

/** The report of leads counted by attributionCounts or a store, under a single-touch model (the same as attributionReport of the leads). */
export function attributionOfCounts(
  c: AttributionCounts,
  q: { model: SingleTouchModel; by: AttributionBy; from: number; to: number; currency: string },
): AttributionReport {
  const groups = new Map<string, { key: string; label: string } & AttributionFigures>();
  const cohorts = new Map<string, AttributionFigures>();
  const total = empty();
  const point = (value: string | null): TouchPoint => {
    const p: TouchPoint = { at: 0, channel: 'direct', source: null, campaign: null };
    if (q.by === 'channel') p.channel = value as Channel;
    else if (q.by === 'source') p.source = value;
    else p.campaign = value;
    return p;
  };
  const count = (into: AttributionFigures, r: AttributionCounts['rows'][number]) => {
    into.leads += r.leads;
    into.mql += r.mql;
    into.sql += r.sql;
    into.opportunities += r.opportunities;
    into.won += r.won;
  };
  const groupRow = (value: string | null) => {
    const g = groupOf(point(value), q.by);
    let row = groups.get(g.key);
    if (!row) groups.set(g.key, (row = { ...g, ...empty() }));
    return row;
  };
  const cohortRow = (at: number) => {
    const week = weekOf(at);
    let row = cohorts.get(week);
    if (!row) cohorts.set(week, (row = empty()));
    return row;
  };
  for (const r of c.rows) {
    if (r.credited) count(groupRow(r.value), r);
    count(cohortRow(r.cohortAt), r);
    count(total, r);
  }
  for (const w of c.won) {
    if (w.credited) groupRow(w.value).revenue += w.dealValue ?? 0;
    cohortRow(w.cohortAt).revenue += w.dealValue ?? 0;
    total.revenue += w.dealValue ?? 0;
  }
  return reportOf(q, total, groups, cohorts);
}

/** The report from its total, its groups and its cohorts by week: groups with most leads first, cohorts oldest first. */
function reportOf(
  q: { model: AttributionModel; by: AttributionBy; from: number; to: number; currency: string },
  total: AttributionFigures,
  groups: ReadonlyMap<string, { key: string; label: string } & AttributionFigures>,
  cohorts: ReadonlyMap<string, AttributionFigures>,
): AttributionReport {
  return {
    from: q.from,
    to: q.to,
    model: q.model,
    by: q.by,
    currency: q.currency,
    ...total,
    groups: [...groups.values()].sort((a, b) => b.leads - a.leads || b.revenue - a.revenue || a.key.localeCompare(b.key)),
    cohorts: [...cohorts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, f]) => ({ week, ...f })),
  };
}
