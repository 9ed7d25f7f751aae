// Small distribution helpers for the reports. Percentiles use the nearest-rank method, so a
// report's figures can be recomputed by hand from the listed values.

export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The numbers in ascending order, sorted as numbers in place of a comparator (far faster at 100,000 values). */
export function sortedNumbers(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}
