// Row <-> domain conversions both stores use (the PostgreSQL schema keeps SQLite's column names,
// so `$inferSelect` types match).
import type { LeadCard, Stage } from '../../shared/api';
import { labelledAnswers } from '../../shared/answers';
import type { Reason } from '../../shared/qualify/types';
import type { Outcome } from '../../shared/schemas/console.schema';
import type { Site, User } from './store';
import type * as schema from './schema';
import type { Cadence, Condition, Hours, RepRequirements, RepState, RoutingRule, Team } from '../routing/routing.types';
import { DEFAULT_CADENCE } from '../routing/routing-defaults';

export function toSite(row: typeof schema.sites.$inferSelect): Site {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    siteKey: row.siteKey,
    allowedOrigins: JSON.parse(row.allowedOrigins) as string[],
    rules: JSON.parse(row.rules),
    launcherText: row.launcherText,
    phoneRegion: row.phoneRegion,
    offerTimeoutMs: row.offerTimeoutMs,
    slaMs: row.slaMs,
    missedOffersBeforeAway: row.missedOffersBeforeAway,
    followUpCadence: parseJson<Cadence>(row.followUpCadence, DEFAULT_CADENCE),
    deviceTimeoutMs: row.deviceTimeoutMs,
    deviceOrder: row.deviceOrder,
  };
}

export function toUser(row: typeof schema.users.$inferSelect, workspace: { name: string; currency: string }): User {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    workspaceName: workspace.name,
    currency: workspace.currency,
    email: row.email,
    name: row.name,
    role: row.role,
    passwordHash: row.passwordHash,
    active: row.active,
    presence: row.presence,
    awayReason: row.awayReason,
  };
}

export function toRepState(row: typeof schema.users.$inferSelect, counts: { openOffers: number; activeLeads: number }, online: boolean): RepState {
  return {
    repId: row.id,
    name: row.name,
    online,
    chosen: row.presence,
    offerCapacity: row.offerCapacity,
    leadCapacity: row.leadCapacity,
    openOffers: counts.openOffers,
    activeLeads: counts.activeLeads,
    offerSeq: row.offerSeq,
    joinedAt: row.createdAt,
    skills: parseJson<string[]>(row.skills, []),
    languages: parseJson<string[]>(row.languages, []),
    territories: parseJson<string[]>(row.territories, []),
    ownHours: row.ownHours ? parseJson<Hours | null>(row.ownHours, null) : null,
  };
}

export function toTeam(row: typeof schema.teams.$inferSelect, members: Array<typeof schema.teamMembers.$inferSelect>): Team {
  return {
    id: row.id,
    name: row.name,
    hours: JSON.parse(row.hours) as Hours,
    vtime: row.vtime,
    members: members.map((m) => ({ repId: m.repId, weight: m.weight, pass: m.pass })),
  };
}

const NO_REQUIREMENTS: RepRequirements = { skills: [], languages: [], territory: false };

export function toRule(row: typeof schema.routingRules.$inferSelect): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    conditions: parseJson<Condition[]>(row.conditions, []),
    teamId: row.teamId,
    strategy: row.strategy,
    overflowTeamId: row.overflowTeamId,
    escalateToEveryone: row.escalateToEveryone,
    requires: { ...NO_REQUIREMENTS, ...parseJson<Partial<RepRequirements>>(row.requires, {}) },
    ownerWaitMs: row.ownerWaitMs,
    teamAllAfterMs: row.teamAllAfterMs,
    alertManagers: row.alertManagers,
  };
}

/** Stored JSON written by this store; a damaged value falls back rather than failing routing. */
export function parseJson<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function toLeadCard(
  lead: typeof schema.leads.$inferSelect,
  site: Site,
  events: Array<{ at: number; kind: string; text: string }>,
  ownerName: string | null,
): LeadCard {
  const answers = JSON.parse(lead.answers) as Record<string, string>;
  const reasons = JSON.parse(lead.reasons) as Reason[];
  return {
    id: lead.id,
    name: lead.name,
    phone: lead.phone,
    ...(lead.talk === 'browser' ? { talk: 'browser' as const } : {}),
    email: lead.email,
    siteName: site.name,
    pageUrl: lead.pageUrl,
    stage: lead.stage as Stage,
    answers: labelledAnswers(site.rules.questions, answers).map(({ question, answer }) => ({ question, answer })),
    qualification: {
      fit: {
        status: lead.fit as LeadCard['qualification']['fit']['status'],
        ...(lead.fitReason ? { reason: lead.fitReason } : {}),
        missing: [],
      },
      score: lead.score,
      hot: lead.hot,
      mql: lead.mql,
      rulesVersion: lead.rulesVersion,
      reasons,
    },
    timeline: events,
    capturedAt: lead.capturedAt,
    acceptedAt: lead.acceptedAt,
    firstCallAt: lead.firstCallAt,
    outcome: lead.outcome as Outcome | null,
    ownerName,
  };
}
