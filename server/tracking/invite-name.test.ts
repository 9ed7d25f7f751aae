import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inviteName } from './invite-name';

describe('the name an invitation shows', () => {
  it('is the first listed rep who is online, by first name', () => {
    const reps = [
      { id: 'a', name: 'Sam Ortiz' },
      { id: 'b', name: 'Dana Reyes' },
      { id: 'c', name: 'Tom' },
    ];
    expect(inviteName(reps, new Set(['b', 'c']))).toBe('Dana');
    expect(inviteName(reps, new Set(['c']))).toBe('Tom');
    expect(inviteName(reps, new Set(['x']))).toBeNull();
    expect(inviteName([], new Set(['a']))).toBeNull();
  });

  it('names somebody exactly when a listed rep is online: one of them, a single word, never a rep who is offline', () => {
    const rep = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), name: fc.stringMatching(/^[A-Z][a-z]{0,6}( [A-Z][a-z]{0,6})?$/) });
    fc.assert(
      fc.property(fc.array(rep), fc.subarray(['a', 'b', 'c', 'd']), (reps, online) => {
        const name = inviteName(reps, new Set(online));
        const onlineReps = reps.filter((r) => online.includes(r.id));
        expect(name === null).toBe(onlineReps.length === 0);
        if (name === null) return;
        expect(name).not.toContain(' ');
        // Whoever it names is online, and nobody listed before them is.
        const named = reps.findIndex((r) => r.name.startsWith(name) && online.includes(r.id));
        expect(named).toBeGreaterThanOrEqual(0);
        expect(reps.slice(0, named).some((r) => online.includes(r.id))).toBe(false);
      }),
    );
  });
});
