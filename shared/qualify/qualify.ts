import type { QualifyInput, Qualification } from './types';
import { applyEvents, behaviourReasons, emptyBehaviourState } from './behaviour-score';
import { decideFit } from './fit';

/**
 * DOMAIN.md's exact rule, as a pure function of its input (no clock, no I/O):
 * - fit fails when a disqualifier matched, passes when every must-have is answered
 *   acceptably, and is unknown otherwise;
 * - MQL = fit passes AND (score >= MQL threshold OR a hand-raise);
 * - hot = fit passes AND (a hand-raise OR score >= hot threshold).
 * Behaviour comes either as the full event history or as an incremental state built from it.
 */
export function qualify(input: QualifyInput): Qualification {
  const { rules } = input;
  const reasons = [] as Qualification['reasons'];
  const fit = decideFit(rules.questions, rules.fit ?? [], input.answers, input.traits, reasons);

  const state = input.behaviour ?? applyEvents(emptyBehaviourState(rules.version), rules, input.events);
  reasons.push(...behaviourReasons(state, rules, input.now));
  const score = reasons.reduce((sum, r) => sum + r.points, 0);

  const handRaise = input.callbackRequested || state.handRaise !== null;
  if (input.callbackRequested) reasons.push({ source: 'hand-raise:callback', text: 'Asked for a callback', points: 0 });
  else if (state.handRaise) reasons.push({ source: `hand-raise:${state.handRaise}`, text: `Hand-raise: ${state.handRaise}`, points: 0 });

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
