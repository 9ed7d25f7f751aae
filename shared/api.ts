// Response shapes of the HTTP API, shared by the server, the widget and the console.
// Types only: the widget imports this file with `import type`, so it adds no bytes.
import type { Qualification, Reason } from './qualify/types';
import type { PublicSiteConfig } from './site-rules';
import type { Outcome } from './schemas/console.schema';

/** Every error a client gets: one shape, with field messages for validation errors. */
export interface ApiError {
  error: {
    code: string;
    message: string;
    /** Field path (dot-joined) -> message, for 400 validation errors. */
    fields?: Record<string, string>;
  };
}

export type SiteConfigResponse = PublicSiteConfig;

/** Response of `POST /v1/callbacks` (201, or 200 when replayed by idempotency key). */
export interface CallbackResponse {
  leadId: string;
  /** Scoped to this one lead: the visitor's live connection presents it. */
  visitorToken: string;
  status: VisitorStatus;
}

/** What the visitor's panel shows, pushed live on `/visitor` and returned by the API. */
export type VisitorStatus =
  | { state: 'waiting'; since: number; promiseSeconds: number }
  | { state: 'accepted'; repName: string; at: number }
  | { state: 'no_rep'; slots: string[] }
  | { state: 'scheduled'; slot: string }
  | { state: 'closed' };

export type Stage =
  | 'visitor'
  | 'lead'
  | 'mql'
  | 'hot'
  | 'sal'
  | 'sql'
  | 'opportunity'
  | 'nurture'
  | 'disqualified'
  | 'suspect';

export type UserRole = 'admin' | 'manager' | 'rep';

export interface Me {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  workspaceId: string;
  workspaceName: string;
}

/** A lead as a rep sees it on an offer or the lead card. Everything here is rendered as text. */
export interface LeadCard {
  id: string;
  name: string;
  /** E.164. */
  phone: string;
  email: string | null;
  siteName: string;
  pageUrl: string | null;
  stage: Stage;
  answers: Array<{ question: string; answer: string }>;
  qualification: Pick<Qualification, 'fit' | 'score' | 'hot' | 'mql' | 'rulesVersion'> & { reasons: Reason[] };
  timeline: TimelineEntry[];
  capturedAt: number;
  acceptedAt: number | null;
  firstCallAt: number | null;
  outcome: Outcome | null;
  ownerName: string | null;
  company?: string | null;
  /** The lead's IANA time zone, to show their local time. */
  timeZone?: string | null;
  /** What they did on the site, oldest first (page views, downloads, clicks...). */
  pageTrail?: Array<{ at: number; type: string; url: string | null; name: string | null }>;
  source?: { referrer: string | null; landingUrl: string | null; utm: Record<string, string> } | null;
  /** Visits to the site (1 = this one) and the first time they were seen. */
  visits?: number;
  firstSeenAt?: number | null;
  hotAt?: number | null;
  /** When a rep must have accepted (the SLA clock). */
  slaDueAt?: number | null;
  notes?: Array<{ at: number; author: string; text: string }>;
  qualificationAnswers?: SalesQualification | null;
}

/** The four sales-qualification questions a rep answers when logging SQL. */
export interface SalesQualification {
  needs: string;
  currentSolution: string;
  decisionMaker: string;
  readyOrBudget: string;
}

export interface TimelineEntry {
  at: number;
  kind: string;
  text: string;
}

export interface OfferView {
  offerId: string;
  leadId: string;
  offeredAt: number;
  expiresAt: number;
  lead: LeadCard;
}

/**
 * A callback a visitor booked, not yet offered: in the Upcoming list of the reps it will be
 * offered to (GET /v1/console/upcoming) and in the supervisor view. At its time it is offered
 * as any hot lead is.
 */
export interface UpcomingCallback {
  leadId: string;
  name: string;
  /** E.164. */
  phone: string;
  siteName: string;
  /** The booked time. */
  at: number;
  /** The visitor's IANA time zone, when their browser told us. */
  timeZone: string | null;
  answers: LeadCard['answers'];
  /** Why it is hot: the score and its reasons. */
  score: number;
  reasons: Reason[];
  /** The teams whose reps it will be offered to; null: everyone in the workspace (no rule matched). */
  teams: Array<{ id: string; name: string }> | null;
}

export interface MyLeadRow {
  id: string;
  name: string;
  phone: string;
  stage: Stage;
  capturedAt: number;
  acceptedAt: number | null;
  outcome: Outcome | null;
  nextFollowUpAt?: number | null;
}

export interface SetupStatus {
  needsSetup: boolean;
}

/** Response of `POST /v1/events` to an in-page flush (beacons ignore it). */
export interface EventsResponse {
  accepted: number;
  /**
   * Present when this visitor has just turned hot with fit unknown and a rep is online:
   * the widget may invite them, once per visit, and the invitation asks the must-haves.
   */
  invite?: { repName: string; reason: string };
}
