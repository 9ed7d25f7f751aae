import { describe, expect, it } from 'vitest';
import { localizeInstants } from './format';

describe('localizeInstants', () => {
  it('shows a stored UTC instant as a local day and time, with the weekday', () => {
    // Noon UTC on Tuesday 24 November 2026 is a Tuesday in every zone from UTC-11 to UTC+11.
    const shown = localizeInstants('Next call attempt (2) due 2026-11-24T12:00:00.000Z');
    expect(shown).toMatch(/^Next call attempt \(2\) due /);
    expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(shown).toMatch(/Tue/);
    expect(shown).toMatch(/24/);
  });

  it('leaves text without an instant, or with something that only looks like one, as it is', () => {
    expect(localizeInstants('Accepted by Dana in 4 s')).toBe('Accepted by Dana in 4 s');
    expect(localizeInstants('ref 2026-13-45T99:99Z')).toBe('ref 2026-13-45T99:99Z');
  });
});
