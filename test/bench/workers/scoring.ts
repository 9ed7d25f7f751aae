// Figure 4 in Node: the scoring loop and the URL-glob worst cases in a quiet process of their own.
import { applyEvents, emptyBehaviourState, qualify } from '../../../shared/qualify';
import type { SiteRules } from '../../../shared/site-rules';
import { runGlobs, type GlobRun } from '../glob-loop';
import { runScoring, type ScoringRun } from '../scoring-loop';

export const scoringTasks = {
  'scoring.node': async (args: { rules: SiteRules; pastEvents: number; batch: number; batches: number }): Promise<ScoringRun> =>
    runScoring({ applyEvents, emptyBehaviourState, qualify }, { ...args, clock: () => performance.now() }),
  'scoring.globs': async (args: { matches: number }): Promise<GlobRun[]> => runGlobs(args.matches, () => performance.now()),
};
