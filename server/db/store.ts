// The store speaks the domain and returns Promises. Each operation runs in one transaction
// inside the implementation: over better-sqlite3 (db/sqlite) they complete synchronously; over
// PostgreSQL (db/pg) they serialise per workspace with advisory locks. Domain code sees only this.
import type { CallReport } from '../../shared/schemas/call.schema';
import type { CallRow, CallSide } from '../calls/plan-call-report.core';
import type { LeadCard, MyLeadRow, OfferView, Stage, UpcomingCallback, UserRole } from '../../shared/api';
import type { FollowUpTask, RepRow, SiteRouting, TeamView } from '../../shared/console-api';
import type { VisitorFacts } from '../routing/visitor-status.core';
import type { Qualification } from '../../shared/qualify/types';
import type { SiteRules } from '../../shared/site-rules';
import type { ChosenPresence, OutcomeInput } from '../../shared/schemas/console.schema';
import type { OutcomeRefusal, OutcomeRequest } from '../routing/plan-outcome.core';
import type { HandRaise } from '../routing/turn-hot.core';
import type { CapturePlan } from '../capture/plan-capture.core';
import type { SlaBreachRow } from '../routing/lead-plan';
import type { DraftLead } from './routing-rows';
import type { BookingOps } from '../booking/booking-store';
import type {
  Cadence,
  Condition,
  Hours,
  QueueReason,
  RepRequirements,
  RepState,
  RoutingPlan,
  RoutingRule,
  RoutingSnapshot,
  Strategy,
  DeviceOrder,
} from '../routing/routing.types';

export interface Site {
  id: string;
  workspaceId: string;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
  rules: SiteRules;
  launcherText: string;
  phoneRegion: string;
  /** Accept timeout of an offer (default 20 s). */
  offerTimeoutMs: number;
  /** SLA target from hand-raise to accept (default 60 s). */
  slaMs: number;
  /** Offers missed in a row before a rep is set away (default 2; 0 = never). */
  missedOffersBeforeAway: number;
  /** Follow-up attempts after no answer (default 6 over 10 business days). */
  followUpCadence: Cadence;
  /** Accept timeout of an offer to a rep "Available on my devices" (default 45 s). */
  deviceTimeoutMs: number;
  /** Reps on their devices are offered after reps with a live tab (default) or with them. */
  deviceOrder: DeviceOrder;
}

export interface User {
  id: string;
  workspaceId: string;
  workspaceName: string;
  /** The workspace's ISO 4217 currency. */
  currency: string;
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  active: boolean;
  presence: ChosenPresence;
  /** Set when the system made the rep away (missed offers), so they are told why. */
  awayReason: string | null;
}

export interface NewWorkspace {
  workspace: { name: string };
  sites: Array<Omit<Site, 'id' | 'workspaceId'>>;
  users: Array<{ email: string; name: string; role: UserRole; passwordHash: string }>;
}

/** What a committed capture did: its lead, and when it was routed at once, the first pass. */
export type CaptureResult =
  | {
      kind: 'created';
      leadId: string;
      /** The routing pass run in the capture's transaction; null when the lead is not routed now. */
      routed: RouteResult | null;
      /** The offers it made, as their reps are shown them (read in the same transaction). */
      offers: OfferView[];
      /** What the visitor's status is decided from, as committed. */
      visitor: VisitorFacts;
      /** The lead's routing snapshot (nobody online: callback times come from hours), when it waits in the queue. */
      queueSnapshot: RoutingSnapshot | null;
    }
  | { kind: 'replay'; leadId: string }
  | { kind: 'conflict' };

/** The routing decisions a capture's transaction applies (the router passes them; the store decides nothing). */
export interface CaptureRouting {
  decide: DecideRouting;
  online: ReadonlySet<string>;
  /** Whether the visitor's status needs the routing snapshot (routing/visitor-status.core.ts). */
  waitsInQueue(facts: VisitorFacts): boolean;
}

/** An offer with its lead's holder: what decides who may signal a browser call for it. */
export interface CallFacts {
  offerId: string;
  leadId: string;
  workspaceId: string;
  /** The rep the offer was made to. */
  repId: string;
  offerStatus: 'offered' | 'accepted' | 'declined' | 'expired' | 'taken';
  leadRouting: 'waiting' | 'offered' | 'owned' | 'scheduled' | 'closed';
  leadOwnerId: string | null;
}

export interface OpenOffer {
  id: string;
  leadId: string;
  repId: string;
  workspaceId: string;
  expiresAt: number;
  /** The escalation step that made it (offers.step), for the device push. */
  step?: string;
}

/** The escalation ladder's manager alert of one lead, claimed for sending (push and email) once. */
/** A follow-up whose due notice was claimed: whose devices to tell, about which lead, due when. */
export interface FollowUpNotice {
  leadId: string;
  workspaceId: string;
  repId: string;
  dueAt: number;
}

export interface ManagerAlert {
  leadId: string;
  workspaceId: string;
  leadName: string;
  /** Active managers and admins of the workspace. */
  managers: Array<{ id: string; name: string; email: string }>;
}

export type AcceptResult =
  | { ok: true; leadId: string; workspaceId: string; repName: string; otherOffers: OpenOffer[] }
  | { ok: false; error: 'not_found' | 'already_taken' | 'expired' };

/** The pure decision the store applies inside its transaction (routing/decide-routing.core). */
export type DecideRouting = (snapshot: RoutingSnapshot) => RoutingPlan;

/** What one routing pass did to a lead. */
export interface RouteResult {
  leadId: string;
  workspaceId: string;
  /** Offers made now (several for a broadcast). */
  offers: OpenOffer[];
  /** Why it waits, when no offer was made. */
  queueReason: QueueReason | null;
  /** Route it again at this time (owner wait over, hours open), if nothing happens before. */
  wakeAt: number | null;
  /** The lead's SLA deadline, to arm its check. */
  slaDueAt: number | null;
  /** The escalation ladder reached its manager step in this pass: the router claims and sends the alert. */
  managerAlert?: boolean;
}

/** An offer that left `offered` by a decline or expiry. */
export interface ClosedOffer {
  offer: OpenOffer;
  /** The lead has no open offer left and waits for the next rep. */
  leadWaiting: boolean;
}

export interface ExpiredOffer extends ClosedOffer {
  /** Set when this miss made the rep away (K in a row). */
  away: { reason: string } | null;
}

export interface NewTeam {
  name: string;
  hours: Hours;
  members: Array<{ repId: string; weight?: number }>;
}

export interface NewRoutingRule {
  name: string;
  /** Placed above the site's first catch-all unless it is one (shared/routing-rule-order.ts). */
  conditions: Condition[];
  teamId: string;
  strategy: Strategy;
  overflowTeamId?: string | null;
  escalateToEveryone?: boolean;
  requires?: Partial<RepRequirements>;
  ownerWaitMs?: number;
  /** Escalation ladder: every rep of the team at once this long after the hand-raise (null = off). */
  teamAllAfterMs?: number | null;
  /** Escalation ladder: alert the managers when nobody took the lead. */
  alertManagers?: boolean;
}

/** A rep's routing settings; every field optional in an update. */
export type RepSettings = Omit<RepSettingsView, 'id' | 'name' | 'email' | 'role'>;

/** A user of the workspace with their routing settings (the console's Reps page, without the teams). */
export type RepSettingsView = Omit<RepRow, 'teams'>;

/** A booked callback with who may see it: the members of its teams, or everyone (null). */
export interface BookedCallback extends UpcomingCallback {
  repIds: string[] | null;
}

/** A warm MQL (not hot): not offered live, it waits in its team's follow-up list. */
export interface TeamWarmLead {
  leadId: string;
  name: string;
  score: number;
  capturedAt: number;
  /** The team of the routing rule it falls under; null when no rule matches. */
  teamId: string | null;
}

/** Booked meetings (server/booking/booking-store.ts) are part of the one store. */
export interface Store extends BookingOps {
  ping(): Promise<boolean>;
  isEmpty(): Promise<boolean>;
  /** Install-wide secret by name, created on first use. */
  secret(name: string): Promise<string>;
  createWorkspace(w: NewWorkspace, now: number): Promise<{ workspaceId: string; userIds: string[]; siteIds: string[] }>;

  siteByKey(siteKey: string): Promise<Site | null>;
  sitesOfWorkspace(workspaceId: string): Promise<Site[]>;

  userByEmail(email: string): Promise<User | null>;
  userById(id: string): Promise<User | null>;
  createSession(tokenHash: string, userId: string, now: number, ttlMs: number): Promise<void>;
  userBySession(tokenHash: string, now: number): Promise<User | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /** The rep's own choice; `reason` is kept when the system makes them away. Coming back from away clears the missed count. */
  setPresence(userId: string, presence: ChosenPresence, reason?: string | null): Promise<void>;

  /**
   * Commits a planned capture (capture/plan-capture.core.ts): the idempotency claim, the lead at
   * its stage with the audit row and first trail lines, the admitted request settled, the
   * visitor's history joined and, when the plan says so and `routing` is given, its first routing
   * pass, all in one transaction.
   */
  commitCapture(plan: CapturePlan, routing: CaptureRouting | null): Promise<CaptureResult>;
  /**
   * A known lead turned hot (behaviour, a hand-raise event, a new callback): marks it waiting
   * (hand-raise time now, SLA armed) unless it is already routed, owned or ruled out; a lead in
   * nurture returns from it (routing/turn-hot.core.ts decides). True when it is waiting for a rep.
   */
  markHot(leadId: string, now: number, hand?: HandRaise): Promise<boolean>;
  /**
   * One routing pass over a lead that waits (or a booked callback now due): reads the snapshot,
   * asks `decide`, and commits the offers or the queue reason with the routing trail, in one
   * transaction. Null when the lead is not waiting (offered, owned, closed, not yet due).
   */
  routeLead(leadId: string, now: number, online: ReadonlySet<string>, decide: DecideRouting): Promise<RouteResult | null>;
  /** A routing pass over every waiting lead of the workspace, oldest hand-raise first, in one transaction. */
  routeWaiting(workspaceId: string, now: number, online: ReadonlySet<string>, decide: DecideRouting): Promise<RouteResult[]>;
  /** Workspaces with leads waiting (or callbacks due by `now`), for the pass on start. */
  workspacesWaiting(now: number): Promise<string[]>;
  /** The routing snapshot of a lead, read only (for callback slots). */
  routingSnapshot(leadId: string, online: ReadonlySet<string>): Promise<RoutingSnapshot | null>;
  /** The routing snapshot a lead never stored would be decided on (a form test: what routing would do), read only. */
  draftSnapshot(draft: DraftLead, online: ReadonlySet<string>, now: number): Promise<RoutingSnapshot>;
  /** Exactly one winner: a conditional update; a late or second accept is refused. */
  acceptOffer(offerId: string, repId: string, now: number): Promise<AcceptResult>;
  declineOffer(offerId: string, repId: string, reason: string | null, now: number): Promise<ClosedOffer | null>;
  /** Expires the offer if it is still open and due; counts the rep's miss and may set them away. */
  expireOffer(offerId: string, now: number): Promise<ExpiredOffer | null>;
  openOffers(): Promise<OpenOffer[]>;
  openOffersForRep(repId: string): Promise<OfferView[]>;
  offerView(offerId: string): Promise<OfferView | null>;
  /** The offers' cards in order (those still existing), each lead's card read once. */
  offerViews(offerIds: readonly string[]): Promise<OfferView[]>;
  /** Who a browser call of this offer is between, and whether it still holds (calls/may-signal.core.ts decides). */
  callFacts(offerId: string): Promise<CallFacts | null>;
  /**
   * A browser call's record starts (the accepted offer of a lead whose visitor asked to talk in
   * the browser): its row and the trail's first line, once. False when the offer is not one.
   */
  browserCallStarted(offerId: string, now: number): Promise<boolean>;
  /** One side's `call:report` written to the call's row and the lead's trail (calls/plan-call-report.core.ts decides); false when the offer is no browser call. */
  recordCallReport(offerId: string, side: CallSide, report: CallReport, now: number): Promise<boolean>;
  /** A browser call's record, by its offer. */
  browserCall(offerId: string): Promise<CallRow | null>;
  /** Leads waiting for a rep in the workspace (and booked callbacks now due), oldest first. */
  waitingLeads(workspaceId: string, now: number): Promise<string[]>;
  /** Every active rep of the workspace with their routing state (presence via derivePresence). */
  repStates(workspaceId: string, online: ReadonlySet<string>): Promise<RepState[]>;

  /** Records an SLA breach (row + outbox event) if the lead is still not accepted at its due time. */
  recordSlaBreach(leadId: string, now: number): Promise<SlaBreachRow | null>;
  /** Leads whose SLA is still running, so timers can be rebuilt on start. */
  pendingSla(): Promise<Array<{ leadId: string; dueAt: number }>>;

  createTeam(workspaceId: string, team: NewTeam, now: number): Promise<string>;
  updateTeam(teamId: string, patch: Partial<Pick<NewTeam, 'name' | 'hours'>>): Promise<void>;
  setTeamMembers(teamId: string, members: NewTeam['members']): Promise<void>;
  teams(workspaceId: string): Promise<TeamView[]>;
  createRoutingRule(siteId: string, rule: NewRoutingRule, now: number): Promise<string>;
  updateRoutingRule(ruleId: string, patch: Partial<NewRoutingRule>): Promise<void>;
  deleteRoutingRule(ruleId: string): Promise<void>;
  routingRules(siteId: string): Promise<RoutingRule[]>;
  /** Positions follow the order given; rules of the site not listed keep theirs after them. */
  reorderRoutingRules(siteId: string, ruleIds: string[]): Promise<void>;
  /** Active users of the workspace with their routing settings, oldest first. */
  repSettings(workspaceId: string): Promise<RepSettingsView[]>;
  updateRep(repId: string, patch: Partial<RepSettings>): Promise<void>;
  /** Leads from this email domain go to this rep first (`account_owner` rules); null removes. */
  setAccountOwner(workspaceId: string, domain: string, repId: string | null): Promise<void>;
  accountOwners(workspaceId: string): Promise<Array<{ domain: string; repId: string }>>;
  /** Replaces every owner of the workspace with this list, in one transaction. */
  setAccountOwners(workspaceId: string, owners: Array<{ domain: string; repId: string }>): Promise<void>;
  createSite(workspaceId: string, site: Omit<Site, 'id' | 'workspaceId'>, now: number): Promise<string>;
  updateSiteRouting(siteId: string, patch: Partial<SiteRouting>): Promise<void>;

  /** Warm MQLs of the workspace by team (the rule each falls under), oldest first. */
  warmLeads(workspaceId: string, limit: number): Promise<TeamWarmLead[]>;
  /** The rep's open follow-up attempts, soonest due first. */
  followUps(repId: string): Promise<FollowUpTask[]>;

  leadCard(leadId: string, workspaceId: string): Promise<LeadCard | null>;
  leadWorkspace(leadId: string): Promise<string | null>;
  myLeads(repId: string): Promise<MyLeadRow[]>;
  recordCallAttempt(leadId: string, userId: string, workspaceId: string, now: number): Promise<LeadCard | null>;
  /**
   * Logs what a call gave: a call result, a decision about the lead, or both in one save
   * (routing/plan-outcome.core.ts decides). No answer or voicemail schedules the next attempt (a
   * follow-up task) per the site's cadence; after the last, the lead goes back to nurture ("no
   * contact after N attempts"). Null when there is no such lead; a refusal says why. The lead's
   * owner logs anything; a `manager` (or admin) may also log decisions on a lead someone else owns.
   */
  recordOutcome(
    leadId: string,
    userId: string,
    workspaceId: string,
    input: OutcomeInput,
    now: number,
    manager?: boolean,
  ): Promise<LeadCard | OutcomeRefusal | null>;
  /**
   * A CRM's decision about a lead of the key's workspace (`PATCH /v1/leads/:id/outcome`): the same
   * plan as the rep's (stage machine, deal value, close time), recorded as the key's. Null when the
   * workspace has no such lead; the owner is named so their console can be told.
   */
  recordCrmOutcome(
    leadId: string,
    workspaceId: string,
    input: OutcomeRequest,
    key: { id: string; name: string },
    now: number,
  ): Promise<{ card: LeadCard; ownerId: string | null } | OutcomeRefusal | null>;

  /** What the visitor's status is decided from (routing/visitor-status.core.ts), or null for no such lead. */
  visitorFacts(leadId: string): Promise<VisitorFacts | null>;
  /** The visitor booked a slot: the lead is offered at that time; its SLA runs from then. */
  scheduleCallback(leadId: string, slotAt: number, now: number): Promise<boolean>;
  /** Booked callbacks not yet offered, so timers can be rebuilt on start. */
  scheduledLeads(): Promise<Array<{ leadId: string; at: number }>>;
  /** The workspace's booked callbacks not yet offered, soonest first, with the teams they will be offered to. */
  bookedCallbacks(workspaceId: string, limit: number): Promise<BookedCallback[]>;
  siteOfLead(leadId: string): Promise<Site | null>;

  /**
   * Work whose time has come, for the cluster sweeper (several processes on one database): open
   * offers past their expiry, leads whose SLA deadline passed unaccepted, booked callbacks now due,
   * leads whose open follow-up fell due with its notice unsent. Oldest first, at most `limit` of
   * each. Acting on them stays exactly-once through the claims in expireOffer / recordSlaBreach /
   * routeLead / claimFollowUpNotice.
   */
  dueWork(now: number, limit: number): Promise<{ offers: OpenOffer[]; sla: string[]; scheduled: string[]; followUps: string[] }>;
  /**
   * Claims the "follow-up due" push of the lead's open follow-up once it is due (a conditional
   * update marking its notice sent: of processes trying at once, one gets the row); null when the
   * lead has no open follow-up due now, or its notice was claimed.
   */
  claimFollowUpNotice(leadId: string, now: number): Promise<FollowUpNotice | null>;
  /** Open follow-ups whose notice is not sent (of one lead, or all), so timers can be armed and rebuilt on start. */
  followUpNotices(leadId?: string): Promise<Array<{ leadId: string; at: number }>>;
  /**
   * Claims sending the manager alert the ladder recorded for the lead (a conditional update: of
   * processes trying at once, one gets the managers); null when none is due or it was claimed.
   */
  claimManagerAlert(leadId: string, now: number): Promise<ManagerAlert | null>;
  /** Leads whose manager alert was recorded but not yet claimed (a process stopped in between). */
  pendingManagerAlerts(limit: number): Promise<string[]>;
  /**
   * A named lease for work only one process of a cluster may do (webhook delivery, retention):
   * true when `holder` holds it until now + ttlMs (taken free or expired, or renewed).
   */
  takeLease(name: string, holder: string, ttlMs: number, now: number): Promise<boolean>;

  close(): void | Promise<void>;
}
