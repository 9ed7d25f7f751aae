// Row values both dialects write for workspaces, sites, routing rules, teams, reps and account
// owners. Pure: the SQLite and PostgreSQL tables share their TypeScript column names, so one
// builder serves both and the two stores cannot drift in what they store.
import type { NewRulePlan, planNewRule } from '../routing/place-new-rule.core';
import type { Condition } from '../routing/routing.types';
import type { SiteRouting } from '../../shared/console-api';
import type { NewRoutingRule, NewTeam, NewWorkspace, RepSettings, RepSettingsView, Site } from './store';
import type * as t from './schema';

/** A new site's row (createSite, and each site of createWorkspace). */
export function siteRow(id: string, workspaceId: string, s: Omit<Site, 'id' | 'workspaceId'>, now: number) {
  return {
    id,
    workspaceId,
    name: s.name,
    siteKey: s.siteKey,
    allowedOrigins: JSON.stringify(s.allowedOrigins),
    rules: JSON.stringify(s.rules),
    launcherText: s.launcherText,
    phoneRegion: s.phoneRegion,
    offerTimeoutMs: s.offerTimeoutMs,
    slaMs: s.slaMs,
    missedOffersBeforeAway: s.missedOffersBeforeAway,
    followUpCadence: JSON.stringify(s.followUpCadence),
    deviceTimeoutMs: s.deviceTimeoutMs,
    deviceOrder: s.deviceOrder,
    createdAt: now,
  };
}

/** A new user's row; `order` is their place in the list, so each gets a distinct join time and round robin's first-use order is stable. */
export function userRow(id: string, workspaceId: string, u: NewWorkspace['users'][number], order: number, now: number) {
  return { id, workspaceId, ...u, email: u.email.toLowerCase(), createdAt: now + order };
}

/** The columns a (partial) routing rule sets; fields left undefined are left alone. */
export function ruleColumns(r: Partial<NewRoutingRule>) {
  return {
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...(r.conditions !== undefined ? { conditions: JSON.stringify(r.conditions) } : {}),
    ...(r.teamId !== undefined ? { teamId: r.teamId } : {}),
    ...(r.strategy !== undefined ? { strategy: r.strategy } : {}),
    ...(r.overflowTeamId !== undefined ? { overflowTeamId: r.overflowTeamId } : {}),
    ...(r.escalateToEveryone !== undefined ? { escalateToEveryone: r.escalateToEveryone } : {}),
    ...(r.requires !== undefined ? { requires: JSON.stringify({ skills: [], languages: [], territory: false, ...r.requires }) } : {}),
    ...(r.ownerWaitMs !== undefined ? { ownerWaitMs: r.ownerWaitMs } : {}),
    ...(r.teamAllAfterMs !== undefined ? { teamAllAfterMs: r.teamAllAfterMs } : {}),
    ...(r.alertManagers !== undefined ? { alertManagers: r.alertManagers } : {}),
  };
}

/** Where a new rule goes among the site's stored rules (rows in position order), as `place` (planNewRule, from the store's rules) decides. */
export function planRuleInsert(
  rows: ReadonlyArray<{ id: string; position: number; conditions: string }>,
  rule: NewRoutingRule,
  place: typeof planNewRule,
): NewRulePlan {
  return place(
    rows.map((r) => ({ id: r.id, position: r.position, conditions: JSON.parse(r.conditions) as Condition[] })),
    rule.conditions,
  );
}

/** A new routing rule's row at the position its plan gave it. */
export function ruleRow(id: string, workspaceId: string, siteId: string, position: number, rule: NewRoutingRule, now: number) {
  return {
    id,
    workspaceId,
    siteId,
    position,
    name: rule.name,
    conditions: JSON.stringify(rule.conditions),
    teamId: rule.teamId,
    strategy: rule.strategy,
    createdAt: now,
    ...ruleColumns({
      overflowTeamId: rule.overflowTeamId,
      escalateToEveryone: rule.escalateToEveryone,
      requires: rule.requires,
      ownerWaitMs: rule.ownerWaitMs,
      teamAllAfterMs: rule.teamAllAfterMs,
      alertManagers: rule.alertManagers,
    }),
  };
}

/** The columns a team patch sets. */
export function teamColumns(patch: Partial<Pick<NewTeam, 'name' | 'hours'>>) {
  return { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.hours !== undefined ? { hours: JSON.stringify(patch.hours) } : {}) };
}

/** A member's weight in weighted routing: at least 1, 1 when not given. */
export const memberWeight = (m: { weight?: number }) => Math.max(1, m.weight ?? 1);

/** The columns a rep-settings patch sets (capacities at least 1, territories upper case). */
export function repColumns(patch: Partial<RepSettings>) {
  return {
    ...(patch.offerCapacity !== undefined ? { offerCapacity: Math.max(1, patch.offerCapacity) } : {}),
    ...(patch.leadCapacity !== undefined ? { leadCapacity: Math.max(1, patch.leadCapacity) } : {}),
    ...(patch.skills !== undefined ? { skills: JSON.stringify(patch.skills) } : {}),
    ...(patch.languages !== undefined ? { languages: JSON.stringify(patch.languages) } : {}),
    ...(patch.territories !== undefined ? { territories: JSON.stringify(patch.territories.map((c) => c.toUpperCase())) } : {}),
    ...(patch.ownHours !== undefined ? { ownHours: patch.ownHours ? JSON.stringify(patch.ownHours) : null } : {}),
  };
}

/** A user row as the console's Reps page shows it. */
export function toRepSettingsView(u: typeof t.users.$inferSelect): RepSettingsView {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    offerCapacity: u.offerCapacity,
    leadCapacity: u.leadCapacity,
    skills: JSON.parse(u.skills),
    languages: JSON.parse(u.languages),
    territories: JSON.parse(u.territories),
    ownHours: u.ownHours ? JSON.parse(u.ownHours) : null,
  };
}

/** The columns a site-routing patch sets. */
export function siteRoutingColumns(patch: Partial<SiteRouting>) {
  return {
    ...(patch.offerTimeoutMs !== undefined ? { offerTimeoutMs: patch.offerTimeoutMs } : {}),
    ...(patch.slaMs !== undefined ? { slaMs: patch.slaMs } : {}),
    ...(patch.missedOffersBeforeAway !== undefined ? { missedOffersBeforeAway: patch.missedOffersBeforeAway } : {}),
    ...(patch.followUpCadence !== undefined ? { followUpCadence: JSON.stringify(patch.followUpCadence) } : {}),
    ...(patch.deviceTimeoutMs !== undefined ? { deviceTimeoutMs: patch.deviceTimeoutMs } : {}),
    ...(patch.deviceOrder !== undefined ? { deviceOrder: patch.deviceOrder } : {}),
  };
}

/** How account-owner domains are stored: `@Acme.com ` -> `acme.com`. */
export const ownerDomain = (raw: string) => raw.trim().toLowerCase().replace(/^@/, '');
