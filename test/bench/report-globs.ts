// Figure 4's URL-pattern measure in the report: a behaviour rule's pattern at its worst.
import type { GlobCase } from './figures/scoring';
import { num, sp } from './report-format';

/** A long pattern shortened for a table cell (`/*aaaa…ab*` stays recognisable). */
export function shortPattern(pattern: string): string {
  return pattern.length <= 24 ? pattern : `${pattern.slice(0, 8)}…${pattern.slice(-4)} (${pattern.length} chars)`;
}

export function globSection(globs: readonly GlobCase[], matches: number): string {
  const rows = globs.map(
    (g) => `| \`${shortPattern(g.pattern)}\` | ${num(g.pathChars)} | ${num(g.steps)} | ${sp(g.matchNs, 'ns')} | ${sp(g.includesNs, 'ns')} |`,
  );
  return `#### URL patterns at their worst

A behaviour rule's URL pattern is matched without a regular expression
(\`shared/qualify/url-glob.ts\`): its work is at most 2·(path + pattern) character steps. Each
pattern of issue 14 (and a long literal after a star, the case a two-pointer matcher loses on) is
matched ${num(matches)} times per round against the path, of the longest length scored, on which
the matcher counts the most steps (\`test/helpers/glob-worst.ts\`), in Node. The baseline is
\`String.prototype.includes\` scanning the same path for a needle that is not in it. The regex
matcher this replaced is not measured: its time grew exponentially with the path (49 s for
\`/*/*/*/*/pricing\` against 600 characters).

| Pattern | Path chars | Steps | Match | \`includes\` over the path |
| --- | --- | --- | --- | --- |
${rows.join('\n')}`;
}
