// The pure half of the tracking store, shared by its SQLite and PostgreSQL implementations so
// both score a batch, move a lead's stage and build the backtest's history exactly alike; each
// backend only reads and writes rows.
import { applyEvents, emptyBehaviourState, type BehaviourState } from '../../shared/qualify/behaviour-score';
import { stageFromQualification, checkTransition } from '../../shared/lifecycle';
import type { Stage } from '../../shared/api';
import type { SiteRules } from '../../shared/site-rules';
import type { BehaviourEvent, Qualification } from '../../shared/qualify/types';
import { DEFAULT_SETTINGS, type HistorySubject, type IngestItem, type IngestResult, type RulesVersionRow, type SiteSettings } from '../tracking/tracking-store';

/** Identify traits as stored on the visitor. */
export type VisitorTraits = Record<string, string | number | boolean>;

/** Stages that behaviour may still move (a rep's decision is never overwritten by scoring). */
const SCORING_MAY_MOVE: readonly string[] = ['visitor', 'lead', 'mql', 'hot'];

const STAGE_RANK: Partial<Record<Stage, number>> = { visitor: 0, lead: 1, mql: 2, hot: 3, disqualified: 4, suspect: 4 };
function stageRank(s: Stage): number {
  return STAGE_RANK[s] ?? 9;
}

export function toEngineEvent(r: { type: string; name: string | null; url: string | null; at: number }): BehaviourEvent {
  return { type: r.type, ...(r.name !== null ? { name: r.name } : {}), ...(r.url !== null ? { url: r.url } : {}), at: r.at };
}

/** What a bot's batch answers: nothing accepted, nothing scored. */
export function botResult(leadId: string | null, rules: SiteRules): IngestResult {
  const qualification: Qualification = {
    fit: { status: 'unknown', missing: [] },
    score: 0,
    handRaise: false,
    mql: false,
    hot: false,
    reasons: [],
    rulesVersion: rules.version,
  };
  return { accepted: 0, leadId, leadTurnedHot: false, hotCause: null, inviteCandidate: false, qualification };
}

/** First-touch attribution of a visitor first seen in this batch. */
export function firstTouch(item: IngestItem) {
  const utm = item.context?.utm;
  return {
    referrer: item.context?.referrer ?? null,
    utmSource: utm?.source ?? null,
    utmMedium: utm?.medium ?? null,
    utmCampaign: utm?.campaign ?? null,
    utmTerm: utm?.term ?? null,
    utmContent: utm?.content ?? null,
    landingUrl: item.events.find((e) => e.type === 'page_view')?.url ?? null,
    behaviour: JSON.stringify(emptyBehaviourState(item.site.rules.version)),
    rulesVersion: item.site.rules.version,
  };
}

/** Folds the batch's identify traits into `traits` and returns its events as scoring sees them (stamped `now`). */
export function batchEvents(item: IngestItem, traits: VisitorTraits, now: number): BehaviourEvent[] {
  const engineEvents: BehaviourEvent[] = [];
  for (const e of item.events) {
    if (e.type === 'identify' && e.props) {
      for (const [k, v] of Object.entries(e.props)) if (v !== null) traits[k] = v;
    }
    engineEvents.push({ type: e.type, ...(e.name !== undefined ? { name: e.name } : {}), ...(e.url !== undefined ? { url: e.url } : {}), at: now });
  }
  return engineEvents;
}

/**
 * The visitor's behaviour state after `events`: the stored state, or (rules changed since, or
 * first sight) one rebuilt from their history, with the events folded in. `history` is read
 * only for a rebuild.
 */
export function nextBehaviour(
  rules: SiteRules,
  stored: string | undefined,
  history: () => BehaviourEvent[],
  events: readonly BehaviourEvent[],
): BehaviourState {
  let state = stored === undefined ? null : (JSON.parse(stored) as BehaviourState);
  if (state?.version !== rules.version) state = applyEvents(emptyBehaviourState(rules.version), rules, stored !== undefined ? history() : []);
  return applyEvents(state, rules, events);
}

/** The lead columns a qualification sets. */
export function scoreColumns(q: Qualification) {
  return {
    score: q.score,
    fit: q.fit.status,
    fitReason: q.fit.reason ?? null,
    mql: q.mql,
    hot: q.hot,
    reasons: JSON.stringify(q.reasons),
    rulesVersion: q.rulesVersion,
  };
}

/** Where scoring moves a known lead, with the audit reason and timeline text; null when it stays. */
export function scoringMove(stage: string, q: Qualification): { to: Stage; reason: string; note: string } | null {
  if (!SCORING_MAY_MOVE.includes(stage)) return null;
  const to = stageFromQualification(q);
  if (to === stage || stageRank(to) < stageRank(stage as Stage)) return null;
  const reason =
    q.fit.status === 'fails'
      ? (q.fit.reason ?? 'Disqualified')
      : q.reasons
          .filter((r) => r.points)
          .map((r) => `${r.text} +${r.points}`)
          .join('; ');
  if (!checkTransition(stage as Stage, to, reason).ok) return null;
  return { to, reason, note: `Now ${to.toUpperCase()} by behaviour (score ${q.score}, rules v${q.rulesVersion})` };
}

/**
 * The lead an identify with a valid phone creates: inserted at stage `visitor`, then moved to
 * `stage` with `stageReason` (the audit row) after the `note` on its timeline.
 */
export function identifiedLead(item: IngestItem, traits: VisitorTraits, q: Qualification, id: string, now: number) {
  const str = (k: string) => (typeof traits[k] === 'string' ? (traits[k] as string).slice(0, 200) : null);
  const answers = Object.fromEntries(item.site.rules.questions.filter((qq) => typeof traits[qq.id] === 'string').map((qq) => [qq.id, traits[qq.id] as string]));
  const lead = {
    id,
    workspaceId: item.site.workspaceId,
    siteId: item.site.id,
    name: str('name') ?? 'Unknown name',
    phone: item.identifiedPhone!,
    email: str('email'),
    visitorId: item.visitorId,
    pageUrl: item.events.find((e) => e.url)?.url ?? null,
    referrer: item.context?.referrer ?? null,
    answers: JSON.stringify(answers),
    stage: 'visitor',
    ...scoreColumns(q),
    // Not routed yet: a known lead goes to routing when it turns hot (the adapter decides).
    routing: 'closed' as const,
    capturedAt: now,
    qualifiedAt: now,
  };
  return {
    lead,
    stage: stageFromQualification(q),
    stageReason: q.fit.status === 'fails' ? (q.fit.reason ?? null) : 'Identified with a phone number',
    note: 'Identified on the site (identify / form)',
  };
}

/**
 * What makes a lead in nurture hot again with this batch: a hand-raise event in it, or its score
 * reaching the hot threshold with it (`scoreBefore`: the visitor's score before the batch). Null
 * otherwise: it stays in nurture. A hand-raise once seen stays in the behaviour state (and `hot`
 * with it), so "hot" alone would bring the lead back on any page view.
 */
export function hotAgainCause(rules: SiteRules, events: ReadonlyArray<{ name?: string | undefined }>, scoreBefore: number, q: Qualification): string | null {
  if (!q.hot) return null;
  const raised = events.find((e) => e.name !== undefined && rules.handRaiseEvents.includes(e.name));
  if (raised) return `hand-raise: ${raised.name}`;
  if (scoreBefore < rules.hotThreshold && q.score >= rules.hotThreshold) return `score ${q.score} reached the hot threshold (${rules.hotThreshold})`;
  return null;
}

/** What one scored batch answers. `visitor` is the row as it was before the batch (undefined: first sight). */
export function ingestResult(
  item: IngestItem,
  visitor: { hot: boolean; invitedAt: number | null; score: number } | undefined,
  lead: { ownerId: string | null; routing: string; stage: string } | undefined,
  leadId: string | null,
  q: Qualification,
): IngestResult {
  const unrouted = lead !== undefined && lead.ownerId === null && (lead.routing === 'closed' || lead.routing === 'waiting');
  // A lead in nurture has an owner and is closed: only a hand raised again brings it back.
  const hotCause = lead?.stage === 'nurture' ? hotAgainCause(item.site.rules, item.events, visitor?.score ?? 0, q) : null;
  return {
    accepted: item.events.length,
    leadId,
    leadTurnedHot: lead?.stage === 'nurture' ? hotCause !== null : q.hot && !(visitor?.hot ?? false) && unrouted,
    hotCause,
    inviteCandidate: q.fit.status === 'unknown' && (q.score >= item.site.rules.hotThreshold || q.handRaise) && !visitor?.invitedAt && !leadId,
    qualification: q,
  };
}

export function toSiteSettings(
  row: { consent: SiteSettings['consent']; trackSelectors: string; botFilter: boolean; maxEventsPerSecond: number; minSubmitMs: number } | undefined,
): SiteSettings {
  return row
    ? {
        consent: row.consent,
        trackSelectors: JSON.parse(row.trackSelectors),
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
    trackSelectors: JSON.stringify(s.trackSelectors),
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
