// Which reps have a live tab, and which of those can take a browser call (per socket).
import { describe, expect, it } from 'vitest';
import { LocalOnlineReps } from './online-reps';

describe('LocalOnlineReps call tabs', () => {
  it('counts a rep while one of their connected tabs can take calls, and drops them when it closes or loses its microphone', () => {
    const online = new LocalOnlineReps();
    // A report from a socket that is not connected (arrived after its disconnect) is ignored.
    expect(online.callCapable('dana', 's1', true)).toBe(false);
    online.connect('dana', 's1');
    online.connect('dana', 's2');
    expect(online.callCapable('dana', 's1', true)).toBe(true);
    expect(online.callCapable('dana', 's2', true)).toBe(false);
    expect([...online.callTabs]).toEqual(['dana']);
    expect(online.callCapable('dana', 's1', false)).toBe(false);
    expect(online.callTabs.has('dana')).toBe(true);
    online.disconnect('dana', 's2');
    expect(online.callTabs.has('dana')).toBe(false);
    expect(online.set.has('dana')).toBe(true);
  });
});
