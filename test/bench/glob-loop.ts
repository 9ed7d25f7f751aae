// Figure 4's URL-glob measure: a behaviour rule's pattern at its worst (issue 14's patterns on
// paths as long as the matcher scores), beside `String.prototype.includes` over the same path,
// the cheapest scan of it there is. The regex matcher this replaced is not measured: its time
// grows exponentially with the path (49 s for `/*/*/*/*/pricing` on 600 characters).
import { globMatch, MAX_GLOB_PATH } from '../../shared/qualify/url-glob';
import { WORST_GLOBS, worstPath } from '../helpers/glob-worst';

export interface GlobRun {
  pattern: string;
  pathChars: number;
  /** Character steps the matcher counts on this path. */
  steps: number;
  matchNs: number;
  includesNs: number;
  /** Keeps the optimizer from discarding the work. */
  checksum: number;
}

/** One round: `matches` timed matches per pattern, and as many `includes` calls. */
export function runGlobs(matches: number, clock: () => number): GlobRun[] {
  return WORST_GLOBS.map((worst) => {
    const worstCase = worstPath(worst, MAX_GLOB_PATH);
    // Flat, as a URL parsed from a request body is (a string built by concatenation is a rope,
    // slower to index).
    const path: string = JSON.parse(JSON.stringify(worstCase.path));
    const { steps } = worstCase;
    // A character that is not in the path, so `includes` reads all of it.
    const needle = '#';
    let checksum = 0;
    const timed = (one: () => boolean) => {
      const t = clock();
      for (let i = 0; i < matches; i++) if (one()) checksum++;
      return ((clock() - t) * 1e6) / matches;
    };
    const matchNs = timed(() => globMatch(worst.pattern, path));
    const includesNs = timed(() => path.includes(needle));
    return { pattern: worst.pattern, pathChars: path.length, steps, matchNs, includesNs, checksum };
  });
}
