// Figure 4 in Node: the scoring loop in a quiet process of its own.
import { applyEvents, emptyBehaviourState, qualify } from '../../../shared/qualify';
import type { SiteRules } from '../../../shared/site-rules';
import { runScoring, type ScoringRun } from '../scoring-loop';

export const scoringTasks = {
  'scoring.node': async (args: { rules: SiteRules; pastEvents: number; batch: number; batches: number }): Promise<ScoringRun> =>
    runScoring({ applyEvents, emptyBehaviourState, qualify }, { ...args, clock: () => performance.now() }),
};
