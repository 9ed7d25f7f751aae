// What routing's writes do to a lead, decided without the database: applying a routing decision
// (offers or the queue), an accept, a decline and an expiry. Each takes the rows the store read
// (under its lock or claim) and `now`, and returns the LeadPlan both stores execute the same way.
import type { Stage } from '../../shared/api';
import { checkTransition } from '../../shared/lifecycle';
import type { LeadColumns, LeadPlan, NewOffer, PlannedLine, RepWrite } from './lead-plan';
import { STEP_TEXT, STRATEGY_TEXT, QUEUE_TEXT, describeSkips } from './routing-text';
import { onDevices } from './derive-presence.core';
import type { QueueReason, RoutingPlan, RoutingSnapshot } from './routing.types';

/** `ruleId` stored when no rule matched, so a change of rule is noticed in the trail. */
export const FALLBACK_RULE_ID = '';

type OfferDecision = Extract<RoutingPlan, { kind: 'offer' }>;

const teamName = (snapshot: RoutingSnapshot, id: string | null) => (id ? snapshot.teams.get(id)?.name : undefined);

/** The `rule` line: which rule now routes the lead (written when the rule changed). */
export function ruleLine(plan: RoutingPlan, snapshot: RoutingSnapshot): PlannedLine {
  const text = plan.rule.id
    ? `Rule "${plan.rule.name}" matched: team ${teamName(snapshot, plan.rule.teamId) ?? '?'}, ${STRATEGY_TEXT[plan.rule.strategy]}`
    : 'No routing rule matched: everyone in the workspace, round robin';
  return { kind: 'rule', text, data: { ruleId: plan.rule.id } };
}

/** The `skipped` line: who was passed over and why; null when nobody was. */
export function skipsLine(plan: RoutingPlan): PlannedLine | null {
  const text = describeSkips(plan.skipped);
  return text ? { kind: 'skipped', text, data: { skipped: plan.skipped.map((s) => ({ repId: s.repId, reason: s.reason })) } } : null;
}

/** The lines before an offer: a new round starting, an escalation past the rule's team. */
export function escalationLines(plan: OfferDecision, snapshot: RoutingSnapshot): PlannedLine[] {
  const lines: PlannedLine[] = [];
  if (plan.newRound) lines.push({ kind: 'routing', text: 'Everyone eligible has had a turn: starting a new round' });
  if (plan.step === 'previous_owner') lines.push({ kind: 'routing', text: `Back from nurture: offered to ${STEP_TEXT[plan.step]} first` });
  else if (plan.step === 'booked_rep') lines.push({ kind: 'routing', text: `Meeting time: offered to ${STEP_TEXT[plan.step]} first` });
  else if (plan.step !== 'team') {
    const name = teamName(snapshot, plan.teamId);
    lines.push({ kind: 'escalated', text: `Escalated to ${STEP_TEXT[plan.step]}${name ? ` (${name})` : ''}`, data: { step: plan.step, teamId: plan.teamId } });
  }
  return lines;
}

/** The `offered` line of one rep's offer; `deviceMs`: the rep is reached on their devices, with this timeout. */
export function offeredLine(plan: OfferDecision, repId: string, repName: string | undefined, offerId: string, deviceMs: number | null = null): PlannedLine {
  const broadcast = plan.repIds.length > 1 ? ' (broadcast: first to accept wins)' : '';
  const devices = deviceMs === null ? '' : ` on their devices (${Math.round(deviceMs / 1000)} s to accept)`;
  return {
    kind: 'offered',
    text: `Offered to ${repName ?? 'a rep'}${devices}${broadcast}`,
    data: { repId, offerId, step: plan.step, ...(deviceMs === null ? {} : { tier: 'device' }) },
  };
}

/** The ladder's manager step in the trail (the alert itself is sent after the commit, once). */
export const MANAGER_ALERT_LINE: PlannedLine = {
  kind: 'manager_alert',
  text: 'Nobody took the lead: managers alerted by push and email',
  data: { step: 'manager_alert' },
};

/** What a rep is told when missed offers set them away. */
export const missedAwayReason = (missed: number) => `You missed ${missed} offers in a row, so we set you away. Set yourself available when you are back.`;

const present = (l: PlannedLine | null): l is PlannedLine => l !== null;

/** The lead row as applying a decision needs it. */
export interface RoutedLead {
  ruleId: string | null;
  queueReason: string | null;
  firstOfferedAt: number | null;
}

export interface AppliedDecision {
  plan: LeadPlan;
  /** The offers made (empty when the lead waits), for the live push. */
  offers: Array<{ id: string; repId: string; expiresAt: number; step: string }>;
  queueReason: QueueReason | null;
  wakeAt: number | null;
  /** The ladder reached its manager step: the router sends the alert after the commit. */
  managerAlert?: boolean;
}

/**
 * A routing decision as writes: the queue reason (its trail only when it changed), or the offers
 * with their trail, round robin's sequence and the team's pass. `newId` names each new offer.
 */
export function planApply(
  lead: RoutedLead,
  snapshot: RoutingSnapshot,
  decision: RoutingPlan,
  ctx: { now: number; offerTimeoutMs: number; newId: () => string; deviceTimeoutMs?: number },
): AppliedDecision {
  const ruleId = decision.rule.id ?? FALLBACK_RULE_ID;
  const ruleChanged = lead.ruleId !== ruleId;
  const rule = ruleChanged ? ruleLine(decision, snapshot) : null;

  if (decision.kind === 'wait') {
    const queued = ruleChanged || lead.queueReason !== decision.reason;
    const trail = queued ? [rule, skipsLine(decision), { kind: 'queued', text: QUEUE_TEXT[decision.reason], data: { reason: decision.reason } }] : [];
    const alert = decision.alertManagers === true;
    if (alert) trail.splice(trail.length ? trail.length - 1 : 0, 0, MANAGER_ALERT_LINE);
    return {
      plan: {
        lead: { routing: 'waiting', queueReason: decision.reason, ruleId, ...(alert ? { managerAlertedAt: ctx.now } : {}) },
        trail: trail.filter(present),
      },
      offers: [],
      queueReason: decision.reason,
      wakeAt: decision.wakeAt,
      ...(alert ? { managerAlert: true } : {}),
    };
  }

  const { now } = ctx;
  const names = new Map(snapshot.reps.map((r) => [r.repId, r.name]));
  // A rep on their devices gets the site's device timeout, whatever step offered them.
  const onDevice = new Set(snapshot.reps.filter(onDevices).map((r) => r.repId));
  const deviceMs = ctx.deviceTimeoutMs ?? ctx.offerTimeoutMs;
  const timeoutOf = (repId: string) => (onDevice.has(repId) ? deviceMs : ctx.offerTimeoutMs);
  const offers: NewOffer[] = decision.repIds.map((repId) => ({
    id: ctx.newId(),
    repId,
    expiresAt: now + timeoutOf(repId),
    step: decision.step,
    ruleId: decision.rule.id,
  }));
  // Round robin's order: one workspace-wide sequence, so equal timestamps still rotate; each rep
  // offered takes the next number, in the decision's order.
  const seq = Math.max(0, ...snapshot.reps.map((r) => r.offerSeq ?? 0));
  const columns: LeadColumns = {
    routing: 'offered',
    firstOfferedAt: lead.firstOfferedAt ?? now,
    queueReason: null,
    ruleId,
    ...(decision.newRound ? { roundStartedAt: now } : {}),
  };
  return {
    plan: {
      offers,
      lead: columns,
      trail: [
        rule,
        ...escalationLines(decision, snapshot),
        skipsLine(decision),
        ...offers.map((o) => offeredLine(decision, o.repId, names.get(o.repId), o.id, onDevice.has(o.repId) ? deviceMs : null)),
      ].filter(present),
      reps: offers.map((o, i): RepWrite => ({ kind: 'offered', repId: o.repId, seq: seq + i + 1 })),
      ...(decision.pass ? { pass: decision.pass } : {}),
    },
    offers: offers.map((o) => ({ id: o.id, repId: o.repId, expiresAt: o.expiresAt, step: o.step })),
    queueReason: null,
    wakeAt: null,
  };
}

/** The lead as an accept finds it once the rep's claim on it won (its stage not yet moved). */
export interface AcceptedLead {
  stage: Stage;
  hotAt: number | null;
  capturedAt: number;
}

/**
 * An accept that won its offer and the lead: the rep answered, the trail says how fast, the lead
 * moves to SAL where the stage machine allows it, and its other open offers are taken.
 */
export function planAccept(lead: AcceptedLead, accept: { repId: string; repName: string; offerId: string; now: number }): LeadPlan {
  const { repId, now } = accept;
  const secs = Math.round((now - (lead.hotAt ?? lead.capturedAt)) / 1000);
  const toSal = checkTransition(lead.stage, 'sal', null).ok;
  return {
    ...(toSal ? { lead: { stage: 'sal' }, moves: [{ from: lead.stage, to: 'sal', actor: repId, reason: null }] } : {}),
    trail: [{ kind: 'accepted', text: `Accepted by ${accept.repName} (${secs} s after the hand-raise)`, data: { repId, offerId: accept.offerId } }],
    reps: [{ kind: 'answered', repId }],
    takeOpenOffers: true,
  };
}

/** What the store read about the lead once an offer of it closed (declined or expired). */
export interface ClosedOfferLead {
  routing: string;
  /** Offers of the lead still open after this one closed. */
  openOffers: number;
}

/** The lead goes back to waiting when its last open offer closed. */
function release(lead: ClosedOfferLead): LeadColumns | undefined {
  return lead.routing === 'offered' && lead.openOffers === 0 ? { routing: 'waiting', queueReason: null } : undefined;
}

/** A decline is an answer (the rep is not missing offers); the lead waits again if nobody else holds an offer. */
export function planDecline(
  lead: ClosedOfferLead,
  decline: { repId: string; repName: string | null; reason: string | null },
): { plan: LeadPlan; leadWaiting: boolean } {
  const { repId, reason } = decline;
  const columns = release(lead);
  return {
    plan: {
      ...(columns ? { lead: columns } : {}),
      trail: [{ kind: 'declined', text: `Declined by ${decline.repName ?? 'a rep'}${reason ? `: ${reason}` : ''}`, data: { repId, reason } }],
      reps: [{ kind: 'answered', repId }],
    },
    leadWaiting: columns !== undefined,
  };
}

/**
 * An offer nobody answered in time: the rep's miss is counted, and `missedOffersBeforeAway`
 * misses in a row (0: never) set them away; the lead waits again if nobody else holds an offer.
 */
export function planExpiry(
  lead: ClosedOfferLead,
  rep: { id: string; name: string; missedInARow: number },
  missedOffersBeforeAway: number,
): { plan: LeadPlan; leadWaiting: boolean; away: { reason: string } | null } {
  const missed = rep.missedInARow + 1;
  const away = missedOffersBeforeAway > 0 && missed >= missedOffersBeforeAway ? { reason: missedAwayReason(missed) } : null;
  const trail: PlannedLine[] = [{ kind: 'expired', text: `${rep.name} did not accept in time`, data: { repId: rep.id } }];
  if (away) trail.push({ kind: 'away', text: `${rep.name} set away after ${missed} missed offers in a row`, data: { repId: rep.id } });
  const columns = release(lead);
  return {
    plan: {
      ...(columns ? { lead: columns } : {}),
      trail,
      reps: [away ? { kind: 'away', repId: rep.id, reason: away.reason } : { kind: 'missed', repId: rep.id, missedInARow: missed }],
    },
    leadWaiting: columns !== undefined,
    away,
  };
}
