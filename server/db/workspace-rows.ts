// What both dialects' rep-workspace reads show: the warm list's reasons and how long the lists run. (Who holds a lead, and
// the trail's words for it, are decided in server/routing/plan-hold.core.ts.)
import type { Reason } from '../../shared/qualify/types';

/** The stored Reason[] JSON as the lines a rep reads on the warm list (zero-point reasons left out). */
export function warmReasons(json: string): string[] {
  return (JSON.parse(json) as Reason[]).filter((x) => x.points !== 0).map((x) => `${x.text} ${x.points > 0 ? '+' : ''}${x.points}`);
}

/** The newest leads a rep sees on "my leads". */
export const MINE_LIMIT = 200;
/** Held leads listed for a supervisor, oldest accept first. */
export const ACTIVE_LIMIT = 200;
