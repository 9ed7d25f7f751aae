// What a marketer's test submission would do, in words: whether it would be routed at all (and
// why not), and who routing's own decision (decide-routing.core.ts) would offer it to. Pure: the
// caller runs the same qualification and routing functions a visitor's submission runs, then
// hands their results here.
import type { Stage } from '../../shared/api';
import type { FormAction } from '../../shared/forms';
import type { FormTestResult } from '../../shared/schemas/forms.schema';
import type { Qualification } from '../../shared/qualify/types';
import type { Question } from '../../shared/site-rules';
import { describeSkips, QUEUE_TEXT, STEP_TEXT, STRATEGY_TEXT } from '../routing/routing-text';
import type { RoutingPlan, RoutingSnapshot } from '../routing/routing.types';
import type { ReadSubmission } from './read-submission.core';

/** Why a submission would not go to routing; null when it would (a hot MQL with a phone, on a form that offers). */
export function whyNotRouted(q: Qualification, stage: Stage, action: FormAction, phone: string | null): string | null {
  if (q.fit.status === 'fails')
    return `Never routed: ${stage === 'suspect' ? 'a suspect' : 'disqualified'} (${q.fit.reason ?? 'a must-have answer rules it out'}).`;
  if (action === 'record') return 'Only recorded: this form is set to record its submissions, never to offer them live.';
  if (q.fit.status === 'unknown') return 'Not routed: some must-have questions are unanswered, so the fit is unknown. It stays a lead.';
  if (!q.hot) return q.mql ? 'Not routed live: a warm MQL, it waits in its team’s follow-up list.' : 'Not routed: not an MQL.';
  if (!phone) return 'Not routed yet: the form gave no valid phone number. The Sixty panel asks the visitor for it, then offers the lead.';
  return null;
}

export interface FormTestInput {
  read: ReadSubmission;
  phone: string | null;
  qualification: Qualification;
  stage: Stage;
  questions: readonly Question[];
  pageUrl: string | null;
  /** Why it would not be routed (whyNotRouted), or routing's decision over the draft lead's snapshot. */
  routing: { notRouted: string } | { plan: RoutingPlan; snapshot: RoutingSnapshot };
  now: number;
}

export function describeFormTest(t: FormTestInput): FormTestResult {
  const q = t.qualification;
  const label = (id: string) => t.questions.find((x) => x.id === id)?.label ?? id;
  const answerText = (id: string, value: string) => t.questions.find((x) => x.id === id)?.options?.find((o) => o.value === value)?.label ?? value;
  return {
    at: t.now,
    pageUrl: t.pageUrl,
    contact: { name: t.read.name, email: t.read.email.includes('@') ? t.read.email : null, phone: t.phone, company: t.read.company },
    answers: Object.entries(t.read.answers).map(([id, value]) => ({ question: label(id), answer: answerText(id, value) })),
    qualification: {
      stage: t.stage,
      fit: q.fit.status,
      fitReason: q.fit.reason ?? null,
      missing: q.fit.missing.map(label),
      score: q.score,
      mql: q.mql,
      hot: q.hot,
      reasons: q.reasons,
    },
    routing: 'notRouted' in t.routing ? notRouted(t.routing.notRouted) : routingText(t.routing.plan, t.routing.snapshot),
  };
}

const notRouted = (text: string): FormTestResult['routing'] => ({ kind: 'not_routed', text, reps: [], team: null, rule: null, skipped: null });

function routingText(plan: RoutingPlan, s: RoutingSnapshot): FormTestResult['routing'] {
  const skipped = describeSkips(plan.skipped);
  const rule = plan.rule.id ? plan.rule.name : null;
  if (plan.kind === 'wait') return { kind: 'queue', text: `Would wait: ${QUEUE_TEXT[plan.reason]}.`, reps: [], team: null, rule, skipped };
  const names = plan.repIds.map((id) => s.reps.find((r) => r.repId === id)?.name ?? 'a rep');
  const team = plan.teamId ? (s.teams.get(plan.teamId)?.name ?? null) : null;
  const via = [team ? `${STEP_TEXT[plan.step]} ${team}` : STEP_TEXT[plan.step], rule ? `rule “${rule}”` : 'no rule matched', STRATEGY_TEXT[plan.rule.strategy]];
  return { kind: 'offer', text: `Would offer it now to ${names.join(', ')} (${via.join(', ')}).`, reps: names, team, rule, skipped };
}
