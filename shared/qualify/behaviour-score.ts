// Behaviour points, kept as a small incremental state per visitor so scoring one new event is
// O(rules), not O(history): each rule keeps its decayed sum at a reference time. Exponential
// decay lets the whole sum be aged at once: S(t) = S(ref) * 2^-((t - ref) / halfLife).
import type { BehaviourRule, SiteRules } from '../site-rules';
import type { BehaviourEvent, Reason } from './types';
import { globMatch } from './url-glob';

const DAY_MS = 24 * 3600 * 1000;

export interface RuleTally {
  /** Occurrences counted. */
  n: number;
  /** Decayed points at `ref` (for `each` rules). */
  sum: number;
  ref: number;
  /** Latest occurrence (for `once` rules). */
  last: number;
}

export interface BehaviourState {
  /** Rules version the tallies were built with; another version means rebuild from history. */
  version: number;
  tallies: Record<string, RuleTally>;
  /** First hand-raise event name seen, if any. */
  handRaise: string | null;
}

export function emptyBehaviourState(version: number): BehaviourState {
  return { version, tallies: {}, handRaise: null };
}

/** Folds events into the state (a copy; the input is not changed). */
export function applyEvents(state: BehaviourState, rules: SiteRules, events: readonly BehaviourEvent[]): BehaviourState {
  const next: BehaviourState = { version: state.version, tallies: { ...state.tallies }, handRaise: state.handRaise };
  const halfLife = halfLifeMs(rules);
  for (const e of events) {
    if (next.handRaise === null && e.name !== undefined && rules.handRaiseEvents.includes(e.name)) next.handRaise = e.name;
    for (const rule of rules.behaviour) {
      if (!matchesRule(rule, e)) continue;
      const t = next.tallies[rule.id];
      next.tallies[rule.id] = t ? addOccurrence(t, rule.points, e.at, halfLife) : { n: 1, sum: rule.points, ref: e.at, last: e.at };
    }
  }
  return next;
}

function addOccurrence(t: RuleTally, points: number, at: number, halfLife: number): RuleTally {
  // Events may arrive slightly out of order: age whichever side is older to the newer time.
  if (at >= t.ref) return { n: t.n + 1, sum: t.sum * decay(at - t.ref, halfLife) + points, ref: at, last: Math.max(t.last, at) };
  return { n: t.n + 1, sum: t.sum + points * decay(t.ref - at, halfLife), ref: t.ref, last: t.last };
}

/** Each rule's contribution at `now`, as reasons (rounded points; zero-point rules omitted). */
export function behaviourReasons(state: BehaviourState, rules: SiteRules, now: number): Reason[] {
  const halfLife = halfLifeMs(rules);
  const reasons: Reason[] = [];
  for (const rule of rules.behaviour) {
    const t = state.tallies[rule.id];
    if (!t) continue;
    const raw = rule.count === 'once' ? rule.points * decay(now - t.last, halfLife) : t.sum * decay(now - t.ref, halfLife);
    const points = Math.round(rule.cap !== undefined ? Math.min(rule.cap, raw) : raw);
    if (points === 0 && rule.points !== 0) continue;
    reasons.push({ source: `behaviour:${rule.id}`, text: `${rule.label}${t.n > 1 && rule.count !== 'once' ? ` x${t.n}` : ''}`, points });
  }
  return reasons;
}

export function matchesRule(rule: BehaviourRule, event: BehaviourEvent): boolean {
  if (rule.type !== event.type) return false;
  if (rule.name !== undefined && rule.name !== event.name) return false;
  const url = event.url ?? '';
  if (rule.urlContains !== undefined && !url.includes(rule.urlContains)) return false;
  if (rule.urlPattern !== undefined && !globMatch(rule.urlPattern, pathOf(url))) return false;
  return true;
}

function halfLifeMs(rules: SiteRules): number {
  return rules.decayHalfLifeDays && rules.decayHalfLifeDays > 0 ? rules.decayHalfLifeDays * DAY_MS : 0;
}

/** 2^-(age/halfLife); no decay without a half-life, and never growth for negative ages. */
function decay(age: number, halfLife: number): number {
  if (halfLife === 0 || age <= 0) return 1;
  return Math.pow(2, -age / halfLife);
}

function pathOf(url: string): string {
  const start = url.indexOf('://');
  if (start < 0) return url;
  const slash = url.indexOf('/', start + 3);
  return slash < 0 ? '/' : url.slice(slash);
}
