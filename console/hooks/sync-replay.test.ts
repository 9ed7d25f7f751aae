import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyncReplay, type Change } from './sync-replay';

type Offers = readonly string[];
const add =
  (id: string): Change<Offers> =>
  (all) =>
    all.includes(id) ? all : [...all, id].sort();
const remove =
  (id: string): Change<Offers> =>
  (all) =>
    all.filter((x) => x !== id);

describe('SyncReplay', () => {
  it('keeps a push that overtook the snapshot it would otherwise be overwritten by', () => {
    const replay = new SyncReplay<Offers>();
    const ticket = replay.begin();
    replay.note(add('o-new')); // pushed while the server was still reading
    replay.note(remove('o-gone'));
    expect(replay.settle(ticket, ['o-gone', 'o-old'])).toEqual(['o-new', 'o-old']);
    // Settled: later pushes are applied directly, not remembered.
    replay.note(add('o-later'));
    expect(replay.settle(ticket, [])).toBeNull();
  });

  it('ignores the answer of a sync that a newer one superseded, and a failure of an old one', () => {
    const replay = new SyncReplay<Offers>();
    const first = replay.begin();
    const second = replay.begin();
    replay.note(add('o-1'));
    replay.abandon(first);
    expect(replay.settle(first, ['stale'])).toBeNull();
    expect(replay.settle(second, [])).toEqual(['o-1']);
  });

  // Whatever point in the stream of changes the server read its snapshot at, re-applying the
  // pushes that reached us before its answer gives what applying every push in order gives.
  it('ends where the pushes alone end, whenever the snapshot was read', () => {
    const change = fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd'));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), fc.nat(), fc.nat(), (changes, readAt, begunAt) => {
        const fns = changes.map(([adding, id]) => (adding ? add(id) : remove(id)));
        const begin = begunAt % (fns.length + 1);
        // The snapshot is read after the sync was asked for, at some point in the stream.
        const read = begin + (readAt % (fns.length - begin + 1));
        const apply = (from: Offers, list: Array<Change<Offers>>) => list.reduce((s, f) => f(s), from);
        const expected = apply([], fns);

        const replay = new SyncReplay<Offers>();
        let state = apply([], fns.slice(0, begin));
        const ticket = replay.begin();
        for (const f of fns.slice(begin)) state = replay.note(f)(state);
        const snapshot = apply([], fns.slice(0, read));
        expect(replay.settle(ticket, snapshot)).toEqual(expected);
      }),
    );
  });
});
