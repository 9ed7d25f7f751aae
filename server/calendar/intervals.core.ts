// Busy times as a set: clipped to the asked range, sorted, overlapping and touching ones merged,
// so booking can test a slot against a short list.
import type { TimeRange } from './calendar-port';

/** The parts of `times` inside `range`, as sorted, disjoint intervals (touching ones joined). */
export function mergeWithin(times: readonly TimeRange[], range: TimeRange): TimeRange[] {
  const clipped = times
    .map((t) => ({ start: Math.max(t.start, range.start), end: Math.min(t.end, range.end) }))
    .filter((t) => t.end > t.start)
    .sort((a, b) => a.start - b.start);
  const merged: TimeRange[] = [];
  for (const t of clipped) {
    const last = merged[merged.length - 1];
    if (last && t.start <= last.end) last.end = Math.max(last.end, t.end);
    else merged.push({ ...t });
  }
  return merged;
}

/** Whether `a` and `b` share any instant (half-open intervals). */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether `inner` lies wholly inside `outer`. */
export function covers(outer: TimeRange, inner: TimeRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** `times` with every instant of `cut` taken out (a time cut through the middle splits in two). */
export function minus(times: readonly TimeRange[], cut: TimeRange): TimeRange[] {
  const left: TimeRange[] = [];
  for (const t of times) {
    if (!overlaps(t, cut)) left.push({ ...t });
    else {
      if (t.start < cut.start) left.push({ start: t.start, end: cut.start });
      if (cut.end < t.end) left.push({ start: cut.end, end: t.end });
    }
  }
  return left;
}
