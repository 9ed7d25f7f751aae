// The plan a store runs to add a routing rule: the new rule's position and the existing rules
// that move to make room. Positions come out as 1..n with no gaps, so the order is exactly the
// list's. Pure; both store dialects run it inside the transaction that inserts the rule.
import { newRuleIndex } from '../../shared/routing-rule-order';
import type { Condition } from './routing.types';

export interface StoredRulePlace {
  id: string;
  position: number;
  conditions: readonly Condition[];
}

export interface NewRulePlan {
  position: number;
  /** Existing rules whose position changes (only those). */
  moves: Array<{ id: string; position: number }>;
}

/** `ordered`: the site's rules in their current order (ascending position). */
export function planNewRule(ordered: readonly StoredRulePlace[], conditions: readonly Condition[]): NewRulePlan {
  const at = newRuleIndex(ordered, conditions);
  const moves = ordered.flatMap((r, i) => {
    const position = i < at ? i + 1 : i + 2;
    return position === r.position ? [] : [{ id: r.id, position }];
  });
  return { position: at + 1, moves };
}
