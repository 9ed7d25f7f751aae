import type { BehaviourRule, Question } from '../site-rules';
import type { BehaviourEvent, Fit, QualifyInput, Qualification, Reason } from './types';

/**
 * DOMAIN.md's exact rule, as a pure function of its input (no clock, no I/O):
 * - fit fails when a disqualifier matched, passes when every must-have is answered
 *   acceptably, and is unknown otherwise;
 * - MQL = fit passes AND (score >= MQL threshold OR a hand-raise);
 * - hot = fit passes AND (a hand-raise OR score >= hot threshold).
 */
export function qualify(input: QualifyInput): Qualification {
  const { rules } = input;
  const reasons: Reason[] = [];
  const fit = decideFit(rules.questions, input.answers, reasons);

  let score = reasons.reduce((sum, r) => sum + r.points, 0);
  for (const rule of rules.behaviour) {
    const hits = input.events.filter((e) => matchesRule(rule, e)).length;
    if (hits === 0) continue;
    const points = hits * rule.points;
    score += points;
    reasons.push({ source: `behaviour:${rule.id}`, text: `${rule.label}${hits > 1 ? ` x${hits}` : ''}`, points });
  }

  const handRaiseEvent = input.events.find((e) => e.name !== undefined && rules.handRaiseEvents.includes(e.name));
  const handRaise = input.callbackRequested || handRaiseEvent !== undefined;
  if (input.callbackRequested) reasons.push({ source: 'hand-raise:callback', text: 'Asked for a callback', points: 0 });
  else if (handRaiseEvent) reasons.push({ source: `hand-raise:${handRaiseEvent.name}`, text: `Hand-raise: ${handRaiseEvent.name}`, points: 0 });

  const passes = fit.status === 'passes';
  return {
    fit,
    score,
    handRaise,
    mql: passes && (score >= rules.mqlThreshold || handRaise),
    hot: passes && (handRaise || score >= rules.hotThreshold),
    reasons,
    rulesVersion: rules.version,
  };
}

/** Walks the must-haves in order; a disqualifier wins over everything else. */
function decideFit(questions: Question[], answers: Record<string, string>, reasons: Reason[]): Fit {
  const missing: string[] = [];
  let failed: Fit | undefined;
  for (const q of questions) {
    const answer = answers[q.id]?.trim();
    if (!answer) {
      missing.push(q.id);
      continue;
    }
    if (q.type === 'text') {
      reasons.push({ source: `question:${q.id}`, text: labelled(q.label, answer), points: 0 });
      continue;
    }
    const option = q.options?.find((o) => o.value === answer);
    if (!option) {
      // An answer that is not one of the offered options is not an acceptable answer.
      missing.push(q.id);
      continue;
    }
    if (option.disqualify && !failed) {
      failed = {
        status: 'fails',
        stage: option.disqualify.stage ?? 'disqualified',
        reason: option.disqualify.reason,
        missing: [],
      };
      reasons.push({ source: `question:${q.id}`, text: `${labelled(q.label, option.label)} (${option.disqualify.reason})`, points: 0 });
      continue;
    }
    reasons.push({ source: `question:${q.id}`, text: labelled(q.label, option.label), points: option.points ?? 0 });
  }
  if (failed) return { ...failed, missing };
  return missing.length === 0 ? { status: 'passes', missing } : { status: 'unknown', missing };
}

function matchesRule(rule: BehaviourRule, event: BehaviourEvent): boolean {
  if (rule.type !== event.type) return false;
  if (rule.name !== undefined && rule.name !== event.name) return false;
  if (rule.urlContains !== undefined && !(event.url ?? '').includes(rule.urlContains)) return false;
  return true;
}

/** "How many employees? 51-200", "Industry: Retail": no colon after a question mark. */
function labelled(label: string, answer: string): string {
  return /[?:]$/.test(label.trim()) ? `${label.trim()} ${answer}` : `${label}: ${answer}`;
}
