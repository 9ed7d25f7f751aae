// The tracking area's store operations (domain operations returning Promises, like the Store).
import type { SiteRules } from '../../shared/site-rules';
import type { BehaviourEventInput, EventBatch } from '../../shared/schemas/events.schema';
import type { Qualification } from '../../shared/qualify/types';
import type { RulesVersionRow, SiteSettings } from '../../shared/console-api';
import type { Site } from '../db/store';

export type { RulesVersionRow, SiteSettings };

export const DEFAULT_SETTINGS: SiteSettings = { consent: 'implied', trackSelectors: [], botFilter: true, maxEventsPerSecond: 20, minSubmitMs: 2000 };

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
  /** Writes many batches in one transaction (grouped commit), scoring each visitor. */
  ingest(items: IngestItem[], now: number): Promise<IngestResult[]>;
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
  /** A name to put in an invitation, when a rep of the workspace is online and available. */
  availableRepName(workspaceId: string, online: ReadonlySet<string>): Promise<string | null>;
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
