// Whose reps a lead may be offered to: the teams of the routing rule it falls under. Both the
// callback times a visitor is offered and the "Upcoming" list of booked callbacks follow it.
import { matchRule } from './match-rule.core';
import type { RoutingSnapshot, Team } from './routing.types';

/**
 * The rule's team, then its overflow team (when there is one), in that order; null when no rule
 * matches (or its team is gone): then everyone in the workspace, as routing falls back to them.
 */
export function teamsOfLead(s: Pick<RoutingSnapshot, 'rules' | 'lead' | 'teams'>): Team[] | null {
  const rule = matchRule(s.rules, s.lead);
  const team = rule ? s.teams.get(rule.teamId) : undefined;
  if (!rule || !team) return null;
  const overflow = rule.overflowTeamId && rule.overflowTeamId !== rule.teamId ? s.teams.get(rule.overflowTeamId) : undefined;
  return overflow ? [team, overflow] : [team];
}
