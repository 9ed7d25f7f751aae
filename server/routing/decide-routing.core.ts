// Who gets a lead next: the rule that matches, then the escalation chain
// (previous owner of a lead back from nurture -> account owner -> team -> overflow team ->
// everyone online -> reps on their devices -> queue), and a rule's escalation ladder on top
// (every rep of the team at once -> manager alert -> queue). Pure: (snapshot, now).
import { skipReason, effectiveHours, type EligibilityContext } from './check-eligibility.core';
import { onDevices } from './derive-presence.core';
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
  const ladder = ladderOf(s);
  // The ladder's time is up: every rep of the team at once, before anyone else in turn.
  if (ladder?.teamAllAt != null && now >= ladder.teamAllAt) {
    const all = attempt(s, now, declined, open, 'team_all');
    if (all.kind === 'offer') return all;
  }
  const first = attempt(s, now, declined, inRound);
  if (first.kind === 'offer' || first.reason === 'owner_wait') return first;
  if (ladder) return ladderEnd(s, now, ladder, first, declined, open);
  if (inRound.size === open.size) return first;
  const fresh = attempt(s, now, declined, open);
  return fresh.kind === 'offer' ? { ...fresh, newRound: true } : fresh;
}

/** What is left of the matched rule's escalation ladder; null when the rule sets none (no new rounds then). */
interface Ladder {
  /** When `team_all` is due; null when the rule has no such step or it was already offered. */
  teamAllAt: number | null;
  /** When the managers are to be alerted; null when the rule does not alert them or they were alerted. */
  alertAt: number | null;
}

function ladderOf(s: RoutingSnapshot): Ladder | null {
  const rule = matchRule(s.rules, s.lead);
  if (!rule || !s.teams.has(rule.teamId)) return null;
  const after = rule.teamAllAfterMs ?? null;
  if (after === null && !rule.alertManagers) return null;
  const teamAllDone = s.offers.some((o) => o.step === 'team_all');
  return {
    teamAllAt: after !== null && !teamAllDone ? s.hotAt + after : null,
    alertAt: rule.alertManagers && s.managerAlertedAt == null ? s.hotAt + (after ?? 0) : null,
  };
}

/** Reasons a lead waits that are not the ladder's to act on (an owner to wait for, closed hours, a visitor who books). */
const NOT_ESCALATED: readonly QueueReason[] = ['owner_wait', 'out_of_hours', 'visitor_books'];

/**
 * Nobody left to try in turn: the team all at once (whatever the time, as waiting helps nobody),
 * then the managers' alert once the ladder's time is up, then the queue (its visitor books a
 * time). With a ladder a lead does not go round again: it waits for someone new, or a booking.
 */
function ladderEnd(
  s: RoutingSnapshot,
  now: number,
  ladder: Ladder,
  waiting: Extract<RoutingPlan, { kind: 'wait' }>,
  declined: ReadonlySet<string>,
  open: ReadonlySet<string>,
): RoutingPlan {
  if (ladder.teamAllAt !== null) {
    const all = attempt(s, now, declined, open, 'team_all');
    if (all.kind === 'offer') return all;
  }
  const tried = waiting.skipped.some((k) => k.reason === 'already_offered');
  const reason: QueueReason =
    tried && waiting.reason === 'all_busy' && !waiting.skipped.some((k) => k.reason === 'at_capacity') ? 'unanswered' : waiting.reason;
  const plan = { ...waiting, reason };
  if (ladder.alertAt === null || NOT_ESCALATED.includes(reason)) return plan;
  if (now < ladder.alertAt) return { ...plan, wakeAt: plan.wakeAt === null ? ladder.alertAt : Math.min(plan.wakeAt, ladder.alertAt) };
  return { ...plan, alertManagers: true };
}

interface StepPlan {
  step: Step;
  team: Team | null;
  candidates: RepState[];
  hours: readonly Hours[] | null;
  requires: RepRequirements | null;
  strategy: Strategy;
}

/** `only`: run that step alone (the ladder's `team_all`), else the chain in order. */
function attempt(s: RoutingSnapshot, now: number, declined: ReadonlySet<string>, tried: ReadonlySet<string>, only?: Step): RoutingPlan {
  const matched = matchRule(s.rules, s.lead);
  // A rule whose team is gone falls back rather than stranding the lead.
  const rule = matched && s.teams.has(matched.teamId) ? matched : null;
  const ref: RuleRef = rule ? { id: rule.id, name: rule.name, teamId: rule.teamId, strategy: rule.strategy } : FALLBACK_RULE;
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  let wakeAt: number | null = null;
  const ctxBase = { now, country: s.lead.country, declined, tried, talk: s.talk ?? null, callTabs: s.callTabs };

  const skip = (rep: RepState, reason: Skip['reason']) => {
    if (seen.has(rep.repId)) return;
    seen.add(rep.repId);
    skipped.push({ repId: rep.repId, name: rep.name, reason });
  };

  // A lead back from nurture goes first to the rep who had it, when they can take it now; it
  // never waits for them (the person raised a hand: the team takes it at once otherwise).
  if (s.previousOwnerId && !only) {
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
  if (s.bookedRepId && !only) {
    const booked = repsById.get(s.bookedRepId);
    if (booked) {
      const why = skipReason(booked, { ...ctxBase, hours: [], requires: null });
      if (!why) return offer(ref, 'booked_rep', null, [booked.repId], skipped, null);
      skip(booked, why);
    }
  }

  if (rule?.strategy === 'account_owner' && s.accountOwnerId && !only) {
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

  for (const step of chain(s, rule).filter((st) => (only ? st.step === only : st.step !== 'team_all'))) {
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

/**
 * The steps after the owner, each with who is considered and what they must meet. With the
 * site's order `tabs_first` the live-tab steps skip reps on their devices, who get their own
 * `device` step after them (the rule's team, then its overflow team); `with_tabs` keeps them in.
 */
function chain(s: RoutingSnapshot, rule: RoutingRule | null): StepPlan[] {
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const membersOf = (team: Team) => team.members.map((m) => repsById.get(m.repId)).filter((r): r is RepState => r !== undefined);
  const tabsFirst = (s.deviceOrder ?? 'tabs_first') === 'tabs_first';
  const tabs = (reps: RepState[]) => (tabsFirst ? reps.filter((r) => !onDevices(r)) : reps);
  const devices = (reps: RepState[]) => reps.filter(onDevices);
  if (!rule) {
    // No teams to speak of: everyone active, inside their own hours if they set any.
    const steps: StepPlan[] = [{ step: 'team', team: null, candidates: tabs(s.reps), hours: [], requires: null, strategy: 'round_robin' }];
    if (tabsFirst) steps.push({ step: 'device', team: null, candidates: devices(s.reps), hours: [], requires: null, strategy: 'round_robin' });
    return steps;
  }
  const strategy: Strategy = rule.strategy === 'account_owner' ? 'round_robin' : rule.strategy;
  const team = s.teams.get(rule.teamId)!;
  const hours = [team.hours];
  const steps: StepPlan[] = [{ step: 'team', team, candidates: tabs(membersOf(team)), hours, requires: rule.requires, strategy }];
  const overflow = rule.overflowTeamId && rule.overflowTeamId !== rule.teamId ? s.teams.get(rule.overflowTeamId) : undefined;
  if (overflow)
    steps.push({ step: 'overflow', team: overflow, candidates: tabs(membersOf(overflow)), hours: [overflow.hours], requires: rule.requires, strategy });
  // The last resort among live tabs: whoever is online and free, whatever their team or hours.
  if (rule.escalateToEveryone) steps.push({ step: 'everyone', team: null, candidates: tabs(s.reps), hours: null, requires: null, strategy: 'broadcast' });
  if (tabsFirst) {
    // Weighted passes belong to one team, so the device tier takes turns in round robin.
    const deviceStrategy: Strategy = strategy === 'broadcast' ? 'broadcast' : 'round_robin';
    steps.push({ step: 'device', team, candidates: devices(membersOf(team)), hours, requires: rule.requires, strategy: deviceStrategy });
    if (overflow)
      steps.push({
        step: 'device',
        team: overflow,
        candidates: devices(membersOf(overflow)),
        hours: [overflow.hours],
        requires: rule.requires,
        strategy: deviceStrategy,
      });
  }
  if (rule.teamAllAfterMs != null) steps.push({ step: 'team_all', team, candidates: membersOf(team), hours, requires: rule.requires, strategy: 'broadcast' });
  return steps;
}

function offer(rule: RuleRef, step: Step, teamId: string | null, repIds: string[], skipped: Skip[], pass: PassUpdate | null): RoutingPlan {
  return { kind: 'offer', rule, step, teamId, repIds, skipped, newRound: false, pass };
}

/** The most useful explanation of why nobody could take the lead. */
export function queueReason(skipped: readonly Skip[]): QueueReason {
  const reasons = new Set(skipped.map((s) => s.reason));
  // A browser call with no rep whose console can take it waits as if nobody were online.
  if (![...reasons].some((r) => r !== 'offline' && r !== 'no_call_tab')) return 'nobody_online';
  if (reasons.has('at_capacity') || reasons.has('already_offered')) return 'all_busy';
  if (reasons.has('outside_hours')) return 'out_of_hours';
  if (reasons.has('declined')) return 'all_declined';
  if (reasons.has('missing_skill') || reasons.has('missing_language') || reasons.has('outside_territory')) return 'no_match';
  return 'nobody_available';
}
