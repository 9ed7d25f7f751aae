// Figure 4's measurement, run unchanged in Node and in the browser: the cost of scoring one new
// event for a visitor with a long history, on the incremental path (fold the event into the
// visitor's behaviour state, then qualify from that state), beside a full re-score from history.
// No Node or DOM imports: the browser build bundles this file.
import type { BehaviourState } from '../../shared/qualify/behaviour-score';
import type { BehaviourEvent, QualifyInput, Qualification } from '../../shared/qualify/types';
import type { SiteRules } from '../../shared/site-rules';

/** The engine's entry points; the browser may pass the widget's own copy. */
export interface ScoringEngine {
  applyEvents(state: BehaviourState, rules: SiteRules, events: readonly BehaviourEvent[]): BehaviourState;
  emptyBehaviourState(version: number): BehaviourState;
  qualify(input: QualifyInput): Qualification;
}

export interface ScoringOptions {
  rules: SiteRules;
  pastEvents: number;
  /** Events scored per timed batch (timers are too coarse for one, above all in browsers). */
  batch: number;
  batches: number;
  /** A monotonic clock in milliseconds (performance.now). */
  clock: () => number;
}

export interface ScoringRun {
  /** Microseconds per event on the incremental path, one value per batch. */
  incrementalUs: number[];
  /** Microseconds per event re-scoring the whole history, one value per (smaller) batch. */
  fullUs: number[];
  /** Keeps the optimizer from discarding the work. */
  checksum: number;
}

const DAY_MS = 24 * 3600 * 1000;
const HOST = 'https://www.example.com';
const PAGES = ['/', '/pricing', '/products/ovens', '/products/fryers', '/case-studies/diner', '/blog/energy', '/contact', '/docs/install'];

/** A plausible stream: page views, clicks, downloads and custom events over the last 30 days. */
export function eventAt(n: number, at: number): BehaviourEvent {
  const url = `${HOST}${PAGES[n % PAGES.length]}?ref=${n % 7}`;
  switch (n % 6) {
    case 0:
    case 1:
    case 2:
      return { type: 'page_view', url, at };
    case 3:
      return { type: 'click', name: n % 2 ? 'cta_pricing' : 'cta_demo', url, at };
    case 4:
      return { type: 'download', url, at };
    default:
      return { type: 'custom', name: n % 4 ? 'video_play' : 'calculator_used', url, at };
  }
}

export function runScoring(engine: ScoringEngine, opts: ScoringOptions): ScoringRun {
  const { rules, clock } = opts;
  const now0 = 1_800_000_000_000;
  const history = Array.from({ length: opts.pastEvents }, (_, i) => eventAt(i, now0 - 30 * DAY_MS + (i * 30 * DAY_MS) / opts.pastEvents));
  let state = engine.applyEvents(engine.emptyBehaviourState(rules.version), rules, history);
  let checksum = 0;
  let n = opts.pastEvents;

  const scoreOne = () => {
    const e = eventAt(n, now0 + n);
    n++;
    state = engine.applyEvents(state, rules, [e]);
    const q = engine.qualify({ rules, answers: {}, traits: {}, events: [], behaviour: state, callbackRequested: false, now: e.at });
    checksum += q.score;
  };
  const rescoreAll = () => {
    const e = eventAt(n, now0 + n);
    n++;
    const q = engine.qualify({ rules, answers: {}, traits: {}, events: [...history, e], callbackRequested: false, now: e.at });
    checksum += q.score;
  };

  const timed = (op: () => void, count: number) => {
    const t = clock();
    for (let i = 0; i < count; i++) op();
    return ((clock() - t) * 1000) / count;
  };
  // Warm-up, so the optimizing compiler has seen both paths before any batch is timed.
  timed(scoreOne, opts.batch);
  timed(rescoreAll, Math.max(1, Math.floor(opts.batch / 20)));

  const incrementalUs: number[] = [];
  const fullUs: number[] = [];
  for (let b = 0; b < opts.batches; b++) {
    incrementalUs.push(timed(scoreOne, opts.batch));
    // The full re-score is ~1,000 times the work: fewer of them per batch, fewer batches.
    if (b % 4 === 0) fullUs.push(timed(rescoreAll, Math.max(1, Math.floor(opts.batch / 50))));
  }
  return { incrementalUs, fullUs, checksum };
}

/** The default site's rules with 17 more behaviour rules: a site someone has configured. */
export function manyRules(base: SiteRules): SiteRules {
  const extra = Array.from({ length: 17 }, (_, i) => {
    const kinds = [
      { type: 'page_view', urlPattern: `/products/*` },
      { type: 'click', name: 'cta_demo' },
      { type: 'custom', name: 'video_play' },
      { type: 'page_view', urlContains: `/case-studies/` },
      { type: 'custom', name: 'calculator_used', count: 'once' as const },
      { type: 'page_view', urlPattern: `/docs/*`, cap: 20 },
    ];
    return { id: `extra${i}`, label: `Extra rule ${i}`, points: 1 + (i % 5), ...kinds[i % kinds.length]! };
  });
  return { ...base, behaviour: [...base.behaviour, ...extra], decayHalfLifeDays: 14 };
}
