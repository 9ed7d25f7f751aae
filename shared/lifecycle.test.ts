import { describe, expect, it } from 'vitest';
import { checkTransition } from './lifecycle';

describe('checkTransition', () => {
  it('allows the forward path and requires reasons for nurture, disqualified and suspect', () => {
    expect(checkTransition('hot', 'sal', null)).toEqual({ ok: true });
    expect(checkTransition('sal', 'sql', null)).toEqual({ ok: true });
    expect(checkTransition('sal', 'nurture', '')).toEqual({ ok: false, error: 'reason_required' });
    expect(checkTransition('sal', 'nurture', 'Budget next year')).toEqual({ ok: true });
    expect(checkTransition('sql', 'disqualified', null)).toEqual({ ok: false, error: 'reason_required' });
  });

  it('never leaves suspect, and never skips from visitor to SQL', () => {
    expect(checkTransition('suspect', 'lead', 'x')).toEqual({ ok: false, error: 'not_allowed' });
    expect(checkTransition('visitor', 'sql', 'x')).toEqual({ ok: false, error: 'not_allowed' });
  });
});
