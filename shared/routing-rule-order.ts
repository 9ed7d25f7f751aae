// Where a new routing rule goes in a site's list (first match wins). A rule with no conditions
// takes every lead, so anything below it never matches: a new rule goes just above the first
// such catch-all ("Everyone else"). A new catch-all goes at the end, where it can shadow nothing
// the admin already relies on (the page then flags it if an older catch-all is above it).
// Shared so the server (which decides) and the console (which says where it will go) agree.

/** A rule as placement sees it: only whether it has conditions matters. */
export interface PlacedRule {
  conditions: readonly unknown[];
}

/** A rule with no conditions matches every lead. */
export function isCatchAll(rule: PlacedRule): boolean {
  return rule.conditions.length === 0;
}

/** The 0-based index a new rule with these conditions takes in the ordered list. */
export function newRuleIndex(ordered: readonly PlacedRule[], conditions: readonly unknown[]): number {
  if (conditions.length === 0) return ordered.length;
  const catchAll = ordered.findIndex(isCatchAll);
  return catchAll < 0 ? ordered.length : catchAll;
}
