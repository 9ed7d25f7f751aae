// Who gets a lead next: the rule that matches, then the escalation chain
// (previous owner of a lead back from nurture -> account owner -> team -> overflow team ->
// everyone online -> queue). Pure: (snapshot, now).
import { skipReason, effectiveHours, type EligibilityContext } from './check-eligibility.core';
import { nextOpenAt } from './hours.core';
import { matchRule } from './match-rule.core';
import { pickRoundRobin, pickWeighted } from './pick-rep.core';
import type {
  Hours,
  PassUpdate,
  QueueReason,
  RepRequirements,
  RepState,
  RoutingPlan,
  RoutingRule,
  RoutingSnapshot,
  RuleRef,
  Skip,
  Step,
  Strategy,
  Team,
} from './routing.types';

/** When no rule matches (or none is configured): everyone in the workspace, in turn. */
export const FALLBACK_RULE: RuleRef = { id: null, name: 'No rule matched: everyone in the workspace', teamId: null, strategy: 'round_robin' };

/**
 * Rounds: a rep offered the lead in the current round (who let it expire) is not offered it
 * again until every other possibility is used up; then a new round starts at once with them
 * back in. A rep who declined is never offered that lead again. So a lead is never left waiting
 * while someone could take it, and a silent rep keeps getting it only until they are set away.
 */
export function decideRouting(s: RoutingSnapshot, now: number): RoutingPlan {
  const declined = new Set(s.offers.filter((o) => o.status === 'declined').map((o) => o.repId));
  const open = new Set(s.offers.filter((o) => o.status === 'offered').map((o) => o.repId));
  const inRound = new Set([...open, ...s.offers.filter((o) => o.offeredAt >= s.roundStartedAt).map((o) => o.repId)]);
  const first = attempt(s, now, declined, inRound);
  if (first.kind === 'offer' || first.reason === 'owner_wait' || inRound.size === open.size) return first;
  const fresh = attempt(s, now, declined, open);
  return fresh.kind === 'offer' ? { ...fresh, newRound: true } : fresh;
}

interface StepPlan {
  step: Step;
  team: Team | null;
  candidates: RepState[];
  hours: readonly Hours[] | null;
  requires: RepRequirements | null;
  strategy: Strategy;
}

function attempt(s: RoutingSnapshot, now: number, declined: ReadonlySet<string>, tried: ReadonlySet<string>): RoutingPlan {
  const matched = matchRule(s.rules, s.lead);
  // A rule whose team is gone falls back rather than stranding the lead.
  const rule = matched && s.teams.has(matched.teamId) ? matched : null;
  const ref: RuleRef = rule ? { id: rule.id, name: rule.name, teamId: rule.teamId, strategy: rule.strategy } : FALLBACK_RULE;
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  let wakeAt: number | null = null;
  const ctxBase = { now, country: s.lead.country, declined, tried };

  const skip = (rep: RepState, reason: Skip['reason']) => {
    if (seen.has(rep.repId)) return;
    seen.add(rep.repId);
    skipped.push({ repId: rep.repId, name: rep.name, reason });
  };

  // A lead back from nurture goes first to the rep who had it, when they can take it now; it
  // never waits for them (the person raised a hand: the team takes it at once otherwise).
  if (s.previousOwnerId) {
    const owner = repsById.get(s.previousOwnerId);
    if (owner) {
      const why = skipReason(owner, { ...ctxBase, hours: [], requires: null });
      if (!why) return offer(ref, 'previous_owner', null, [owner.repId], skipped, null);
      skip(owner, why);
    }
  }

  // A booked meeting goes first to the rep it was booked with, when they can take it now, with
  // the reservation rules of any live offer (online, available, free); it never waits for them:
  // the visitor expects the call at that time, so the team takes it otherwise.
  if (s.bookedRepId) {
    const booked = repsById.get(s.bookedRepId);
    if (booked) {
      const why = skipReason(booked, { ...ctxBase, hours: [], requires: null });
      if (!why) return offer(ref, 'booked_rep', null, [booked.repId], skipped, null);
      skip(booked, why);
    }
  }

  if (rule?.strategy === 'account_owner' && s.accountOwnerId) {
    const owner = repsById.get(s.accountOwnerId);
    if (owner) {
      const why = skipReason(owner, { ...ctxBase, hours: [], requires: null });
      if (!why) return offer(ref, 'owner', null, [owner.repId], skipped, null);
      skip(owner, why);
      const waitUntil = s.hotAt + rule.ownerWaitMs;
      // An owner who said no (or already let it pass) is not waited for.
      if (why !== 'declined' && why !== 'already_offered' && now < waitUntil) {
        return { kind: 'wait', rule: ref, reason: 'owner_wait', skipped, wakeAt: waitUntil };
      }
    }
  }

  for (const step of chain(s, rule)) {
    const ctx: EligibilityContext = { ...ctxBase, hours: step.hours, requires: step.requires };
    const eligible: RepState[] = [];
    for (const rep of step.candidates) {
      const why = skipReason(rep, ctx);
      if (!why) {
        eligible.push(rep);
        continue;
      }
      skip(rep, why);
      if (why === 'outside_hours' && step.hours) {
        const opens = nextOpenAt(effectiveHours(rep, step.hours), now);
        if (opens !== null && (wakeAt === null || opens < wakeAt)) wakeAt = opens;
      }
    }
    if (!eligible.length) continue;
    if (step.strategy === 'broadcast') {
      return offer(
        ref,
        step.step,
        step.team?.id ?? null,
        eligible.map((r) => r.repId),
        skipped,
        null,
      );
    }
    if (step.strategy === 'weighted' && step.team) {
      const pick = pickWeighted(eligible, step.team)!;
      return offer(ref, step.step, step.team.id, [pick.rep.repId], skipped, pick.pass);
    }
    return offer(ref, step.step, step.team?.id ?? null, [pickRoundRobin(eligible)!.repId], skipped, null);
  }
  return { kind: 'wait', rule: ref, reason: queueReason(skipped), skipped, wakeAt };
}

/** The steps after the owner, each with who is considered and what they must meet. */
function chain(s: RoutingSnapshot, rule: RoutingRule | null): StepPlan[] {
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const membersOf = (team: Team) => team.members.map((m) => repsById.get(m.repId)).filter((r): r is RepState => r !== undefined);
  if (!rule) {
    // No teams to speak of: everyone active, inside their own hours if they set any.
    return [{ step: 'team', team: null, candidates: s.reps, hours: [], requires: null, strategy: 'round_robin' }];
  }
  const strategy: Strategy = rule.strategy === 'account_owner' ? 'round_robin' : rule.strategy;
  const team = s.teams.get(rule.teamId)!;
  const steps: StepPlan[] = [{ step: 'team', team, candidates: membersOf(team), hours: [team.hours], requires: rule.requires, strategy }];
  const overflow = rule.overflowTeamId && rule.overflowTeamId !== rule.teamId ? s.teams.get(rule.overflowTeamId) : undefined;
  if (overflow) steps.push({ step: 'overflow', team: overflow, candidates: membersOf(overflow), hours: [overflow.hours], requires: rule.requires, strategy });
  // The last resort before the queue: whoever is online and free, whatever their team or hours.
  if (rule.escalateToEveryone) steps.push({ step: 'everyone', team: null, candidates: s.reps, hours: null, requires: null, strategy: 'broadcast' });
  return steps;
}

function offer(rule: RuleRef, step: Step, teamId: string | null, repIds: string[], skipped: Skip[], pass: PassUpdate | null): RoutingPlan {
  return { kind: 'offer', rule, step, teamId, repIds, skipped, newRound: false, pass };
}

/** The most useful explanation of why nobody could take the lead. */
export function queueReason(skipped: readonly Skip[]): QueueReason {
  const reasons = new Set(skipped.map((s) => s.reason));
  if (![...reasons].some((r) => r !== 'offline')) return 'nobody_online';
  if (reasons.has('at_capacity') || reasons.has('already_offered')) return 'all_busy';
  if (reasons.has('outside_hours')) return 'out_of_hours';
  if (reasons.has('declined')) return 'all_declined';
  if (reasons.has('missing_skill') || reasons.has('missing_language') || reasons.has('outside_territory')) return 'no_match';
  return 'nobody_available';
}
