// The writes a plan hands to a store: one lead's changes, described without SQL. Both stores
// execute a LeadPlan in the same fixed order (see executeLeadPlan in each dialect), so a
// decision writes the same rows whichever database holds them.
import type { Stage } from '../../shared/api';
import type { Outcome } from '../../shared/outcomes';
import type { SlaCause, Step } from './routing.types';

/** One line of a lead's trail, before it is written. */
export interface PlannedLine {
  kind: string;
  text: string;
  data?: unknown;
}

export interface StageMove {
  from: Stage;
  to: Stage;
  /** A user id, or `system`. */
  actor: string;
  reason: string | null;
}

/** The lead columns a plan may set (one update of the lead row). */
export interface LeadColumns {
  stage?: Stage;
  routing?: 'waiting' | 'offered' | 'owned' | 'scheduled' | 'closed';
  ownerId?: string | null;
  previousOwnerId?: string | null;
  hot?: boolean;
  hotAt?: number;
  slaDueAt?: number;
  queueReason?: string | null;
  roundStartedAt?: number;
  scheduledFor?: number | null;
  ruleId?: string;
  acceptedAt?: number | null;
  firstOfferedAt?: number | null;
  firstCallAt?: number | null;
  managerAlertedAt?: number;
  outcome?: Outcome | null;
  outcomeAt?: number | null;
  contactAttempts?: number;
  dealValue?: number | null;
  closedAt?: number | null;
  salesQualification?: string;
  answers?: string;
  pageUrl?: string | null;
  timeZone?: string | null;
  score?: number;
  fit?: string;
  fitReason?: string | null;
  mql?: boolean;
  reasons?: string;
  rulesVersion?: number;
}

/** A new open offer of the lead to one rep. */
export interface NewOffer {
  id: string;
  repId: string;
  expiresAt: number;
  step: Step;
  ruleId: string | null;
}

/** What a plan does to a rep's routing bookkeeping. */
export type RepWrite =
  /** Offered the lead: round robin's clock and sequence. */
  | { kind: 'offered'; repId: string; seq: number }
  /** Missed an offer, not yet enough to be set away. */
  | { kind: 'missed'; repId: string; missedInARow: number }
  /** Answered (accept or decline): no longer missing offers. */
  | { kind: 'answered'; repId: string }
  /** Missed too many in a row: away, the count starts again. */
  | { kind: 'away'; repId: string; reason: string };

/** The lead's open follow-up tasks. */
export type FollowUpWrite =
  | { kind: 'close'; status: 'done' | 'cancelled' }
  | { kind: 'reassign'; repId: string }
  | { kind: 'open'; id: string; repId: string; attempt: number; dueAt: number };

export interface SlaBreachRow {
  leadId: string;
  workspaceId: string;
  siteId: string;
  dueAt: number;
  cause: SlaCause;
  at: number;
}

/**
 * Every write of one decision about one lead, executed in this order: offers, the lead row, stage
 * moves, trail lines, note, reps, the team's pass, follow-ups, the SLA breach (with its outbox
 * row), and last the lead's other open offers taken (whose rows the store hands back).
 *
 * The lead row is written once (PostgreSQL sends the whole plan as one statement, where a row
 * may change only once); stage moves are its history, the new stage is in `lead`.
 */
export interface LeadPlan {
  offers?: NewOffer[];
  lead?: LeadColumns;
  moves?: StageMove[];
  trail?: PlannedLine[];
  note?: { authorId: string; text: string };
  reps?: RepWrite[];
  pass?: { teamId: string; vtime: number; repId: string; pass: number };
  followUps?: FollowUpWrite[];
  slaBreach?: SlaBreachRow;
  /** The lead's other offers still open become `taken` (someone accepted). */
  takeOpenOffers?: boolean;
}

/** A plan's moves as the lead columns and history they write: the last move's stage is the lead's. */
export function withMoves(moves: StageMove[], lead: LeadColumns = {}): Pick<LeadPlan, 'lead' | 'moves'> {
  const last = moves.at(-1);
  return { lead: last ? { ...lead, stage: last.to } : lead, moves };
}
