// Small statistics for the report: percentiles of latency samples, and the median and spread of
// one figure over repeated rounds.

/** Median and spread of one figure over rounds. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Every round's value, in run order. */
  rounds: number[];
}

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Linear interpolation between closest ranks; `sorted` ascending, `p` in 0..100. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

export function spread(rounds: readonly number[]): Spread {
  const sorted = [...rounds].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN, rounds: [...rounds] };
}

/** The spread of one field across per-round records. */
export function spreadOf<T>(rounds: readonly T[], pick: (r: T) => number): Spread {
  return spread(rounds.map(pick));
}

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

export function stddev(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Rounds to a few significant digits, for JSON that people read. */
export function sig(n: number, digits = 4): number {
  if (!Number.isFinite(n) || n === 0) return n;
  return Number(n.toPrecision(digits));
}
