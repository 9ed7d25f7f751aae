// What both dialects' routing operations decide and say without touching the database: which
// leads may be routed, the offers handed back, the words of the routing trail. Shared so a
// lead routed on SQLite or on PostgreSQL leaves the same trail.
import { sql, type Column } from 'drizzle-orm';
import { STEP_TEXT, STRATEGY_TEXT, describeSkips } from '../routing/routing-text';
import type { LeadCard, Stage } from '../../shared/api';
import type { QueueReason, RoutingPlan, RoutingSnapshot, Team } from '../routing/routing.types';
import type { VisitorFacts } from '../routing/visitor-status.core';
import type { BookedCallback, OpenOffer, Site } from './store';

/** `ruleId` stored when no rule matched, so a change of rule is noticed in the trail. */
export const FALLBACK_RULE_ID = '';

export const toOpen = (o: OpenOffer): OpenOffer => ({ id: o.id, leadId: o.leadId, repId: o.repId, workspaceId: o.workspaceId, expiresAt: o.expiresAt });

/** A lead's columns once a pass offered it; `firstOfferedAt` is the dialect's column, kept once set. */
export function offeredColumns(plan: Extract<RoutingPlan, { kind: 'offer' }>, ruleId: string, now: number, firstOfferedAt: Column) {
  return {
    routing: 'offered' as const,
    firstOfferedAt: sql`coalesce(${firstOfferedAt}, ${now})`,
    queueReason: null,
    ruleId,
    ...(plan.newRound ? { roundStartedAt: now } : {}),
  };
}

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

/** Thrown inside a transaction to roll it back when another accept already owns the lead. */
export class LostRace extends Error {}

/** Waiting now, or a booked callback whose time has come. */
export function routable(lead: { routing: string; scheduledFor: number | null }, now: number): boolean {
  return lead.routing === 'waiting' || (lead.routing === 'scheduled' && (lead.scheduledFor ?? 0) <= now);
}

/** One line of a lead's trail, before it is written. */
export interface TrailLine {
  kind: string;
  text: string;
  data?: unknown;
}

const teamName = (snapshot: RoutingSnapshot, id: string | null) => (id ? snapshot.teams.get(id)?.name : undefined);

/** The `rule` line: which rule now routes the lead (written when the rule changed). */
export function ruleLine(plan: RoutingPlan, snapshot: RoutingSnapshot): TrailLine {
  const text = plan.rule.id
    ? `Rule "${plan.rule.name}" matched: team ${teamName(snapshot, plan.rule.teamId) ?? '?'}, ${STRATEGY_TEXT[plan.rule.strategy]}`
    : 'No routing rule matched: everyone in the workspace, round robin';
  return { kind: 'rule', text, data: { ruleId: plan.rule.id } };
}

/** The `skipped` line: who was passed over and why; null when nobody was. */
export function skipsLine(plan: RoutingPlan): TrailLine | null {
  const text = describeSkips(plan.skipped);
  return text ? { kind: 'skipped', text, data: { skipped: plan.skipped.map((s) => ({ repId: s.repId, reason: s.reason })) } } : null;
}

/** The lines before an offer: a new round starting, an escalation past the rule's team. */
export function escalationLines(plan: Extract<RoutingPlan, { kind: 'offer' }>, snapshot: RoutingSnapshot): TrailLine[] {
  const lines: TrailLine[] = [];
  if (plan.newRound) lines.push({ kind: 'routing', text: 'Everyone eligible has had a turn: starting a new round' });
  if (plan.step === 'previous_owner') lines.push({ kind: 'routing', text: `Back from nurture: offered to ${STEP_TEXT[plan.step]} first` });
  else if (plan.step !== 'team') {
    const name = teamName(snapshot, plan.teamId);
    lines.push({ kind: 'escalated', text: `Escalated to ${STEP_TEXT[plan.step]}${name ? ` (${name})` : ''}`, data: { step: plan.step, teamId: plan.teamId } });
  }
  return lines;
}

/** The `offered` line of one rep's offer. */
export function offeredLine(plan: Extract<RoutingPlan, { kind: 'offer' }>, repId: string, repName: string | undefined, offerId: string): TrailLine {
  const broadcast = plan.repIds.length > 1 ? ' (broadcast: first to accept wins)' : '';
  return { kind: 'offered', text: `Offered to ${repName ?? 'a rep'}${broadcast}`, data: { repId, offerId, step: plan.step } };
}

/** What a rep is told when missed offers set them away. */
export const missedAwayReason = (missed: number) => `You missed ${missed} offers in a row, so we set you away. Set yourself available when you are back.`;

/** A lead's row (either dialect) as its visitor's status is decided from it. */
export function visitorFactsOf(
  lead: Pick<VisitorFacts, 'routing' | 'ownerId' | 'acceptedAt' | 'capturedAt' | 'hotAt' | 'scheduledFor'> & { stage: string; queueReason: string | null },
  site: Pick<Site, 'slaMs'>,
  ownerName: string | null,
  endingUrl: string | null,
): VisitorFacts {
  return {
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
