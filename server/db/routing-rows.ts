// What both dialects' routing operations hand back, shaped the same: the offers, a booked
// callback, the facts a visitor's status is decided from. (What routing writes, and the words of
// its trail, are planned in server/routing/plan-offers.core.ts.)
import { randomUUID } from 'node:crypto';
import type { LeadCard, Stage } from '../../shared/api';
import type { TalkMode } from '../../shared/schemas/call.schema';
import type { QueueReason, Team } from '../routing/routing.types';
import type { VisitorFacts } from '../routing/visitor-status.core';
import type { AppliedDecision } from '../routing/plan-offers.core';
import type { BookedCallback, OpenOffer, RouteResult, Site } from './store';

export const toOpen = (o: OpenOffer): OpenOffer => ({
  id: o.id,
  leadId: o.leadId,
  repId: o.repId,
  workspaceId: o.workspaceId,
  expiresAt: o.expiresAt,
  ...(o.step !== undefined ? { step: o.step } : {}),
});

/** A booked callback as the Upcoming list shows it, from its lead card and the teams it will be offered to (null: everyone). */
export function bookedCallback(at: number, card: LeadCard, teams: readonly Team[] | null): BookedCallback {
  return {
    leadId: card.id,
    name: card.name,
    phone: card.phone,
    siteName: card.siteName,
    at,
    timeZone: card.timeZone ?? null,
    answers: card.answers,
    score: card.qualification.score,
    reasons: card.qualification.reasons,
    teams: teams ? teams.map((t) => ({ id: t.id, name: t.name })) : null,
    repIds: teams ? [...new Set(teams.flatMap((t) => t.members.map((m) => m.repId)))] : null,
  };
}

/** A lead that was never stored (a marketer's test of a form): what routing would read of it. */
export interface DraftLead {
  workspaceId: string;
  siteId: string;
  /** E.164. */
  phone: string;
  email: string | null;
  pageUrl: string | null;
  answers: Record<string, string>;
  score: number;
}

/** The lead columns a routing snapshot reads (both dialects' readers take only these). */
export interface SnapshotLeadRow {
  id: string;
  workspaceId: string;
  siteId: string;
  phone: string;
  email: string | null;
  pageUrl: string | null;
  /** JSON. */
  answers: string;
  score: number;
  hotAt: number | null;
  capturedAt: number;
  roundStartedAt: number;
  previousOwnerId: string | null;
  /** When a booked meeting's lead is scheduled (its rep goes first then); absent for a draft. */
  scheduledFor?: number | null;
  /** When the escalation ladder alerted the managers about it; absent for a draft. */
  managerAlertedAt?: number | null;
  /** leads.talk: how the visitor asked to talk (read through talkOf); absent for a draft. */
  talk?: string | null;
}

/** How the visitor asked to talk, from the lead row: the one place leads.talk is read. Null: a phone callback. */
export function talkOf(lead: { talk?: string | null }): TalkMode | null {
  return lead.talk === 'browser' ? 'browser' : null;
}

/** The lead columns a routing snapshot reads, for a draft: a fresh id (no visitor, no offers), hot `now`. */
export function draftLeadRow(d: DraftLead, now: number): SnapshotLeadRow {
  return {
    id: `draft-${randomUUID()}`,
    workspaceId: d.workspaceId,
    siteId: d.siteId,
    phone: d.phone,
    email: d.email,
    pageUrl: d.pageUrl,
    answers: JSON.stringify(d.answers),
    score: d.score,
    hotAt: now,
    capturedAt: now,
    roundStartedAt: now,
    previousOwnerId: null,
  };
}

/** Who the escalation ladder's manager step alerts: the workspace's managers and admins. */
export const ALERTED_ROLES = ['manager', 'admin'] as const;

/** A routing pass's result from the decision applied to the lead (both stores). */
export function routeResult(lead: { id: string; workspaceId: string; slaDueAt: number | null }, applied: AppliedDecision): RouteResult {
  return {
    leadId: lead.id,
    workspaceId: lead.workspaceId,
    offers: applied.offers.map((o) => ({ ...o, leadId: lead.id, workspaceId: lead.workspaceId })),
    queueReason: applied.queueReason,
    wakeAt: applied.wakeAt,
    slaDueAt: lead.slaDueAt,
    ...(applied.managerAlert ? { managerAlert: true } : {}),
  };
}

/** Thrown inside a transaction to roll it back when another accept already owns the lead. */
export class LostRace extends Error {}

/**
 * Waiting now, or a booked callback whose time has come (which leads a routing pass reads). A lead
 * whose visitor is to book a time first (a "book a slot" site form) waits for that booking.
 */
export function routable(lead: { routing: string; scheduledFor: number | null; queueReason: string | null }, now: number): boolean {
  return (lead.routing === 'waiting' && lead.queueReason !== 'visitor_books') || (lead.routing === 'scheduled' && (lead.scheduledFor ?? 0) <= now);
}

/** A lead's row (either dialect) as its visitor's status is decided from it. */
export function visitorFactsOf(
  lead: Pick<VisitorFacts, 'routing' | 'ownerId' | 'acceptedAt' | 'capturedAt' | 'hotAt' | 'scheduledFor'> & { stage: string; queueReason: string | null },
  site: Pick<Site, 'slaMs'>,
  ownerName: string | null,
  endingUrl: string | null,
  openOffers: VisitorFacts['openOffers'],
  callOfferId: string | null = null,
): VisitorFacts {
  return {
    callOfferId,
    openOffers,
    routing: lead.routing,
    stage: lead.stage as Stage,
    ownerId: lead.ownerId,
    ownerName,
    acceptedAt: lead.acceptedAt,
    capturedAt: lead.capturedAt,
    hotAt: lead.hotAt,
    scheduledFor: lead.scheduledFor,
    queueReason: lead.queueReason as QueueReason | null,
    promiseSeconds: Math.round(site.slaMs / 1000),
    endingUrl,
  };
}
