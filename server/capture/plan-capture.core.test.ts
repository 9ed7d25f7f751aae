// A capture decided without a database: how it qualifies, the stage it takes, what it writes and
// whether it is routed at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../db/store';
import { DEFAULT_RULES } from '../sites/default-site';
import { captureStage, planCapture, qualifyCapture, type CaptureCommand } from './plan-capture.core';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const site = { id: 'site', workspaceId: 'ws', rules: DEFAULT_RULES, slaMs: 60_000 } as Site;
const ANSWERS = { projects: 'commercial', size: '51-200', role: 'decision' };

function command(answers: Record<string, string>, suspect: string | null = null): CaptureCommand {
  const qualification = qualifyCapture({ site, answers, email: null, history: null, callbackRequested: true, suspect, now: NOW });
  return {
    site,
    name: 'Pat',
    phoneE164: '+14155552671',
    email: null,
    answers,
    pageUrl: 'https://acme.test/pricing',
    visitorId: 'v1',
    qualification,
    stage: captureStage(qualification),
    idempotency: null,
    requestId: 7,
    now: NOW,
  };
}

describe('qualifyCapture and planCapture', () => {
  it('makes a callback that passes the must-haves a hot lead, waiting for a rep with its SLA running', () => {
    const plan = planCapture(command(ANSWERS));
    expect(plan.lead).toMatchObject({ stage: 'hot', routing: 'waiting', hot: true, hotAt: NOW, slaDueAt: NOW + 60_000, capturedAt: NOW });
    expect(plan.route).toBe(true);
    expect(plan.move).toMatchObject({ from: 'visitor', to: 'hot' });
    expect(plan.trail).toEqual([
      { kind: 'captured', text: 'Asked for a callback on https://acme.test/pricing' },
      { kind: 'qualified', text: expect.stringMatching(/^Qualified as HOT \(score \d+, rules v1\)$/) },
    ]);
    expect(plan).toMatchObject({ requestId: 7, visitorId: 'v1' });
  });

  it('rules out a disqualifying answer whatever the score: stored, never routed, with the reason', () => {
    const plan = planCapture(command({ ...ANSWERS, projects: 'residential' }));
    expect(plan.lead).toMatchObject({ stage: 'disqualified', routing: 'closed', hot: false, hotAt: null, slaDueAt: null });
    expect(plan.route).toBe(false);
    expect(plan.move).toEqual({ from: 'visitor', to: 'disqualified', reason: 'Residential-only work: we sell commercial equipment' });
  });

  it('keeps a request that looks automated as a suspect lead, never hot, never routed', () => {
    const plan = planCapture(command(ANSWERS, 'Looks automated: filled a hidden form field'));
    expect(plan.lead).toMatchObject({ stage: 'suspect', routing: 'closed', hot: false, mql: false });
    expect(plan.move?.reason).toBe('Looks automated: filled a hidden form field');
    expect(plan.route).toBe(false);
  });

  it('routes exactly the hot captures, at the stage their qualification gives, for any answers', () => {
    const option = (id: string) => fc.constantFrom(...DEFAULT_RULES.questions.find((q) => q.id === id)!.options!.map((o) => o.value));
    fc.assert(
      fc.property(
        option('projects'),
        option('size'),
        option('role'),
        fc.option(fc.constant('Looks automated'), { nil: null }),
        (projects, size, role, suspect) => {
          const cmd = command({ projects, size, role }, suspect);
          const plan = planCapture(cmd);
          expect(plan.route).toBe(cmd.qualification.hot);
          expect(plan.lead.routing).toBe(cmd.qualification.hot ? 'waiting' : 'closed');
          expect(plan.lead.stage).toBe(cmd.stage);
          if (suspect) expect(plan.lead.stage).toBe('suspect');
          expect(plan.move?.to).toBe(cmd.stage);
        },
      ),
    );
  });
});
