// Backtest: how a draft rules version would change decisions over the stored history.
// Pure: the adapter loads the history; nothing is written.
import { qualify } from '../../shared/qualify/qualify';
import type { SiteRules } from '../../shared/site-rules';
import type { BacktestCounts, BacktestOutcome, BacktestResult } from '../../shared/console-api';
import type { HistorySubject } from './tracking-store';

const FLIP_LIMIT = 200;
const WEIGHT: Record<BacktestOutcome, number> = { suspect: 0, disqualified: 0, visitor: 1, lead: 2, mql: 3, hot: 4 };

export function backtest(current: SiteRules, draft: SiteRules, history: readonly HistorySubject[], now: number): Omit<BacktestResult, 'forms'> {
  const before = emptyCounts();
  const after = emptyCounts();
  const flips: BacktestResult['flips'] = [];
  for (const s of history) {
    const a = decide(current, s, now);
    const b = decide(draft, s, now);
    tally(before, s, a.outcome);
    tally(after, s, b.outcome);
    if (a.outcome !== b.outcome) flips.push({ kind: s.kind, id: s.id, name: s.name, from: a.outcome, to: b.outcome, scoreFrom: a.score, scoreTo: b.score });
  }
  flips.sort((x, y) => Math.abs(WEIGHT[y.to] - WEIGHT[y.from]) - Math.abs(WEIGHT[x.to] - WEIGHT[x.from]));
  return { current: before, draft: after, flips: flips.slice(0, FLIP_LIMIT) };
}

function decide(rules: SiteRules, s: HistorySubject, now: number): { outcome: BacktestOutcome; score: number } {
  const q = qualify({ rules, answers: s.answers, traits: s.traits, events: s.events, callbackRequested: s.callbackRequested, now });
  const outcome: BacktestOutcome =
    q.fit.status === 'fails' ? (q.fit.stage ?? 'disqualified') : q.hot ? 'hot' : q.mql ? 'mql' : s.kind === 'lead' ? 'lead' : 'visitor';
  return { outcome, score: q.score };
}

function emptyCounts(): BacktestCounts {
  return { subjects: 0, leads: 0, mql: 0, hot: 0, disqualified: 0 };
}

function tally(c: BacktestCounts, s: HistorySubject, o: BacktestOutcome) {
  c.subjects++;
  if (s.kind === 'lead') c.leads++;
  if (o === 'mql' || o === 'hot') c.mql++;
  if (o === 'hot') c.hot++;
  if (o === 'disqualified' || o === 'suspect') c.disqualified++;
}
