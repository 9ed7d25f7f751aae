// The scoring loop for the browser run of figure 4, bundled by the bench with Vite. It prefers
// the engine the widget ships (`sixty._qualify`, when `sixty-qualify.js` registers it) and falls
// back to shared/qualify bundled here.
import { applyEvents, emptyBehaviourState, qualify } from '../../../shared/qualify';
import { runScoring, type ScoringEngine, type ScoringOptions } from '../scoring-loop';

type Args = Omit<ScoringOptions, 'clock'>;

function widgetEngine(): ScoringEngine | null {
  const q = (window as unknown as { sixty?: { _qualify?: Partial<ScoringEngine> } }).sixty?._qualify;
  return q && typeof q.qualify === 'function' && typeof q.applyEvents === 'function' && typeof q.emptyBehaviourState === 'function'
    ? (q as ScoringEngine)
    : null;
}

(window as unknown as { sixtyBenchScoring: (a: Args) => unknown }).sixtyBenchScoring = (args: Args) => {
  const fromWidget = widgetEngine();
  const engine = fromWidget ?? { applyEvents, emptyBehaviourState, qualify };
  return { ...runScoring(engine, { ...args, clock: () => performance.now() }), engine: fromWidget ? 'widget' : 'bundled' };
};
