// Whose hours decide the callback times offered to a visitor when nobody can take the call now.
import { ALWAYS_OPEN } from './hours.core';
import { teamsOfLead } from './lead-teams.core';
import type { Hours, RoutingSnapshot, Team } from './routing.types';

/**
 * One schedule per rep who could take this lead (the rule's team and overflow team): the team's
 * hours narrowed by the rep's own. A slot is offered when at least one schedule is open for it.
 */
export function slotSchedules(s: RoutingSnapshot): Hours[][] {
  const repsById = new Map(s.reps.map((r) => [r.repId, r]));
  const out = new Map<string, Hours[]>();
  const add = (hours: Hours[]) => out.set(JSON.stringify(hours), hours);
  const fromTeam = (team: Team) => {
    const members = team.members.map((m) => repsById.get(m.repId)).filter((r) => r !== undefined);
    if (!members.length) add([team.hours]);
    for (const rep of members) add(rep.ownHours ? [team.hours, rep.ownHours] : [team.hours]);
  };
  const teams = teamsOfLead(s);
  if (teams) for (const team of teams) fromTeam(team);
  else {
    for (const rep of s.reps) add(rep.ownHours ? [rep.ownHours] : [ALWAYS_OPEN]);
    if (!s.reps.length) add([ALWAYS_OPEN]);
  }
  return [...out.values()];
}
