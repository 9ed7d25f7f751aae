// The store speaks the domain and returns Promises. Each operation runs in one transaction
// inside the implementation; over better-sqlite3 they complete synchronously, and a PostgreSQL
// implementation can provide the same interface later without touching domain code.
import type { LeadCard, MyLeadRow, OfferView, Stage, UserRole, VisitorStatus } from '../../shared/api';
import type { Qualification } from '../../shared/qualify/types';
import type { SiteRules } from '../../shared/site-rules';
import type { ChosenPresence, OutcomeInput } from '../../shared/schemas/console.schema';
import type { BusinessHours } from '../callbacks/slots';
import type { RepCandidate, RoutingDecision } from '../routing/routing.core';

export interface Site {
  id: string;
  workspaceId: string;
  name: string;
  siteKey: string;
  allowedOrigins: string[];
  rules: SiteRules;
  launcherText: string;
  phoneRegion: string;
  offerTimeoutMs: number;
  hours: BusinessHours;
}

export interface User {
  id: string;
  workspaceId: string;
  workspaceName: string;
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  active: boolean;
  presence: ChosenPresence;
}

export interface NewWorkspace {
  workspace: { name: string };
  sites: Array<Omit<Site, 'id' | 'workspaceId'>>;
  users: Array<{ email: string; name: string; role: UserRole; passwordHash: string }>;
}

/** A validated callback, ready to be stored. */
export interface CallbackCommand {
  site: Site;
  name: string;
  phoneE164: string;
  email: string | null;
  answers: Record<string, string>;
  pageUrl: string | null;
  visitorId: string | null;
  qualification: Qualification;
  stage: Stage;
  idempotency: { key: string; bodyHash: string } | null;
  now: number;
  /** Reps with a live connection now; routing offers only to them. */
  online: ReadonlySet<string>;
  chooseRep: (candidates: RepCandidate[]) => RoutingDecision;
}

export type CallbackResult =
  | { kind: 'created'; leadId: string; offer: OpenOffer | null }
  | { kind: 'replay'; leadId: string }
  | { kind: 'conflict' };

export interface OpenOffer {
  id: string;
  leadId: string;
  repId: string;
  workspaceId: string;
  expiresAt: number;
}

export type AcceptResult =
  | { ok: true; leadId: string; repName: string; otherOffers: OpenOffer[] }
  | { ok: false; error: 'not_found' | 'already_taken' | 'expired' };

export interface Store {
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
  setPresence(userId: string, presence: ChosenPresence): Promise<void>;

  recordCallback(cmd: CallbackCommand): Promise<CallbackResult>;
  /** Offers a waiting lead to the next eligible rep; null when nobody can take it now. */
  offerNext(
    leadId: string,
    now: number,
    online: ReadonlySet<string>,
    chooseRep: (c: RepCandidate[]) => RoutingDecision,
  ): Promise<OpenOffer | null>;
  acceptOffer(offerId: string, repId: string, now: number): Promise<AcceptResult>;
  declineOffer(offerId: string, repId: string, reason: string | null, now: number): Promise<OpenOffer | null>;
  /** Expires the offer if it is still open and due; returns it when it did. */
  expireOffer(offerId: string, now: number): Promise<OpenOffer | null>;
  openOffers(): Promise<OpenOffer[]>;
  openOffersForRep(repId: string): Promise<OfferView[]>;
  offerView(offerId: string): Promise<OfferView | null>;
  /** Leads waiting for a rep in the workspace (and booked callbacks now due), oldest first. */
  waitingLeads(workspaceId: string, now: number): Promise<string[]>;
  /** Marks a lead that nobody can take now; it stays in the queue. */
  markUnrouted(leadId: string, now: number, why: string): Promise<void>;

  leadCard(leadId: string, workspaceId: string): Promise<LeadCard | null>;
  leadWorkspace(leadId: string): Promise<string | null>;
  myLeads(repId: string): Promise<MyLeadRow[]>;
  recordCallAttempt(leadId: string, userId: string, workspaceId: string, now: number): Promise<LeadCard | null>;
  recordOutcome(leadId: string, userId: string, workspaceId: string, input: OutcomeInput, now: number): Promise<LeadCard | 'not_owner' | null>;

  visitorStatus(leadId: string, now: number, slots: () => string[]): Promise<VisitorStatus | null>;
  scheduleCallback(leadId: string, slotAt: number, now: number): Promise<boolean>;
  /** Booked callbacks not yet offered, so timers can be rebuilt on start. */
  scheduledLeads(): Promise<Array<{ leadId: string; at: number }>>;
  siteOfLead(leadId: string): Promise<Site | null>;

  close(): void;
}
