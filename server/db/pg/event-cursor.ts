// Where the webhook fan-out may move a source's cursor on PostgreSQL. A bigserial id is taken
// when a row is inserted, not when it commits, so a row with a lower id can become visible after
// higher ones were read (SQLite's single writer never does this). A cursor that jumped over such
// a gap would lose that event for good. So the cursor stops below the first missing id; rows read
// past it are remembered as done; a gap is given up (a rolled-back or erased row) only after
// every missing id in it has been missing for `settleMs`. Pure: the caller stores the state.

/** Past gaps: since when ids below `upTo` have been missing, and the ids above the cursor already fanned out. */
export interface GapMark {
  since: number;
  upTo: number;
  done: number[];
}

export interface CursorState {
  cursor: number;
  gap: GapMark | null;
}

/** The ids read (ascending, all above the cursor) that were not fanned out on an earlier pass. */
export function notYetFannedOut(state: CursorState, ids: readonly number[]): number[] {
  const done = new Set(state.gap?.done ?? []);
  return ids.filter((id) => !done.has(id));
}

/**
 * The state after fanning out `ids` (ascending, above `state.cursor`). Ids are handed out in
 * increasing order, so an id missing below one that was visible when `gap.since` was set had been
 * handed out by then: once `settleMs` have passed, its transaction is over without it.
 */
export function advanceCursor(state: CursorState, ids: readonly number[], now: number, settleMs: number): CursorState {
  let cursor = state.cursor;
  const settled = state.gap !== null && now - state.gap.since >= settleMs;
  for (const id of ids) {
    if (id === cursor + 1 || (settled && id <= state.gap!.upTo)) {
      cursor = id;
      continue;
    }
    const done = ids.filter((x) => x > cursor);
    // The same gap as before keeps its age; a new one (or what is left past a given-up one) starts now.
    const same = state.gap !== null && !settled && cursor + 1 < state.gap.upTo;
    return { cursor, gap: same ? { since: state.gap!.since, upTo: state.gap!.upTo, done } : { since: now, upTo: ids[ids.length - 1]!, done } };
  }
  return { cursor, gap: null };
}
