import { describe, expect, it } from 'vitest';
import { timerScheduler } from './scheduler';

describe('timerScheduler', () => {
  it('never runs a task before the clock reaches its time, even when the timer fires early', async () => {
    let skew = 30; // the clock lags the timers by 30 ms at first
    const clock = () => Date.now() - skew;
    const s = timerScheduler(clock, (err) => {
      throw err;
    });
    const at = clock() + 20;
    const ranAt = await new Promise<number>((resolve) => {
      s.set('t', at, async () => resolve(clock()));
      setTimeout(() => (skew = 0), 25);
    });
    expect(ranAt).toBeGreaterThanOrEqual(at);
  });

  it('replaces a task set again under the same key, and cancels', async () => {
    const s = timerScheduler(Date.now, () => {});
    const ran: string[] = [];
    s.set('k', Date.now() + 5, async () => void ran.push('first'));
    s.set('k', Date.now() + 10, async () => void ran.push('second'));
    s.set('c', Date.now() + 5, async () => void ran.push('cancelled'));
    s.cancel('c');
    await new Promise((r) => setTimeout(r, 40));
    expect(ran).toEqual(['second']);
    s.clear();
  });
});
