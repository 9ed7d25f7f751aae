import { describe, expect, it } from 'vitest';
import { headOf } from './head';
import { LIVE_EN } from './texts';

describe('headOf', () => {
  it('keeps the promise while finding someone or once accepted, and replaces it once it no longer holds', () => {
    expect(headOf({ state: 'waiting', since: 0, promiseSeconds: 60 }, LIVE_EN)).toBeNull();
    expect(headOf({ state: 'accepted', repName: 'Dana', at: 0 }, LIVE_EN)).toBeNull();
    expect(headOf({ state: 'no_rep', why: 'closed', opensAt: null, slots: [] }, LIVE_EN)).toBe(LIVE_EN.headClosed);
    expect(headOf({ state: 'no_rep', why: 'busy', opensAt: null, slots: [] }, LIVE_EN)).toBe(LIVE_EN.headLater);
    expect(headOf({ state: 'no_rep', why: 'queued', opensAt: null, slots: [] }, LIVE_EN)).toBe(LIVE_EN.headLater);
    expect(headOf({ state: 'scheduled', slot: '2030-01-15T12:00:00Z' }, LIVE_EN)).toBe(LIVE_EN.headBooked);
    expect(headOf({ state: 'ended', link: null }, LIVE_EN)).toBe(LIVE_EN.headEnded);
    expect(headOf({ state: 'closed' }, LIVE_EN)).toBe(LIVE_EN.headEnded);
  });
});
