// The behaviour-rule URL patterns of issue 14 at their worst, for the step-count test and the
// benchmark: the paths that made the old regex backtrack, and paths that make the matcher scan
// the most. No Node imports: the benchmark's worker runs it as it is.
import { globMatch } from '../../shared/qualify/url-glob';

export interface WorstGlob {
  pattern: string;
  /** Paths of `n` characters. */
  paths: Array<(n: number) => string>;
}

export const WORST_GLOBS: WorstGlob[] = [
  {
    pattern: '/*a*a*a*a*b',
    paths: [(n) => `/${'a'.repeat(n - 1)}`, (n) => `/${'x'.repeat(n - 2)}b`, (n) => `/aaa${'x'.repeat(n - 5)}b`],
  },
  {
    pattern: '/*/*/*/pricing',
    paths: [(n) => '/'.repeat(n), (n) => `/${'x'.repeat(n - 9)}/pricing`, (n) => `${'/'.repeat(n - 7)}pricing`],
  },
  {
    pattern: '/*/*/*/*/pricing',
    paths: [(n) => '/'.repeat(n), (n) => `/${'x'.repeat(n - 9)}/pricing`, (n) => `${'/'.repeat(n - 7)}pricing`],
  },
  // Not in the report: a long literal after a star, where a backtracking-free two-pointer
  // matcher still does path × literal steps (about a million at 2,048 characters).
  { pattern: `/*${'a'.repeat(400)}b*`, paths: [(n) => `/${'a'.repeat(n - 1)}`] },
];

/** Steps the matcher takes on a path. */
export function globSteps(pattern: string, path: string): number {
  const count = { steps: 0 };
  globMatch(pattern, path, count);
  return count.steps;
}

/** Of a pattern's worst paths of `n` characters, the one that costs the matcher the most steps. */
export function worstPath({ pattern, paths }: WorstGlob, n: number): { path: string; steps: number } {
  return paths.map((make) => ({ path: make(n), steps: globSteps(pattern, make(n)) })).reduce((a, b) => (b.steps > a.steps ? b : a));
}
