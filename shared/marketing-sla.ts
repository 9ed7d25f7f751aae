// The marketing SLA, worked back from the sales target (DOMAIN.md). Pure; the console shows it
// beside the measured actuals.

export interface MarketingSlaInput {
  /** Sales quota for the period (currency). */
  salesQuota: number;
  /** Share of revenue expected from marketing-sourced leads (0..1). */
  marketingShare: number;
  averageDealSize: number;
  /** Stage conversion rates (0..1). */
  leadToMql: number;
  mqlToSql: number;
  sqlToCustomer: number;
}

export interface MarketingSla {
  revenueGoal: number;
  customers: number;
  sqls: number;
  mqls: number;
  leads: number;
}

/** Counts are rounded up: you cannot win 0.4 of a customer. */
export function marketingSla(i: MarketingSlaInput): MarketingSla | null {
  if ([i.averageDealSize, i.leadToMql, i.mqlToSql, i.sqlToCustomer].some((x) => !(x > 0))) return null;
  const revenueGoal = i.salesQuota * i.marketingShare;
  const customers = roundUp(revenueGoal / i.averageDealSize);
  const sqls = roundUp(customers / i.sqlToCustomer);
  const mqls = roundUp(sqls / i.mqlToSql);
  const leads = roundUp(mqls / i.leadToMql);
  return { revenueGoal, customers, sqls, mqls, leads };
}

/** Ceil that ignores floating-point dust (3 / 0.3 is 10.000000000000002, not 11). */
function roundUp(x: number): number {
  return Math.ceil(Math.round(x * 1e9) / 1e9);
}
