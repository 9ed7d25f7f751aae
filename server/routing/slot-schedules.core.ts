// Whose hours decide the callback times offered to a visitor when nobody can take the call now.
import { requirementUnmet } from './check-eligibility.core';
import { ALWAYS_OPEN } from './hours.core';
import { teamsOfLead } from './lead-teams.core';
import { matchRule } from './match-rule.core';
import type { Hours, RepState, RoutingSnapshot, Team } from './routing.types';

/**
 * One schedule per rep who could take this lead: a member of the matched rule's team or overflow
 * team, with the rule's skills, languages and territory, who has not declined it. Each schedule is
 * the team's hours narrowed by the rep's own; a slot is offered when one of them is open for it.
 * Reps of other teams (reached only by "everyone online", which ignores hours) never widen the
 * times, nor do reps the rule rules out: a booked time is one the right people work. A team with
 * no members yet offers its own hours.
 */
export function slotSchedules(s: RoutingSnapshot): Hours[][] {
  const teams = teamsOfLead(s);
  // The rule the teams come from (none when its team is gone: routing falls back the same way).
  const rule = teams ? matchRule(s.rules, s.lead) : null;
  const declined = new Set(s.offers.filter((o) => o.status === 'declined').map((o) => o.repId));
  const couldTake = (rep: RepState) => !declined.has(rep.repId) && !(rule && requirementUnmet(rep, rule.requires, s.lead.country));
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const out = new Map<string, Hours[]>();
  const add = (hours: Hours[]) => out.set(JSON.stringify(hours), hours);
  const fromTeam = (team: Team) => {
    const members = team.members.map((m) => repsById.get(m.repId)).filter((r) => r !== undefined);
    if (!members.length) add([team.hours]);
    for (const rep of members.filter(couldTake)) add(rep.ownHours ? [team.hours, rep.ownHours] : [team.hours]);
  };
  if (teams) for (const team of teams) fromTeam(team);
  else {
    for (const rep of s.reps.filter(couldTake)) add(rep.ownHours ? [rep.ownHours] : [ALWAYS_OPEN]);
    if (!s.reps.length) add([ALWAYS_OPEN]);
  }
  return [...out.values()];
}
