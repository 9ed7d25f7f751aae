import { describe, expect, it } from 'vitest';
import { marketingSla } from './marketing-sla';

describe('marketingSla', () => {
  it('works back from the quota to leads per period, stage by stage', () => {
    // $1.2M quota, 50% from marketing, $20k deals: 30 customers; 30% SQL->customer: 100 SQLs;
    // 25% MQL->SQL: 400 MQLs; 40% lead->MQL: 1000 leads.
    expect(marketingSla({ salesQuota: 1_200_000, marketingShare: 0.5, averageDealSize: 20_000, leadToMql: 0.4, mqlToSql: 0.25, sqlToCustomer: 0.3 })).toEqual({
      revenueGoal: 600_000,
      customers: 30,
      sqls: 100,
      mqls: 400,
      leads: 1000,
    });
  });

  it('rounds up partial people but not floating-point dust, and refuses zero rates', () => {
    expect(marketingSla({ salesQuota: 30, marketingShare: 1, averageDealSize: 10, leadToMql: 1, mqlToSql: 1, sqlToCustomer: 0.3 })!.sqls).toBe(10);
    expect(marketingSla({ salesQuota: 31, marketingShare: 1, averageDealSize: 10, leadToMql: 1, mqlToSql: 1, sqlToCustomer: 1 })!.customers).toBe(4);
    expect(marketingSla({ salesQuota: 1, marketingShare: 1, averageDealSize: 1, leadToMql: 0, mqlToSql: 1, sqlToCustomer: 1 })).toBeNull();
  });
});
