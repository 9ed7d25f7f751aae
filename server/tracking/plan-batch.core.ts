// The decisions of one behaviour batch, as pure functions of the rows read and `now`: the
// visitor's behaviour state and qualification, the stage scoring moves a known lead to, the lead
// an identify with a phone makes, and who turned hot. The SQLite and PostgreSQL tracking stores
// read and lock the rows, call `planBatch` (passed in with INGEST_RULES by the ingest queue) and
// write what it returns; they decide nothing.
import { applyEvents, emptyBehaviourState, type BehaviourState } from '../../shared/qualify/behaviour-score';
import { stageFromQualification, checkTransition } from '../../shared/lifecycle';
import type { Stage } from '../../shared/api';
import type { SiteRules } from '../../shared/site-rules';
import type { BehaviourEvent, Qualification } from '../../shared/qualify/types';
import { qualify } from '../../shared/qualify/qualify';
import { planIdentifiedLead, scoreColumns } from '../capture/plan-capture.core';
import type { BatchInput, BatchPlan, FirstTouch, IngestItem, IngestResult, IngestRules, SessionTouch } from './tracking-store';

/** Identify traits as stored on the visitor. */
export type VisitorTraits = Record<string, string | number | boolean>;

/** Stages that behaviour may still move (a rep's decision is never overwritten by scoring). */
const SCORING_MAY_MOVE: readonly string[] = ['visitor', 'lead', 'mql', 'hot'];

const STAGE_RANK: Partial<Record<Stage, number>> = { visitor: 0, lead: 1, mql: 2, hot: 3, disqualified: 4, suspect: 4 };
function stageRank(s: Stage): number {
  return STAGE_RANK[s] ?? 9;
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
export function firstTouch(item: IngestItem): FirstTouch {
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

/**
 * A session touch equal to one of the visitor's in this window is the same session told twice
 * (the widget resends its context until a batch carrying it is delivered): the stores skip it.
 */
export const SESSION_REPEAT_MS = 30 * 60 * 1000;

/**
 * The touch of the session a batch begins: a visitor first seen starts one with their first touch;
 * a returning visitor's batch starts one when the widget marks the page as a new session. Null
 * otherwise: the ingest writes a touch per session, never per batch or event.
 */
export function sessionTouch(item: IngestItem, firstSeen: boolean): SessionTouch | null {
  const from = firstSeen ? item.context : item.context?.session;
  if (!firstSeen && !from) return null;
  const utm = from?.utm;
  return {
    landingUrl: item.events.find((e) => e.type === 'page_view')?.url ?? null,
    referrer: from?.referrer ?? null,
    utmSource: utm?.source ?? null,
    utmMedium: utm?.medium ?? null,
    utmCampaign: utm?.campaign ?? null,
    utmTerm: utm?.term ?? null,
    utmContent: utm?.content ?? null,
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

/** One batch of one visitor: see the file comment. */
export function planBatch(input: BatchInput): BatchPlan {
  const { item, visitor, lead, now } = input;
  const { rules } = item.site;
  const traits: VisitorTraits = visitor ? JSON.parse(visitor.traits) : {};
  const events = batchEvents(item, traits, now);
  // Scored before this batch is stored: a rebuild under new rules replays the stored history,
  // which must not already hold the batch it then applies again.
  const behaviour = nextBehaviour(rules, visitor?.behaviour, input.history, events);
  const answers = lead ? (JSON.parse(lead.answers) as Record<string, string>) : {};
  // A lead joined by this identify counts its answers too, as every later batch will.
  const q = qualify({ rules, answers, traits, events: [], behaviour, callbackRequested: false, now });

  let leadId = input.leadId;
  let created: BatchPlan['created'] = null;
  let rescore: BatchPlan['rescore'] = null;
  let before: { ownerId: string | null; routing: string; stage: string } | undefined;
  if (!leadId && item.identifiedPhone && input.newLeadId) {
    created = planIdentifiedLead(item, traits, q, input.newLeadId, now);
    leadId = created.lead.id;
    before = { ownerId: null, routing: created.lead.routing, stage: created.lead.stage };
  } else if (lead) {
    const move = scoringMove(lead.stage, q);
    rescore = { columns: scoreColumns(q), move: move && { from: lead.stage, to: move.to, reason: move.reason || null, note: move.note } };
    before = { ownerId: lead.ownerId, routing: lead.routing, stage: lead.stage };
  }
  return {
    traits: JSON.stringify(traits),
    behaviour: JSON.stringify(behaviour),
    qualification: q,
    leadId,
    rescore,
    created,
    touch: sessionTouch(item, !visitor),
    touchRepeatSince: now - SESSION_REPEAT_MS,
    result: ingestResult(item, visitor && { hot: visitor.hot, invitedAt: visitor.invitedAt, score: visitor.score }, before, leadId, q),
  };
}

/** The rules the tracking stores apply to a group of batches (passed to TrackingStore.ingest). */
export const INGEST_RULES: IngestRules = { firstTouch, botResult, planBatch };
