// A behaviour rule's URL pattern (`*` = any run of characters, nothing else special) matched
// against a URL path without a regular expression: a pattern compiled to a backtracking regex
// took seconds on crafted paths and stalled every workspace (issue 14). Here each literal part
// between stars is found leftmost-first with Knuth-Morris-Pratt, which never steps back in the
// path, so the work is at most 2·(path + pattern) character steps whatever the pattern.

/**
 * Most `*` in one pattern. The work does not depend on it; it keeps patterns ones a person can
 * read. The rules schema refuses more, and a pattern saved before that scores nothing.
 */
export const MAX_GLOB_STARS = 8;
/**
 * Longest path (with its query) scored against a pattern; a longer one matches no pattern rather
 * than a truncated prefix of it, which could match `/pricing*` but never `*.pdf`. Events carry
 * URLs of at most 2,000 characters, so only data from elsewhere is ever this long.
 */
export const MAX_GLOB_PATH = 2048;

/** Characters stepped over, for tests and the benchmark to see the work grow linearly. */
export interface GlobSteps {
  steps: number;
}

export function globMatch(pattern: string, path: string, count: GlobSteps = { steps: 0 }): boolean {
  const parts = pattern.split('*');
  const last = parts.length - 1;
  if (last > MAX_GLOB_STARS || path.length > MAX_GLOB_PATH) return false;
  if (!last) return pattern === path;
  const head = parts[0]!;
  const tail = parts[last]!;
  const end = path.length - tail.length;
  count.steps += head.length + tail.length;
  if (end < head.length || !path.startsWith(head) || !path.endsWith(tail)) return false;
  // Leftmost placement of each middle part leaves the most room for the rest, so it is enough.
  let at = head.length;
  for (let i = 1; i < last && at >= 0; i++) at = endOf(parts[i]!, path, at, end, count);
  return at >= 0;
}

/** Index just past the leftmost `part` inside path[from, end), or -1. */
function endOf(part: string, path: string, from: number, end: number, count: GlobSteps): number {
  // fail[i]: length of the longest proper prefix of part[0..i] that is also its suffix. Falling
  // back along it instead of re-reading the path is what keeps the search linear.
  const fail = [0];
  let steps = 0;
  let k = 0;
  for (let i = 1; i < part.length; i++, steps++) {
    const c = part.charCodeAt(i);
    for (; k && c !== part.charCodeAt(k); steps++) k = fail[k - 1]!;
    if (c === part.charCodeAt(k)) k++;
    fail[i] = k;
  }
  let i = from;
  for (k = 0; k < part.length && i < end; i++, steps++) {
    const c = path.charCodeAt(i);
    for (; k && c !== part.charCodeAt(k); steps++) k = fail[k - 1]!;
    if (c === part.charCodeAt(k)) k++;
  }
  count.steps += steps;
  return k === part.length ? i : -1;
}
