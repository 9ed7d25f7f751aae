import type { SiteRules } from '../site-rules';
import type { BehaviourState } from './behaviour-score';

/** One behaviour event as the engine sees it. */
export interface BehaviourEvent {
  type: string;
  name?: string;
  url?: string;
  /** Epoch milliseconds. */
  at: number;
}

/** What we know of a person besides answers (identify traits, form captures). */
export interface Traits {
  email?: string;
  company?: string;
  [trait: string]: string | number | boolean | undefined;
}

export interface QualifyInput {
  rules: SiteRules;
  /** Must-have answers by question id (option value for `single`, free text for `text`). */
  answers: Record<string, string>;
  traits: Traits;
  events: BehaviourEvent[];
  /** Incremental behaviour state (from `applyEvents`); when given, `events` is not re-read. */
  behaviour?: BehaviourState;
  /** True when the person asked for a callback right now. */
  callbackRequested: boolean;
  /** Epoch milliseconds; the engine never reads the clock. */
  now: number;
}

export type FitStatus = 'passes' | 'fails' | 'unknown';

/** Why the engine decided what it did; shown to reps and marketers verbatim. */
export interface Reason {
  /** Stable identifier of the rule or question that produced it. */
  source: string;
  text: string;
  points: number;
}

export interface Fit {
  status: FitStatus;
  /** For `fails`: which terminal stage and why. */
  stage?: 'disqualified' | 'suspect';
  reason?: string;
  /** Question ids still unanswered (for `unknown`). */
  missing: string[];
}

export interface Qualification {
  fit: Fit;
  score: number;
  handRaise: boolean;
  mql: boolean;
  hot: boolean;
  /** Every contribution to the decision, in rule order. */
  reasons: Reason[];
  rulesVersion: number;
}
