// What both dialects' rep-workspace and supervisor operations decide and write without touching
// the database: the warm list's reasons, when a force-offer turns a lead hot, the trail's words.
import { checkTransition } from '../../shared/lifecycle';
import type { Stage } from '../../shared/api';
import type { Reason } from '../../shared/qualify/types';

/** The stored Reason[] JSON as the lines a rep reads on the warm list (zero-point reasons left out). */
export function warmReasons(json: string): string[] {
  return (JSON.parse(json) as Reason[]).filter((x) => x.points !== 0).map((x) => `${x.text} ${x.points > 0 ? '+' : ''}${x.points}`);
}

/** A supervisor pushing a lead to a rep is a decision that it should be called now. */
export function forceOfferTurnsHot(stage: string): boolean {
  return checkTransition(stage as Stage, 'hot', null).ok && stage !== 'hot' && ['lead', 'mql'].includes(stage);
}

/** Who a trail line names when the acting user is gone. */
export const UNKNOWN_MANAGER = 'A manager';

export const workspaceText = {
  claimReason: 'Pulled from the warm MQL list',
  claimed: (repName: string) => `${repName} took this warm lead from the team's list`,
  reassigned: (byName: string, toName: string) => `${byName} reassigned this lead to ${toName}`,
  forceOfferReason: 'Offered by a supervisor',
  forceOffered: (repName: string, byName: string) => `Offered to ${repName} by ${byName}`,
};
