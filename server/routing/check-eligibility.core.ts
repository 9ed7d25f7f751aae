// Why a rep cannot be offered a lead right now (or null when they can).
import { atCapacity } from './derive-presence.core';
import { isOpenAllAt } from './hours.core';
import type { TalkMode } from '../../shared/schemas/call.schema';
import type { Hours, RepRequirements, RepState, SkipReason } from './routing.types';
import { canTakeCall } from './take-call.core';

export interface EligibilityContext {
  now: number;
  /** Hours the rep must be inside (their own hours are added); null = hours are not checked. */
  hours: readonly Hours[] | null;
  /** Null = skills, languages and territory are not checked. */
  requires: RepRequirements | null;
  country: string | null;
  /** Reps who declined this lead: never offered it again. */
  declined: ReadonlySet<string>;
  /** Reps offered this lead in the current round. */
  tried: ReadonlySet<string>;
  /** How the visitor asked to talk (null: a phone callback) and who has a tab that can take a browser call. */
  talk?: TalkMode | null;
  callTabs?: ReadonlySet<string>;
}

const NO_CALL_TABS: ReadonlySet<string> = new Set();

/** The checks run in this order, so the trail names the first reason that applies. */
export function skipReason(rep: RepState, ctx: EligibilityContext): SkipReason | null {
  // A rep on their devices needs no live tab: push reaches them.
  if (!rep.online && rep.chosen !== 'devices') return 'offline';
  if (rep.chosen === 'away') return 'away';
  if (!canTakeCall(rep, ctx.talk ?? null, ctx.callTabs ?? NO_CALL_TABS)) return 'no_call_tab';
  if (ctx.declined.has(rep.repId)) return 'declined';
  if (ctx.tried.has(rep.repId)) return 'already_offered';
  if (ctx.hours && !isOpenAllAt(effectiveHours(rep, ctx.hours), ctx.now)) return 'outside_hours';
  const unmet = ctx.requires && requirementUnmet(rep, ctx.requires, ctx.country);
  if (unmet) return unmet;
  if (atCapacity(rep)) return 'at_capacity';
  return null;
}

/** What a rule asks of a rep whatever the hour or their load: skills, languages, territory. */
export function requirementUnmet(
  rep: Pick<RepState, 'skills' | 'languages' | 'territories'>,
  requires: RepRequirements,
  country: string | null,
): SkipReason | null {
  if (!hasAll(rep.skills, requires.skills)) return 'missing_skill';
  if (!hasAll(rep.languages, requires.languages)) return 'missing_language';
  if (requires.territory && country && !covers(rep.territories, country)) return 'outside_territory';
  return null;
}

/** A team's hours narrowed by the rep's own. */
export function effectiveHours(rep: Pick<RepState, 'ownHours'>, hours: readonly Hours[]): Hours[] {
  return rep.ownHours ? [...hours, rep.ownHours] : [...hours];
}

function hasAll(have: readonly string[], need: readonly string[]): boolean {
  return need.every((n) => have.some((h) => h.toLowerCase() === n.toLowerCase()));
}

/** Territories are country codes; `*` covers every country. */
function covers(territories: readonly string[], country: string): boolean {
  return territories.some((t) => t === '*' || t.toUpperCase() === country.toUpperCase());
}
