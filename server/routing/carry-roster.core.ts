// A workspace's reps and teams as a routing snapshot reads them, carried from one decision to the
// next inside one transaction: a burst of captures (or a workspace's waiting leads) is decided in
// turn against the roster the previous decision left, without re-reading and recounting every rep
// of the workspace for each lead. Only what a plan writes about reps is carried; a plan that
// changes anything else a roster holds (a lead taken, owned or closed) makes the caller read again.
import type { LeadPlan } from './lead-plan';
import type { RepState, Team } from './routing.types';

export interface Roster {
  reps: RepState[];
  teams: ReadonlyMap<string, Team>;
}

/** The roster after `plan` was executed, or null when it cannot be carried (read it again). */
export function carryRoster(roster: Roster, plan: LeadPlan): Roster | null {
  const lead = plan.lead ?? {};
  // Ownership, outcomes and taken offers change active leads and open offers in ways only the rows know.
  if (plan.takeOpenOffers || lead.ownerId !== undefined || lead.outcome !== undefined || lead.routing === 'owned') return null;
  const offered = new Map<string, number>();
  for (const o of plan.offers ?? []) offered.set(o.repId, (offered.get(o.repId) ?? 0) + 1);
  const writes = new Map((plan.reps ?? []).map((w) => [w.repId, w]));
  const reps = roster.reps.map((r) => {
    const w = writes.get(r.repId);
    const more = offered.get(r.repId) ?? 0;
    if (!w && !more) return r;
    return {
      ...r,
      openOffers: r.openOffers + more,
      ...(w?.kind === 'offered' ? { offerSeq: w.seq } : {}),
      ...(w?.kind === 'away' ? { chosen: 'away' as const } : {}),
    };
  });
  const pass = plan.pass;
  if (!pass) return { reps, teams: roster.teams };
  const teams = new Map(roster.teams);
  const team = teams.get(pass.teamId);
  if (team) {
    teams.set(team.id, {
      ...team,
      vtime: pass.vtime,
      members: team.members.map((m) => (m.repId === pass.repId ? { ...m, pass: pass.pass } : m)),
    });
  }
  return { reps, teams };
}
