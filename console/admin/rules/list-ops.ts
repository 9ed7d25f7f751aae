// Immutable edits of the editor's lists. Pure.

export function replaceAt<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, j) => (j === i ? item : x));
}

export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

/** Moves item `i` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export function move<T>(list: readonly T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The DOM id of the control for a rules field path (`behaviour.2.points` -> `r-behaviour-2-points`). */
export function fieldId(path: string): string {
  return `r-${path.replace(/\./g, '-')}`;
}
