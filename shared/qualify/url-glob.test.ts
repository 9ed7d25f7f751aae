import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, MAX_GLOB_PATH, MAX_GLOB_STARS } from './url-glob';

/** The definition, by exhaustive recursion: exponential, so only for small inputs. */
function reference(pattern: string, path: string): boolean {
  if (pattern === '') return path === '';
  if (pattern[0] === '*') return reference(pattern.slice(1), path) || (path !== '' && reference(pattern, path.slice(1)));
  return path !== '' && pattern[0] === path[0] && reference(pattern.slice(1), path.slice(1));
}

// A small alphabet makes near-misses, repeats and overlapping parts common.
const path = fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 14 });
const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*'), maxLength: 10 });
const stars = (p: string) => p.split('*').length - 1;

describe('globMatch', () => {
  it('agrees with the recursive definition on small inputs', () => {
    fc.assert(
      fc.property(pattern, path, (p, t) => {
        expect(globMatch(p, t)).toBe(stars(p) <= MAX_GLOB_STARS && reference(p, t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on paths built to match (a pattern with its stars filled in)', () => {
    fc.assert(
      fc.property(pattern, fc.array(path, { minLength: 11, maxLength: 11 }), (p, fills) => {
        const t = p.split('*').reduce((acc, part, i) => acc + fills[i - 1]! + part);
        expect(globMatch(p, t)).toBe(stars(p) <= MAX_GLOB_STARS);
      }),
    );
  });

  it('matches what the rules editor promises', () => {
    expect(globMatch('/pricing*', '/pricing/team?ref=1')).toBe(true);
    expect(globMatch('/pricing', '/pricing?ref=1')).toBe(false);
    expect(globMatch('/blog/*/comments', '/blog/a/b/comments')).toBe(true);
    expect(globMatch('*.pdf', '/files/menu.pdf')).toBe(true);
    expect(globMatch('/a*a', '/a')).toBe(false);
    expect(globMatch('/*.*', '/a.b')).toBe(true);
    expect(globMatch('/(a+)+$[', '/(a+)+$[')).toBe(true);
  });

  it('scores nothing past its limits: too many stars, or a path longer than it reads', () => {
    expect(globMatch('*'.repeat(MAX_GLOB_STARS), '/x')).toBe(true);
    expect(globMatch('*'.repeat(MAX_GLOB_STARS + 1), '/x')).toBe(false);
    expect(globMatch('/*', `/${'x'.repeat(MAX_GLOB_PATH - 1)}`)).toBe(true);
    expect(globMatch('/*', `/${'x'.repeat(MAX_GLOB_PATH)}`)).toBe(false);
  });
});
