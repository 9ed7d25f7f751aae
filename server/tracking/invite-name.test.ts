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

  it('names somebody exactly when a listed rep is online, and never a rep who is not', () => {
    const rep = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), name: fc.string({ minLength: 1 }) });
    fc.assert(
      fc.property(fc.array(rep), fc.subarray(['a', 'b', 'c', 'd']), (reps, online) => {
        const name = inviteName(reps, new Set(online));
        const first = reps.find((r) => online.includes(r.id));
        expect(name).toBe(first ? first.name.split(' ')[0] : null);
      }),
    );
  });
});
