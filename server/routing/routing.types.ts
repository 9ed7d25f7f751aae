// The routing model as the pure core sees it: plain data, no I/O. The store builds a snapshot of
// these from committed rows; the core returns a plan; the store applies it in the same transaction.

/**
 * Opening hours in one time zone (IANA), open intervals per ISO weekday (1 = Monday; `close` may
 * be `24:00`) and local dates closed all day. A team has them; a rep may narrow their own. The
 * shape is the one the console edits (shared/schemas/routing-config.schema.ts).
 */
import type { Hours, HoursInterval } from '../../shared/console-api';
import type { TalkMode } from '../../shared/schemas/call.schema';
export type { Hours, HoursInterval };

export type Strategy = 'round_robin' | 'weighted' | 'account_owner' | 'broadcast';

/** One test on the lead; a rule matches when all of its conditions hold. */
export type Condition =
  | { field: 'answer' | 'trait'; key: string; op: 'in' | 'not_in'; values: string[] }
  | { field: 'country' | 'source' | 'utm_source' | 'utm_medium' | 'utm_campaign' | 'email_domain'; op: 'in' | 'not_in'; values: string[] }
  | { field: 'page'; op: 'contains' | 'not_contains'; values: string[] }
  | { field: 'score' | 'company_size'; op: 'gte' | 'lt'; value: number };

/** What a rep must have to be offered leads of a rule. */
export interface RepRequirements {
  /** Every one of these skills. */
  skills: string[];
  /** Every one of these languages (ISO 639-1, e.g. `de`). */
  languages: string[];
  /** The lead's country must be among the rep's territories (waived when the country is unknown). */
  territory: boolean;
}

export interface RoutingRule {
  id: string;
  name: string;
  /** Rules are tried in ascending position; the first that matches wins. */
  position: number;
  /** All must hold; an empty list matches every lead (a catch-all). */
  conditions: Condition[];
  teamId: string;
  strategy: Strategy;
  /** Second step of the escalation chain, when nobody in the team can take the lead. */
  overflowTeamId: string | null;
  /** Third step: offer to every online, available rep of the workspace at once. */
  escalateToEveryone: boolean;
  requires: RepRequirements;
  /** `account_owner`: how long to wait for an unavailable owner before falling back. */
  ownerWaitMs: number;
  /**
   * Escalation ladder: this long after the hand-raise (or as soon as nobody else is left to
   * try), offer every rep of the team at once, live tab or device; null = no such step.
   */
  teamAllAfterMs?: number | null;
  /** Escalation ladder: when nobody took the lead, alert the workspace's managers (push and email). */
  alertManagers?: boolean;
}

export interface TeamMember {
  repId: string;
  /** Weighted strategy: share of leads relative to the other members. */
  weight: number;
  /** Weighted strategy: stride-scheduling pass (lower goes first). */
  pass: number;
}

export interface Team {
  id: string;
  name: string;
  hours: Hours;
  /** Weighted strategy: the team's virtual time (pass of the last pick). */
  vtime: number;
  members: TeamMember[];
}

/** `devices`: "Available on my devices": reachable by push with no live tab (issue 22). */
export type ChosenPresence = 'available' | 'away' | 'devices';
/** What others see: derived from live connections, the rep's choice and their load. */
export type Presence = 'available' | 'devices' | 'busy' | 'away' | 'offline';

/** When reps on their devices are offered a lead: after reps with a live tab, or with them. */
export type DeviceOrder = 'tabs_first' | 'with_tabs';

export interface RepState {
  repId: string;
  name: string;
  online: boolean;
  chosen: ChosenPresence;
  /** How many open offers at once (default 1). */
  offerCapacity: number;
  /** How many active leads (accepted, no outcome yet) at once (default 5). */
  leadCapacity: number;
  openOffers: number;
  activeLeads: number;
  /** Workspace-wide order of the last offer; null = never offered (goes first). */
  offerSeq: number | null;
  /** Stable tie-breaker (never random). */
  joinedAt: number;
  skills: string[];
  languages: string[];
  territories: string[];
  /** The rep's own hours, which narrow their teams' hours; null = the team's hours. */
  ownHours: Hours | null;
}

/** Everything rules may test about a lead. */
export interface LeadFacts {
  id: string;
  answers: Record<string, string>;
  traits: Record<string, string | number | boolean>;
  score: number;
  /** ISO 3166 alpha-2, from the E.164 phone or a `country` trait. */
  country: string | null;
  /** Employees, from a trait or the lower bound of a size answer (`51-200` -> 51). */
  companySize: number | null;
  source: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null };
  pageUrl: string | null;
  emailDomain: string | null;
}

export type OfferStatus = 'offered' | 'accepted' | 'declined' | 'expired' | 'taken';

export interface OfferRecord {
  repId: string;
  status: OfferStatus;
  offeredAt: number;
  /** The escalation step that made it (offers.step); the ladder never repeats `team_all`. */
  step?: string;
}

/** What the core needs to decide who gets a lead next. */
export interface RoutingSnapshot {
  lead: LeadFacts;
  /** The hand-raise (or turned-hot) time: the SLA clock and the owner wait start here. */
  hotAt: number;
  /** Offers made at or after this time belong to the current round (see decideRouting). */
  roundStartedAt: number;
  rules: RoutingRule[];
  teams: ReadonlyMap<string, Team>;
  /** Every active rep of the workspace. */
  reps: RepState[];
  /** This lead's offers so far. */
  offers: OfferRecord[];
  /** Owner of the lead's email domain, when one is set. */
  accountOwnerId: string | null;
  /** The rep who owned the lead before it went back to nurture (set once it returns): offered it first. */
  previousOwnerId: string | null;
  /** The rep of the meeting the lead is scheduled for: offered it first when its time comes. */
  bookedRepId?: string | null;
  /** The site's order of reps on their devices (default `tabs_first`). */
  deviceOrder?: DeviceOrder;
  /** When the ladder alerted the managers about this lead (once); null = not yet. */
  managerAlertedAt?: number | null;
  /** How the visitor asked to talk (leads.talk); absent or null: a phone callback. */
  talk?: TalkMode | null;
  /** Reps with a live console tab that can take a browser call now (live presence, not the database). */
  callTabs?: ReadonlySet<string>;
}

/** `no_call_tab`: a browser call, and the rep has no console tab that can take it (take-call.core.ts). */
export type SkipReason =
  | 'offline'
  | 'away'
  | 'no_call_tab'
  | 'declined'
  | 'already_offered'
  | 'outside_hours'
  | 'missing_skill'
  | 'missing_language'
  | 'outside_territory'
  | 'at_capacity';

export interface Skip {
  repId: string;
  name: string;
  reason: SkipReason;
}

/**
 * Steps of the escalation chain, in order. `booked_rep` is the rep a booked meeting is with;
 * `previous_owner` is the rep a lead back from nurture
 * had; `everyone` is the broadcast to live tabs; `device` offers reps who are "Available on my
 * devices" once the live-tab steps found nobody (site order `tabs_first`); `team_all` is the
 * escalation ladder's offer to every rep of the team at once.
 */
export type Step = 'previous_owner' | 'booked_rep' | 'owner' | 'team' | 'overflow' | 'everyone' | 'device' | 'team_all';

/** Why a lead waits instead of being offered. */
/**
 * Why a lead waits. `visitor_books`: a site form set to "book a slot" qualified it; its visitor
 * picks a callback time in the panel, and no routing pass offers it before that.
 */
/** `unanswered`: a rule's escalation ladder ran out (every step tried, nobody accepted): the lead stays queued. */
export type QueueReason =
  'owner_wait' | 'nobody_online' | 'nobody_available' | 'out_of_hours' | 'all_busy' | 'all_declined' | 'no_match' | 'visitor_books' | 'unanswered';

export interface RuleRef {
  id: string | null;
  name: string;
  teamId: string | null;
  strategy: Strategy;
}

/** Weighted round robin's bookkeeping after a pick, for the store to persist. */
export interface PassUpdate {
  teamId: string;
  vtime: number;
  repId: string;
  pass: number;
}

export type RoutingPlan =
  | {
      kind: 'offer';
      rule: RuleRef;
      step: Step;
      /** The team of the step (null for `everyone` and the owner). */
      teamId: string | null;
      /** One rep, or several for a broadcast. */
      repIds: string[];
      skipped: Skip[];
      /** True when every rep had been tried this round and a new round starts now. */
      newRound: boolean;
      pass: PassUpdate | null;
    }
  | {
      kind: 'wait';
      rule: RuleRef;
      reason: QueueReason;
      skipped: Skip[];
      /** Decide again at this time (owner wait over, a rep's hours open); null = on events only. */
      wakeAt: number | null;
      /** The escalation ladder reached its manager step now: alert the workspace's managers (once per lead). */
      alertManagers?: boolean;
    };

/** Why the SLA (hand-raise to accept) was missed. */
export type SlaCause = 'nobody_online' | 'out_of_hours' | 'all_busy' | 'all_declined' | 'timeouts' | 'no_match';

/** The follow-up cadence of a site: business-day offsets of each attempt from the first. */
export interface Cadence {
  /** e.g. [0, 1, 2, 4, 7, 10]: six attempts over ten business days. */
  offsetsBusinessDays: number[];
}
