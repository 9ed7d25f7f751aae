// Logging a call, decided without a database: who may, what the stage machine and the cadence
// allow, and what one save of a call result with a decision writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../shared/api';
import { nextStages } from '../../shared/lifecycle';
import { OUTCOMES, type Outcome } from '../../shared/outcomes';
import type { OutcomeInput } from '../../shared/schemas/console.schema';
import { weeklyHours } from './hours.core';
import { DEFAULT_CADENCE } from './plan-follow-up.core';
import { planOutcome, type OutcomeLead } from './plan-outcome.core';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const ctx = { userId: 'dana', cadence: DEFAULT_CADENCE, hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00'), now: NOW };
const lead = (stage: Stage, over: Partial<OutcomeLead> = {}): OutcomeLead => ({ stage, ownerId: 'dana', firstCallAt: null, contactAttempts: 0, ...over });
const qualification = { needs: 'Two coolers', currentSolution: 'Rented units', decisionMaker: 'Robin, the owner', readyOrBudget: 'Q3, approved' };

function planned(l: OutcomeLead, input: OutcomeInput) {
  const r = planOutcome(l, input, ctx);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r.plan;
}

describe('planOutcome', () => {
  it('records connected and SQL in one save: both lines, the four answers, one stage move', () => {
    const plan = planned(lead('sal'), { outcome: 'sql', call: 'connected', qualification, notes: 'Site visit next week' });
    expect(plan.columns).toMatchObject({ stage: 'sql', outcome: 'sql', firstCallAt: NOW, salesQualification: JSON.stringify(qualification) });
    expect(plan.moves).toEqual([{ from: 'sal', to: 'sql', actor: 'dana', reason: null }]);
    expect(plan.trail.map((l) => l.text)).toEqual([
      'Connected',
      'Sales qualified (SQL): Need: Two coolers; Current solution: Rented units; Decision maker: Robin, the owner; Ready to move / budget: Q3, approved - Site visit next week',
    ]);
    expect(plan).toMatchObject({ note: 'Site visit next week', closeFollowUps: 'done', nextFollowUp: null });
  });

  it('lets a SAL lead go straight to opportunity', () => {
    expect(planned(lead('sal'), { outcome: 'opportunity' }).columns.stage).toBe('opportunity');
  });

  it('refuses a move the stage machine forbids, naming the rule', () => {
    expect(planOutcome(lead('opportunity'), { outcome: 'sql', qualification }, ctx)).toEqual({
      ok: false,
      refusal: {
        error: 'stage_rule',
        message: 'The stage rules do not allow OPPORTUNITY → SQL. From OPPORTUNITY a lead can move to WON, LOST, NURTURE, DISQUALIFIED.',
      },
    });
  });

  it('refuses anyone but the owner', () => {
    expect(planOutcome(lead('sal', { ownerId: 'sam' }), { outcome: 'connected' }, ctx)).toEqual({ ok: false, refusal: { error: 'not_owner' } });
  });

  it('refuses call results once the lead left the cadence, but still takes the decisions lifecycle allows', () => {
    for (const call of ['no_answer', 'voicemail', 'connected'] as const) {
      expect(planOutcome(lead('nurture', { contactAttempts: 6 }), { outcome: call }, ctx)).toMatchObject({ ok: false, refusal: { error: 'left_cadence' } });
    }
    expect(planOutcome(lead('nurture'), { outcome: 'disqualified', call: 'connected', reason: 'Wrong segment' }, ctx)).toMatchObject({
      ok: false,
      refusal: { error: 'left_cadence' },
    });
    expect(planned(lead('nurture'), { outcome: 'disqualified', reason: 'Wrong segment' }).columns.stage).toBe('disqualified');
  });

  it('plans the next attempt after no answer, and nurture after the last, without a decision', () => {
    const next = planned(lead('sal', { contactAttempts: 2, firstCallAt: NOW - 1 }), { outcome: 'no_answer' });
    expect(next).toMatchObject({ columns: { contactAttempts: 3, firstCallAt: NOW - 1 }, nextFollowUp: { attempt: 4 }, moves: [] });
    const last = planned(lead('sal', { contactAttempts: 5 }), { outcome: 'voicemail' });
    expect(last.columns).toMatchObject({ stage: 'nurture', routing: 'closed', contactAttempts: 6 });
    expect(last.moves).toEqual([{ from: 'sal', to: 'nurture', actor: 'system', reason: 'no contact after 6 attempts' }]);
    expect(last.trail.map((l) => l.kind)).toEqual(['outcome', 'nurture']);
  });

  it('counts a no-answer logged with a decision, but the decision settles the lead: no next attempt', () => {
    const plan = planned(lead('sal', { contactAttempts: 1 }), { outcome: 'nurture', call: 'no_answer', reason: 'Asked to be called next quarter' });
    expect(plan).toMatchObject({ columns: { stage: 'nurture', contactAttempts: 2 }, nextFollowUp: null });
    expect(plan.trail.map((l) => l.text)).toEqual(['No answer', 'Back to nurture: Asked to be called next quarter']);
  });

  it('over any stage and outcome: a planned move is always one lifecycle allows, and the final stage follows the moves', () => {
    const stages: Stage[] = ['visitor', 'lead', 'mql', 'hot', 'sal', 'sql', 'opportunity', 'nurture', 'disqualified', 'suspect'];
    fc.assert(
      fc.property(fc.constantFrom(...stages), fc.constantFrom(...OUTCOMES), fc.integer({ min: 0, max: 8 }), (stage, outcome: Outcome, attempts) => {
        const r = planOutcome(lead(stage, { contactAttempts: attempts }), { outcome, reason: 'Because', ...(outcome === 'sql' ? { qualification } : {}) }, ctx);
        if (!r.ok) return;
        let at = stage;
        for (const m of r.plan.moves) {
          expect(m.from).toBe(at);
          expect(nextStages(at)).toContain(m.to);
          at = m.to;
        }
        expect(r.plan.columns.stage).toBe(at);
      }),
    );
  });
});
