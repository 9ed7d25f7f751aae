// The decisions of capturing a lead, as pure functions of what was read and `now`: how it
// qualifies (the one authoritative run of shared/qualify for a capture), the stage it takes, the
// row and first trail lines it is stored with, and whether it goes to routing at once. The stores
// only execute the plan (Store.commitCapture), in one transaction with its first offer.
import type { Stage } from '../../shared/api';
import type { TalkMode } from '../../shared/schemas/call.schema';
import { stageFromQualification } from '../../shared/lifecycle';
import { qualify } from '../../shared/qualify/qualify';
import type { BehaviourEvent, Qualification } from '../../shared/qualify/types';
import type * as t from '../db/schema';
import type { Site } from '../db/store';
import type { IngestItem } from '../tracking/tracking-store';

/** The door a lead came through; every one reaches the same capture (capture-lead.ts). */
export type CaptureSource = 'callback' | 'identify' | 'form' | 'api';

/** What a capture qualifies from: the person's answers, what we know of them, what they did. */
export interface QualifyCapture {
  site: Site;
  answers: Record<string, string>;
  email: string | null;
  /** The visitor's behaviour and identify traits when they browsed before (null: never seen). */
  history: { events: BehaviourEvent[]; traits: Record<string, string | number | boolean> } | null;
  /** A callback (or a form that asks for one) is a hand-raise. */
  callbackRequested: boolean;
  /** A form the site only records: stored with its qualification, never hot, never offered. */
  recordOnly?: boolean;
  /** Why the request looks automated: kept, never routed. */
  suspect: string | null;
  now: number;
}

/** The authoritative qualification of a capture; a suspect is kept but rated `suspect`, never hot. */
export function qualifyCapture(c: QualifyCapture): Qualification {
  const q = qualify({
    rules: c.site.rules,
    answers: c.answers,
    traits: { ...(c.history?.traits ?? {}), ...(c.email ? { email: c.email } : {}) },
    events: c.history?.events ?? [],
    callbackRequested: c.callbackRequested,
    now: c.now,
  });
  if (c.recordOnly) return { ...q, hot: false };
  if (!c.suspect) return q;
  return { ...q, hot: false, mql: false, fit: { status: 'fails', stage: 'suspect', reason: c.suspect, missing: [] } };
}

/** A capture whose decisions are made (qualification, stage), ready to be planned into writes. */
export interface CaptureCommand {
  site: Site;
  name: string;
  phoneE164: string;
  email: string | null;
  answers: Record<string, string>;
  pageUrl: string | null;
  /** The page's referrer (with pageUrl, the capture's own touch). */
  referrer?: string | null;
  visitorId: string | null;
  /** The visitor's IANA time zone, when their browser told us. */
  timeZone?: string | null;
  /** `browser`: the visitor asked to talk now in the browser; routed like any callback. */
  talk?: TalkMode;
  qualification: Qualification;
  stage: Stage;
  idempotency: { key: string; bodyHash: string } | null;
  /** The admitted request (capture admission) this lead settles, committed with it. */
  requestId?: number | null;
  /** Where the request came from, for the timeline's first line (default: the widget's callback). */
  origin?: CaptureOrigin;
  /**
   * A site form set to "book a slot": a hot lead waits for its visitor to pick a callback time
   * (queue reason `visitor_books`) instead of being offered now; its SLA runs from the slot.
   */
  bookSlot?: boolean;
  now: number;
}

/**
 * The door and, for the site's own forms, which form and whether it asks to talk. The backtest
 * re-reads a lead as a hand-raise by its first line starting "Asked for a callback": only
 * requests to talk start so.
 */
export type CaptureOrigin = { source: 'callback' | 'api' | 'identify' } | { source: 'form'; formName: string; handRaise: boolean };

/** The timeline's first line of a captured lead. */
export function capturedText(origin: CaptureOrigin, pageUrl: string | null, talk?: TalkMode): string {
  const on = pageUrl ? ` on ${pageUrl}` : '';
  switch (origin.source) {
    case 'form':
      return origin.handRaise ? `Asked for a callback with the site's form "${origin.formName}"${on}` : `Sent the site's form "${origin.formName}"${on}`;
    case 'api':
      return `Asked for a callback through the API${on}`;
    default:
      return talk === 'browser' ? `Asked for a callback, to talk now in the browser${on}` : `Asked for a callback${on}`;
  }
}

/** What a capture writes, in one transaction (Store.commitCapture). */
export interface CapturePlan {
  site: Site;
  /** The lead row, at its final stage; the store gives it its id. */
  lead: Omit<typeof t.leads.$inferInsert, 'id' | 'workspaceId' | 'siteId'>;
  /** The stage change from `visitor` (the audit row), when it moved. */
  move: { from: 'visitor'; to: Stage; reason: string | null } | null;
  /** The first trail lines, in order. */
  trail: Array<{ kind: 'captured' | 'qualified'; text: string }>;
  /** Claimed (PostgreSQL) or checked (SQLite) first: a replay answers with the first lead. */
  idempotency: { key: string; bodyHash: string } | null;
  requestId: number | null;
  /** The visitor whose browsing history joins this lead. */
  visitorId: string | null;
  /** A hot lead is routed in the same transaction, when the caller passes the routing decision. */
  route: boolean;
  now: number;
}

/** The rows a capture writes and whether it goes to routing now (only hot MQLs are offered live). */
export function planCapture(cmd: CaptureCommand): CapturePlan {
  const q = cmd.qualification;
  const books = q.hot && !!cmd.bookSlot;
  const why = q.fit.status === 'fails' ? (q.fit.reason ?? 'Disqualified by a must-have answer') : q.reasons.map((r) => r.text).join('; ');
  return {
    site: cmd.site,
    lead: {
      stage: cmd.stage,
      name: cmd.name,
      phone: cmd.phoneE164,
      email: cmd.email,
      visitorId: cmd.visitorId,
      timeZone: cmd.timeZone ?? null,
      talk: cmd.talk === 'browser' ? 'browser' : null,
      pageUrl: cmd.pageUrl,
      referrer: cmd.referrer ?? null,
      answers: JSON.stringify(cmd.answers),
      ...scoreColumns(q),
      routing: q.hot ? 'waiting' : 'closed',
      queueReason: books ? 'visitor_books' : null,
      hotAt: q.hot ? cmd.now : null,
      slaDueAt: q.hot && !books ? cmd.now + cmd.site.slaMs : null,
      roundStartedAt: cmd.now,
      capturedAt: cmd.now,
      qualifiedAt: cmd.now,
    },
    move: cmd.stage !== 'visitor' ? { from: 'visitor', to: cmd.stage, reason: why || null } : null,
    trail: [
      { kind: 'captured', text: capturedText(cmd.origin ?? { source: 'callback' }, cmd.pageUrl, cmd.talk) },
      { kind: 'qualified', text: `Qualified as ${cmd.stage.toUpperCase()} (score ${q.score}, rules v${q.rulesVersion})` },
    ],
    idempotency: cmd.idempotency,
    requestId: cmd.requestId ?? null,
    visitorId: cmd.visitorId,
    route: q.hot && !books,
    now: cmd.now,
  };
}

/** A capture's stage follows its qualification (shared/lifecycle.ts), decided here only. */
export function captureStage(q: Qualification): Stage {
  return stageFromQualification(q);
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

/** A lead an identify made: its row (at its stage), the audit row's reason and its timeline line. */
export interface IdentifiedLead {
  lead: typeof t.leads.$inferInsert & { id: string; workspaceId: string; siteId: string; stage: Stage; routing: 'closed' };
  /** The move from `visitor` to the lead's stage, and why. */
  stageReason: string | null;
  note: string;
}

/**
 * The lead an identify with a valid phone makes when it joins none (the identify door of
 * capture; its admission ran before the batch, in the events route). Qualified by the batch's
 * scoring (tracking/plan-batch.core.ts) and not routed here: a known lead goes to routing when it
 * turns hot, as the batch's result says.
 */
export function planIdentifiedLead(
  item: IngestItem,
  traits: Readonly<Record<string, string | number | boolean>>,
  q: Qualification,
  id: string,
  now: number,
): IdentifiedLead {
  const str = (k: string) => (typeof traits[k] === 'string' ? (traits[k] as string).slice(0, 200) : null);
  const answers = Object.fromEntries(item.site.rules.questions.filter((qq) => typeof traits[qq.id] === 'string').map((qq) => [qq.id, traits[qq.id] as string]));
  return {
    lead: {
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
      stage: captureStage(q),
      ...scoreColumns(q),
      routing: 'closed',
      capturedAt: now,
      qualifiedAt: now,
    },
    stageReason: q.fit.status === 'fails' ? (q.fit.reason ?? null) : 'Identified with a phone number',
    note: 'Identified on the site (identify / form)',
  };
}
