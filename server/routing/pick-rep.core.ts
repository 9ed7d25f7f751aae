// Strategies that pick one rep among the eligible: strict round robin and weighted.
import type { PassUpdate, RepState, Team } from './routing.types';

/**
 * Least recently offered first; never-offered reps first, by join order, then by id, so the
 * order is total and deterministic (never random, also on first use).
 */
export function byLeastRecentlyOffered(a: RepState, b: RepState): number {
  const sa = a.offerSeq ?? -Infinity;
  const sb = b.offerSeq ?? -Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.joinedAt !== b.joinedAt) return a.joinedAt - b.joinedAt;
  return a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0;
}

/**
 * Round robin that stays fair when people come and go: whoever waited longest since their last
 * offer goes next, among those eligible now; a rep returning from a break is not owed a burst.
 */
export function pickRoundRobin(eligible: readonly RepState[]): RepState | null {
  return [...eligible].sort(byLeastRecentlyOffered)[0] ?? null;
}

/** Stride of weight 1; divisible by 1..16 so common weights give exact integer strides. */
export const STRIDE = 720_720;

/**
 * Weighted round robin by stride scheduling: each rep has a pass; the lowest goes next and
 * advances by STRIDE / weight, so over time shares follow the weights exactly. A rep whose pass
 * fell behind the team's virtual time (they were away) is lifted to it, so coming back earns a
 * turn, not a burst.
 */
export function pickWeighted(eligible: readonly RepState[], team: Team): { rep: RepState; pass: PassUpdate } | null {
  let best: { rep: RepState; effective: number; weight: number } | null = null;
  for (const rep of eligible) {
    const member = team.members.find((m) => m.repId === rep.repId);
    const weight = Math.max(1, member?.weight ?? 1);
    const effective = Math.max(member?.pass ?? 0, team.vtime);
    if (!best || effective < best.effective || (effective === best.effective && byLeastRecentlyOffered(rep, best.rep) < 0)) {
      best = { rep, effective, weight };
    }
  }
  if (!best) return null;
  return {
    rep: best.rep,
    pass: { teamId: team.id, vtime: best.effective, repId: best.rep.repId, pass: best.effective + Math.round(STRIDE / best.weight) },
  };
}
