// Small distribution helpers for the reports. Percentiles use the nearest-rank method, so a
// report's figures can be recomputed by hand from the listed values.

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
