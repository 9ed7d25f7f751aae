// What both tracking stores (SQLite and PostgreSQL) read and write without deciding anything:
// stored events as the scoring engine sees them, site settings and rules versions as rows, and
// the backtest's history assembled from the rows read. The decisions of a batch (scoring, stage
// moves, who turned hot) are planned in tracking/plan-batch.core.ts, passed in by the caller.
import type { BehaviourEvent } from '../../shared/qualify/types';
import type { SiteRules } from '../../shared/site-rules';
import { DEFAULT_SETTINGS, type HistorySubject, type RulesVersionRow, type SiteSettings } from '../tracking/tracking-store';

export function toEngineEvent(r: { type: string; name: string | null; url: string | null; at: number }): BehaviourEvent {
  return { type: r.type, ...(r.name !== null ? { name: r.name } : {}), ...(r.url !== null ? { url: r.url } : {}), at: r.at };
}

export function toSiteSettings(
  row:
    | {
        consent: SiteSettings['consent'];
        formsCountAsContactRequest: boolean;
        trackSelectors: string;
        browserCalls: boolean;
        botFilter: boolean;
        maxEventsPerSecond: number;
        minSubmitMs: number;
      }
    | undefined,
): SiteSettings {
  return row
    ? {
        consent: row.consent,
        formsCountAsContactRequest: row.formsCountAsContactRequest,
        trackSelectors: JSON.parse(row.trackSelectors),
        browserCalls: row.browserCalls,
        botFilter: row.botFilter,
        maxEventsPerSecond: row.maxEventsPerSecond,
        minSubmitMs: row.minSubmitMs,
      }
    : DEFAULT_SETTINGS;
}

export function settingsColumns(siteId: string, workspaceId: string, s: SiteSettings) {
  return {
    siteId,
    workspaceId,
    consent: s.consent,
    formsCountAsContactRequest: s.formsCountAsContactRequest,
    trackSelectors: JSON.stringify(s.trackSelectors),
    browserCalls: s.browserCalls,
    botFilter: s.botFilter,
    maxEventsPerSecond: s.maxEventsPerSecond,
    minSubmitMs: s.minSubmitMs,
  };
}

export function toRulesVersionRow(r: {
  version: number;
  status: RulesVersionRow['status'];
  rules: string;
  createdAt: number;
  publishedAt: number | null;
  retiredAt: number | null;
}): RulesVersionRow {
  return { version: r.version, status: r.status, rules: JSON.parse(r.rules), createdAt: r.createdAt, publishedAt: r.publishedAt, retiredAt: r.retiredAt };
}

/**
 * A site's first rules are made with the site and live from then on, but get a stored row only
 * when another version replaces them: this is that row, dated by the site's creation.
 */
export function firstRulesVersion(rules: SiteRules, siteCreatedAt: number) {
  return {
    version: rules.version,
    status: 'published' as const,
    rules: JSON.stringify(rules),
    createdAt: siteCreatedAt,
    publishedAt: siteCreatedAt,
    retiredAt: null,
  };
}

/** The stored versions, with the live one added when it has no row yet (a site's first rules). */
export function withLiveVersion(rows: RulesVersionRow[], live: SiteRules, siteCreatedAt: number): RulesVersionRow[] {
  if (rows.some((r) => r.version === live.version)) return rows;
  return [...rows, toRulesVersionRow(firstRulesVersion(live, siteCreatedAt))].sort((a, b) => a.version - b.version);
}

/** What the backtest replays for a site: its leads (with their linked visitor's behaviour), then anonymous visitors. */
export function historySubjects(input: {
  leads: ReadonlyArray<{ id: string; name: string; answers: string; email: string | null; visitorId: string | null }>;
  /** Leads that came from a callback request carry that hand-raise into any re-decision. */
  callbackLeadIds: ReadonlySet<string>;
  /** Visitors linked to a lead. */
  linked: ReadonlyArray<{ visitorId: string; leadId: string | null; traits: string }>;
  /** Visitors that are not bots. */
  visitors: ReadonlyArray<{ visitorId: string; traits: string }>;
  eventsOf: (visitorId: string) => BehaviourEvent[];
}): HistorySubject[] {
  const subjects: HistorySubject[] = [];
  const linked = new Map(input.linked.map((v) => [v.leadId!, v]));
  for (const l of input.leads) {
    const v = linked.get(l.id);
    const traits: HistorySubject['traits'] = { ...(v ? JSON.parse(v.traits) : {}), ...(l.email ? { email: l.email } : {}) };
    subjects.push({
      kind: 'lead',
      id: l.id,
      name: l.name,
      answers: JSON.parse(l.answers),
      traits,
      events: v ? input.eventsOf(v.visitorId) : [],
      callbackRequested: input.callbackLeadIds.has(l.id),
    });
  }
  for (const v of input.visitors) {
    if (input.leads.some((l) => l.visitorId === v.visitorId) || [...linked.values()].some((x) => x.visitorId === v.visitorId)) continue;
    subjects.push({
      kind: 'visitor',
      id: v.visitorId,
      name: null,
      answers: {},
      traits: JSON.parse(v.traits),
      events: input.eventsOf(v.visitorId),
      callbackRequested: false,
    });
  }
  return subjects;
}
