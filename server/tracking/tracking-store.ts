// The tracking area's store operations (domain operations returning Promises, like the Store).
import type { SiteRules } from '../../shared/site-rules';
import type { BehaviourEventInput, EventBatch } from '../../shared/schemas/events.schema';
import type { Qualification } from '../../shared/qualify/types';
import type { RulesVersionRow, SiteSettings } from '../../shared/console-api';
import type { Site } from '../db/store';
import type { BehaviourEvent } from '../../shared/qualify/types';
import type { IdentifiedLead } from '../capture/plan-capture.core';
import type { Stage } from '../../shared/api';

export type { RulesVersionRow, SiteSettings };

export const DEFAULT_SETTINGS: SiteSettings = {
  consent: 'implied',
  formsCountAsContactRequest: false,
  trackSelectors: [],
  browserCalls: false,
  botFilter: true,
  maxEventsPerSecond: 20,
  minSubmitMs: 2000,
};

/** One validated batch, ready to be written. */
export interface IngestItem {
  site: Site;
  visitorId: string;
  events: BehaviourEventInput[];
  context: EventBatch['context'];
  /** The phone, when an identify in this batch carried a valid one (E.164). */
  identifiedPhone: string | null;
  /** The open lead the capture admission joined this identify to (a repeat from the same person by email). */
  joinLeadId?: string | null;
}

export interface IngestResult {
  accepted: number;
  /** The visitor is now a known lead (created by this batch or earlier). */
  leadId: string | null;
  /** A known lead whose fit passes turned hot with this batch (a lead in nurture: hot again): route it now. */
  leadTurnedHot: boolean;
  /** What made a lead in nurture hot again (its trail says it), else null. */
  hotCause: string | null;
  /** Fit unknown and hot by behaviour, never invited before: the widget may invite. */
  inviteCandidate: boolean;
  qualification: Qualification;
}

/** What one batch is planned from (tracking/plan-batch.core.ts): the rows as they were before it. */
export interface BatchInput {
  item: IngestItem;
  /** The visitor's row; undefined when first seen in this batch. */
  visitor: { traits: string; behaviour: string; hot: boolean; invitedAt: number | null; score: number } | undefined;
  /** Their stored history, read only when the behaviour state must be rebuilt (rules changed). */
  history: () => BehaviourEvent[];
  /** The lead the batch scores: the visitor's, or the one an identify joins; null for none. */
  leadId: string | null;
  /** That lead's row (undefined when it is gone). */
  lead: { id: string; answers: string; stage: string; routing: string; ownerId: string | null } | undefined;
  /** The id a lead made by this batch's identify takes (given when it joins none). */
  newLeadId: string | null;
  now: number;
}

/** What one batch writes, and what it answers. */
export interface BatchPlan {
  /** The visitor's new traits and behaviour state (JSON), and their qualification. */
  traits: string;
  behaviour: string;
  qualification: Qualification;
  leadId: string | null;
  /** The scored lead's columns, and the stage scoring moves it to (audit row and timeline line). */
  rescore: {
    columns: { score: number; fit: string; fitReason: string | null; mql: boolean; hot: boolean; reasons: string; rulesVersion: number };
    move: { from: string; to: Stage; reason: string | null; note: string } | null;
  } | null;
  /** The lead an identify with a phone made, at its stage. */
  created: IdentifiedLead | null;
  /** The touch of the session this batch begins (visitor first seen, or a returning one's new session); null: none begins. */
  touch: SessionTouch | null;
  /** The touch is not written when the visitor has the same session touch since this time (the widget told it twice). */
  touchRepeatSince: number;
  result: IngestResult;
}

/** Where one session came from (a `visitor_touches` row of kind `session`). */
export interface SessionTouch {
  landingUrl: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

/** A visitor first seen: their attribution columns and an empty behaviour state. */
export interface FirstTouch extends SessionTouch {
  behaviour: string;
  rulesVersion: number;
}

/** The decisions a tracking store applies while it ingests (tracking/plan-batch.core.ts INGEST_RULES). */
export interface IngestRules {
  firstTouch(item: IngestItem): FirstTouch;
  /** What a bot's batch answers: nothing accepted, nothing scored. */
  botResult(leadId: string | null, rules: SiteRules): IngestResult;
  planBatch(input: BatchInput): BatchPlan;
}

/** Everything the backtest needs about one person: what we know and what they did. */
export interface HistorySubject {
  kind: 'lead' | 'visitor';
  id: string;
  name: string | null;
  answers: Record<string, string>;
  traits: Record<string, string | number | boolean>;
  events: Array<{ type: string; name?: string; url?: string; at: number }>;
  callbackRequested: boolean;
}

export interface TrackingStore {
  settings(siteId: string): Promise<SiteSettings>;
  saveSettings(siteId: string, workspaceId: string, s: SiteSettings): Promise<void>;
  /** Writes many batches in one transaction (grouped commit), each planned by `rules.planBatch` in arrival order. */
  ingest(items: IngestItem[], now: number, rules: IngestRules): Promise<IngestResult[]>;
  markBot(siteId: string, visitorId: string): Promise<void>;
  /**
   * The lead an identify with this phone would join without making one: the visitor's own, else
   * the site's latest lead with that phone (suspects excepted), as ingest chooses. Null: the
   * identify would capture a new lead, so it goes through the capture admission first.
   */
  leadForIdentify(siteId: string, visitorId: string, phone: string): Promise<string | null>;
  /** Behaviour history of a visitor, for a callback that joins it. */
  visitorHistory(siteId: string, visitorId: string): Promise<{ events: HistorySubject['events']; traits: HistorySubject['traits'] } | null>;
  linkVisitorToLead(siteId: string, visitorId: string, leadId: string): Promise<void>;
  /**
   * The workspace's active reps whose presence is available, the one offered a lead longest ago
   * (never, first) first: who an invitation may name (invite-name.ts keeps those online).
   */
  availableReps(workspaceId: string): Promise<Array<{ id: string; name: string }>>;
  markInvited(siteId: string, visitorId: string, now: number): Promise<void>;

  /**
   * Retention: deletes behaviour events of anonymous visitors (never identified, no lead) older
   * than `before`, and such visitors not seen since. Known leads keep their history.
   */
  purgeAnonymous(before: number): Promise<{ events: number; visitors: number }>;

  rulesVersions(siteId: string): Promise<RulesVersionRow[]>;
  saveDraft(site: Site, rules: SiteRules, userId: string, now: number): Promise<number>;
  publish(site: Site, version: number, now: number): Promise<boolean>;
  history(siteId: string): Promise<HistorySubject[]>;
}
