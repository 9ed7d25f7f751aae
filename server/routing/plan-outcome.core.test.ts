// Logging a call, decided without a database: who may, what the stage machine and the cadence
// allow, and what one save of a call result with a decision writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../shared/api';
import { nextStages } from '../../shared/lifecycle';
import { OUTCOMES, type Outcome } from '../../shared/outcomes';
import { weeklyHours } from './hours.core';
import { DEFAULT_CADENCE } from './plan-follow-up.core';
import { outcomeWrites, planOutcome, type OutcomeContext, type OutcomeLead, type OutcomeRequest } from './plan-outcome.core';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const ctx: OutcomeContext = {
  actor: { kind: 'rep', userId: 'dana' },
  currency: 'EUR',
  cadence: DEFAULT_CADENCE,
  hours: weeklyHours('UTC', [1, 2, 3, 4, 5], '09:00', '17:00'),
  now: NOW,
};
const crm: OutcomeContext = { ...ctx, actor: { kind: 'api_key', keyId: 'k1', name: 'HubSpot sync' } };
const lead = (stage: Stage, over: Partial<OutcomeLead> = {}): OutcomeLead => ({ stage, ownerId: 'dana', firstCallAt: null, contactAttempts: 0, ...over });
const qualification = { needs: 'Two coolers', currentSolution: 'Rented units', decisionMaker: 'Robin, the owner', readyOrBudget: 'Q3, approved' };

function planned(l: OutcomeLead, input: OutcomeRequest, by: OutcomeContext = ctx) {
  const r = planOutcome(l, input, by);
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
    expect(plan).toMatchObject({ note: { authorId: 'dana', text: 'Site visit next week' }, closeFollowUps: 'done', nextFollowUp: null });
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
    expect(planOutcome(lead('opportunity', { ownerId: 'sam' }), { outcome: 'won', value: 10 }, ctx)).toEqual({ ok: false, refusal: { error: 'not_owner' } });
  });

  it("lets a manager decide about a lead someone else owns, recorded as the manager's, but not log a call on it", () => {
    const manager: OutcomeContext = { ...ctx, actor: { kind: 'rep', userId: 'mia', manager: true } };
    const won = planned(lead('opportunity', { ownerId: 'sam', firstCallAt: null }), { outcome: 'won', value: 900, notes: 'Signed at the trade show' }, manager);
    expect(won.moves).toEqual([{ from: 'opportunity', to: 'won', actor: 'mia', reason: null }]);
    expect(won.columns).toMatchObject({ stage: 'won', dealValue: 900, firstCallAt: null });
    expect(won.note).toEqual({ authorId: 'mia', text: 'Signed at the trade show' });
    expect(planOutcome(lead('opportunity', { ownerId: 'sam' }), { outcome: 'won', call: 'connected' }, manager)).toEqual({
      ok: false,
      refusal: { error: 'not_owner' },
    });
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
    const stages: Stage[] = ['visitor', 'lead', 'mql', 'hot', 'sal', 'sql', 'opportunity', 'won', 'lost', 'nurture', 'disqualified', 'suspect'];
    fc.assert(
      fc.property(
        fc.constantFrom(...stages),
        fc.constantFrom(...OUTCOMES),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        (stage, outcome: Outcome, attempts, byCrm) => {
          const r = planOutcome(
            lead(stage, { contactAttempts: attempts }),
            { outcome, reason: 'Because', ...(outcome === 'sql' ? { qualification } : {}) },
            byCrm ? crm : ctx,
          );
          if (!r.ok) return;
          let at = stage;
          for (const m of r.plan.moves) {
            expect(m.from).toBe(at);
            expect(nextStages(at)).toContain(m.to);
            at = m.to;
          }
          expect(r.plan.columns.stage).toBe(at);
          // Closed exactly when the last decision closes the deal; opened again, it is open.
          if (outcome === 'won' || outcome === 'lost') expect(r.plan.columns.closedAt).toBe(NOW);
          else if (outcome === 'opportunity') expect(r.plan.columns.closedAt).toBeNull();
          else expect(r.plan.columns).not.toHaveProperty('closedAt');
        },
      ),
    );
  });
});

describe('planOutcome: deals', () => {
  it('opens an opportunity with its value, and closes it won with the value, the close time and the value in the trail', () => {
    const opened = planned(lead('sal'), { outcome: 'opportunity', value: 12500 });
    expect(opened.columns).toMatchObject({ stage: 'opportunity', dealValue: 12500, closedAt: null });
    expect(opened.trail.map((l) => l.text)).toEqual(['Opportunity opened: Value €12,500']);
    const won = planned(lead('opportunity'), { outcome: 'won', value: 13000.5 });
    expect(won.columns).toMatchObject({ stage: 'won', outcome: 'won', dealValue: 13000.5, closedAt: NOW });
    expect(won.moves).toEqual([{ from: 'opportunity', to: 'won', actor: 'dana', reason: null }]);
    expect(won.trail.map((l) => l.text)).toEqual(['Deal won: Value €13,000.50']);
  });

  it('keeps the value when none is given, and ignores a value on a decision that is not about the deal', () => {
    expect(planned(lead('opportunity'), { outcome: 'won' }).columns).not.toHaveProperty('dealValue');
    expect(planned(lead('opportunity'), { outcome: 'nurture', reason: 'Budget frozen', value: 5 }).columns).not.toHaveProperty('dealValue');
  });

  it('needs a reason to lose a deal, and keeps it with the move', () => {
    expect(planOutcome(lead('opportunity'), { outcome: 'lost' }, ctx)).toMatchObject({ ok: false, refusal: { error: 'reason_required' } });
    const lost = planned(lead('opportunity'), { outcome: 'lost', reason: 'Went with a competitor' });
    expect(lost.moves).toEqual([{ from: 'opportunity', to: 'lost', actor: 'dana', reason: 'Went with a competitor' }]);
    expect(lost.columns.closedAt).toBe(NOW);
    expect(lost.trail.map((l) => l.text)).toEqual(['Deal lost: Went with a competitor']);
  });

  it('reopens a lost deal: closed time cleared; a won deal never moves again', () => {
    expect(planned(lead('lost'), { outcome: 'opportunity' }).columns).toMatchObject({ stage: 'opportunity', closedAt: null });
    expect(planned(lead('lost'), { outcome: 'won', value: 900 }).columns).toMatchObject({ stage: 'won', closedAt: NOW, dealValue: 900 });
    expect(planOutcome(lead('won'), { outcome: 'lost', reason: 'Changed their mind' }, ctx)).toEqual({
      ok: false,
      refusal: { error: 'stage_rule', message: 'The stage rules do not allow WON → LOST. WON is final: a lead never leaves it.' },
    });
  });
});

describe('planOutcome: a CRM through an API key', () => {
  it('moves any lead of the workspace, says which key in the trail and on the move, and logs no call', () => {
    const plan = planned(lead('opportunity', { ownerId: 'sam', firstCallAt: null }), { outcome: 'won', value: 4200 }, crm);
    expect(plan.moves).toEqual([{ from: 'opportunity', to: 'won', actor: 'api_key:k1', reason: null }]);
    expect(plan.trail.map((l) => l.text)).toEqual(['Deal won: Value €4,200 (via API key HubSpot sync)']);
    expect(plan.columns).toMatchObject({ firstCallAt: null, contactAttempts: 0, dealValue: 4200, closedAt: NOW });
    expect(outcomeWrites(plan, () => 'f1')).toMatchObject({ followUps: [{ kind: 'close', status: 'done' }] });
    expect(outcomeWrites(plan, () => 'f1')).not.toHaveProperty('note');
  });

  it('refuses another currency than the workspace’s, and takes its own', () => {
    expect(planOutcome(lead('opportunity'), { outcome: 'won', value: 1, currency: 'USD' }, crm)).toEqual({
      ok: false,
      refusal: { error: 'currency_mismatch', message: "This workspace's deals are in EUR: send the value in EUR" },
    });
    expect(planned(lead('opportunity'), { outcome: 'won', value: 1, currency: 'EUR' }, crm).columns.stage).toBe('won');
  });

  it('goes through the same stage machine as the rep: the refusal names the rule', () => {
    expect(planOutcome(lead('sql'), { outcome: 'won', value: 10 }, crm)).toEqual({
      ok: false,
      refusal: {
        error: 'stage_rule',
        message: 'The stage rules do not allow SQL → WON. From SQL a lead can move to OPPORTUNITY, NURTURE, DISQUALIFIED, SUSPECT.',
      },
    });
  });
});
