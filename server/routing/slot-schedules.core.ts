// Whose hours decide the times offered to a visitor when nobody can take the call now, and which
// reps a meeting at one of those times may be booked with.
import { requirementUnmet } from './check-eligibility.core';
import { ALWAYS_OPEN } from './hours.core';
import { teamsOfLead } from './lead-teams.core';
import { matchRule } from './match-rule.core';
import { byLeastRecentlyOffered } from './pick-rep.core';
import type { Hours, RepState, RoutingSnapshot, Team } from './routing.types';

/**
 * Who could take this lead at some later time: a member of the matched rule's team or overflow
 * team, with the rule's skills, languages and territory, who has not declined it. Presence and
 * today's load do not count (they say nothing about a later hour). Reps of other teams (reached
 * only by "everyone online", which ignores hours) never count, nor do reps the rule rules out.
 */
function laterCandidates(s: RoutingSnapshot) {
  const teams = teamsOfLead(s);
  // The rule the teams come from (none when its team is gone: routing falls back the same way).
  const rule = teams ? matchRule(s.rules, s.lead) : null;
  const declined = new Set(s.offers.filter((o) => o.status === 'declined').map((o) => o.repId));
  const couldTake = (rep: RepState) => !declined.has(rep.repId) && !(rule && requirementUnmet(rep, rule.requires, s.lead.country));
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const membersOf = (team: Team) => team.members.map((m) => repsById.get(m.repId)).filter((r) => r !== undefined);
  /** A rep's schedule: the team's hours narrowed by their own (or their own alone without teams). */
  const hoursOf = (rep: RepState, team: Team | null): Hours[] =>
    team ? (rep.ownHours ? [team.hours, rep.ownHours] : [team.hours]) : [rep.ownHours ?? ALWAYS_OPEN];
  return { teams, couldTake, membersOf, hoursOf, repsById };
}

/**
 * One schedule per rep who could take this lead (see laterCandidates): a slot is offered when one
 * of them is open for it. A team with no members yet offers its own hours.
 */
export function slotSchedules(s: RoutingSnapshot): Hours[][] {
  const { teams, couldTake, membersOf, hoursOf } = laterCandidates(s);
  const out = new Map<string, Hours[]>();
  const add = (hours: Hours[]) => out.set(JSON.stringify(hours), hours);
  if (teams) {
    for (const team of teams) {
      const members = membersOf(team);
      if (!members.length) add([team.hours]);
      for (const rep of members.filter(couldTake)) add(hoursOf(rep, team));
    }
  } else {
    for (const rep of s.reps.filter(couldTake)) add(hoursOf(rep, null));
    if (!s.reps.length) add([ALWAYS_OPEN]);
  }
  return [...out.values()];
}

/** A rep a meeting may be booked with, and the schedules they work (open in any one of them). */
export interface BookableRep {
  repId: string;
  name: string;
  schedules: Hours[][];
}

/**
 * The reps a meeting with this lead may be booked with, in the order a live offer would try
 * them: the rep who had the lead before, then its account owner (each within the rule's team
 * hours and their own, like the team), then the team and the overflow team, each least recently
 * offered first. The same people as slotSchedules, minus a team without members: a meeting needs
 * someone to hold it.
 */
export function bookableReps(s: RoutingSnapshot): BookableRep[] {
  const { teams, couldTake, membersOf, hoursOf, repsById } = laterCandidates(s);
  const out = new Map<string, BookableRep>();
  const add = (rep: RepState, hours: Hours[]) => {
    const known = out.get(rep.repId);
    if (!known) out.set(rep.repId, { repId: rep.repId, name: rep.name, schedules: [hours] });
    else if (!known.schedules.some((h) => JSON.stringify(h) === JSON.stringify(hours))) known.schedules.push(hours);
  };
  const first = teams?.[0] ?? null;
  for (const ownerId of [s.previousOwnerId, s.accountOwnerId]) {
    const owner = ownerId ? repsById.get(ownerId) : undefined;
    if (owner && couldTake(owner)) add(owner, hoursOf(owner, first));
  }
  if (teams) for (const team of teams) for (const rep of membersOf(team).filter(couldTake).sort(byLeastRecentlyOffered)) add(rep, hoursOf(rep, team));
  else for (const rep of s.reps.filter(couldTake).sort(byLeastRecentlyOffered)) add(rep, hoursOf(rep, null));
  return [...out.values()];
}
