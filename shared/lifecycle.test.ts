import fc from 'fast-check';
import type { Stage } from './api';
import { describe, expect, it } from 'vitest';
import { checkTransition, nextStages, stageRule } from './lifecycle';
import { STAGES } from './schemas/lead-card.schema';

describe('checkTransition', () => {
  it('allows the forward path and requires reasons for nurture, disqualified and suspect', () => {
    expect(checkTransition('hot', 'sal', null)).toEqual({ ok: true });
    expect(checkTransition('sal', 'sql', null)).toEqual({ ok: true });
    expect(checkTransition('sal', 'nurture', '')).toEqual({ ok: false, error: 'reason_required' });
    expect(checkTransition('sal', 'nurture', 'Budget next year')).toEqual({ ok: true });
    expect(checkTransition('sql', 'disqualified', null)).toEqual({ ok: false, error: 'reason_required' });
  });

  it('lets a SAL lead go straight to opportunity, and names the rule of a stage', () => {
    expect(checkTransition('sal', 'opportunity', null)).toEqual({ ok: true });
    expect(nextStages('sal')).toContain('opportunity');
    expect(stageRule('opportunity')).toBe('From OPPORTUNITY a lead can move to WON, LOST, NURTURE, DISQUALIFIED');
    expect(stageRule('won')).toBe('WON is final: a lead never leaves it');
    expect(checkTransition('opportunity', 'lost', ' ')).toEqual({ ok: false, error: 'reason_required' });
    expect(checkTransition('opportunity', 'won', null)).toEqual({ ok: true });
    expect(stageRule('suspect')).toBe('SUSPECT is final: a lead never leaves it');
  });

  it('never leaves suspect, and never skips from visitor to SQL', () => {
    expect(checkTransition('suspect', 'lead', 'x')).toEqual({ ok: false, error: 'not_allowed' });
    expect(checkTransition('visitor', 'sql', 'x')).toEqual({ ok: false, error: 'not_allowed' });
  });
});

describe('checkTransition: properties', () => {
  it('over any walk of attempted transitions: suspect and won are final, and nurture/disqualified/suspect/lost always carry a reason', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ to: fc.constantFrom(...STAGES), reason: fc.constantFrom('', 'Budget next year', undefined) }), { maxLength: 40 }),
        (steps) => {
          let stage: Stage = 'visitor';
          for (const step of steps) {
            const check = checkTransition(stage, step.to, step.reason);
            if (!check.ok) continue;
            if (stage === 'suspect' || stage === 'won') throw new Error(`left ${stage}`);
            if (['nurture', 'disqualified', 'suspect', 'lost'].includes(step.to)) expect(step.reason?.trim()).toBeTruthy();
            stage = step.to;
          }
        },
      ),
    );
  });

  it('never allows staying in place or jumping from visitor past the rep stages', () => {
    for (const s of STAGES) expect(checkTransition(s, s, 'x').ok).toBe(false);
    for (const to of ['sal', 'sql', 'opportunity'] as Stage[]) expect(checkTransition('visitor', to, 'x').ok).toBe(false);
  });
});
