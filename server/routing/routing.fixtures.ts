// Builders for routing-core tests: plain data with sensible defaults, overridable per case.
import { ALWAYS_OPEN } from './hours.core';
import type { LeadFacts, RepState, RoutingRule, RoutingSnapshot, Team } from './routing.types';

export function rep(id: string, over: Partial<RepState> = {}): RepState {
  return {
    repId: id,
    name: id,
    online: true,
    chosen: 'available',
    offerCapacity: 1,
    leadCapacity: 5,
    openOffers: 0,
    activeLeads: 0,
    offerSeq: null,
    joinedAt: 0,
    skills: [],
    languages: [],
    territories: [],
    ownHours: null,
    ...over,
  };
}

export function team(id: string, repIds: string[], over: Partial<Team> = {}): Team {
  return { id, name: id, hours: ALWAYS_OPEN, vtime: 0, members: repIds.map((repId) => ({ repId, weight: 1, pass: 0 })), ...over };
}

export function rule(id: string, teamId: string, over: Partial<RoutingRule> = {}): RoutingRule {
  return {
    id,
    name: id,
    position: 1,
    conditions: [],
    teamId,
    strategy: 'round_robin',
    overflowTeamId: null,
    escalateToEveryone: false,
    requires: { skills: [], languages: [], territory: false },
    ownerWaitMs: 15_000,
    ...over,
  };
}

export function lead(over: Partial<LeadFacts> = {}): LeadFacts {
  return {
    id: 'lead',
    answers: {},
    traits: {},
    score: 0,
    country: 'US',
    companySize: null,
    source: null,
    utm: { source: null, medium: null, campaign: null },
    pageUrl: null,
    emailDomain: null,
    ...over,
  };
}

export function snapshot(over: Partial<Omit<RoutingSnapshot, 'teams'>> & { teams?: Team[] } = {}): RoutingSnapshot {
  const { teams = [], ...rest } = over;
  return {
    lead: lead(),
    hotAt: 0,
    roundStartedAt: 0,
    rules: [],
    reps: [],
    offers: [],
    accountOwnerId: null,
    previousOwnerId: null,
    ...rest,
    teams: new Map(teams.map((t) => [t.id, t])),
  };
}
