// The marketing SLA (DOMAIN.md), worked back from the sales quota: leads, MQLs and SQLs needed
// per month, beside what the funnel measured in the chosen range.
import { formatMoney } from '../../../shared/money';
import { useEffect, useState } from 'preact/hooks';
import { marketingSla, type MarketingSlaInput } from '../../../shared/marketing-sla';
import { Input } from '../ui/fields';
import type { FunnelReport } from '../types';
import { countText, percentText } from './figures';
import { rangeDays } from './range';

interface Form {
  salesQuota: string;
  marketingShare: string;
  averageDealSize: string;
  leadToMql: string;
  mqlToSql: string;
  sqlToCustomer: string;
}

/** Inputs are kept in this browser, so the calculator opens as it was left. */
const STORAGE_KEY = 'sixty.marketingSla';
const DEFAULTS: Form = { salesQuota: '100000', marketingShare: '50', averageDealSize: '5000', leadToMql: '30', mqlToSql: '40', sqlToCustomer: '25' };
/** Average month, for turning a range's counts into a monthly pace. */
const DAYS_PER_MONTH = 30.44;

function stored(): Form {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Form> | null;
    return { ...DEFAULTS, ...(saved && typeof saved === 'object' ? saved : {}) };
  } catch {
    return DEFAULTS;
  }
}

function inputOf(f: Form): MarketingSlaInput {
  const n = (s: string) => Number(s.replace(/[, ]/g, ''));
  return {
    salesQuota: n(f.salesQuota),
    marketingShare: n(f.marketingShare) / 100,
    averageDealSize: n(f.averageDealSize),
    leadToMql: n(f.leadToMql) / 100,
    mqlToSql: n(f.mqlToSql) / 100,
    sqlToCustomer: n(f.sqlToCustomer) / 100,
  };
}

interface Props {
  funnel: FunnelReport;
  from: number;
  to: number;
  /** The workspace's currency: the quota, deal size and revenue goal are in it. */
  currency: string;
}

export function SlaCalculator({ funnel, from, to, currency }: Props) {
  const [form, setForm] = useState<Form>(stored);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(form));
    } catch {
      // Storage can be full or refused; the calculator still works for this visit.
    }
  }, [form]);

  const count = (step: string) => funnel.steps.find((s) => s.step === step)?.count ?? 0;
  const measured = { leads: count('leads'), mqls: count('mql'), sqls: count('sql') };
  const monthly = DAYS_PER_MONTH / rangeDays(from, to);
  const measuredLeadToMql = measured.leads ? measured.mqls / measured.leads : null;
  const measuredMqlToSql = measured.mqls ? measured.sqls / measured.mqls : null;

  const input = inputOf(form);
  const valid =
    Object.values(input).every((v) => Number.isFinite(v) && v >= 0) &&
    input.marketingShare <= 1 &&
    input.leadToMql <= 1 &&
    input.mqlToSql <= 1 &&
    input.sqlToCustomer <= 1;
  const sla = valid ? marketingSla(input) : null;
  const set = (key: keyof Form) => (v: string) => setForm((f) => ({ ...f, [key]: v }));
  const useMeasured = () =>
    setForm((f) => ({
      ...f,
      ...(measuredLeadToMql ? { leadToMql: String(Math.round(measuredLeadToMql * 1000) / 10) } : {}),
      ...(measuredMqlToSql ? { mqlToSql: String(Math.round(measuredMqlToSql * 1000) / 10) } : {}),
    }));

  const rows: Array<{ label: string; needed: number | null; actual: number | null; id: string }> = [
    { label: 'Leads', id: 'leads', needed: sla?.leads ?? null, actual: measured.leads },
    { label: 'MQLs', id: 'mqls', needed: sla?.mqls ?? null, actual: measured.mqls },
    { label: 'SQLs', id: 'sqls', needed: sla?.sqls ?? null, actual: measured.sqls },
    { label: 'Customers', id: 'customers', needed: sla?.customers ?? null, actual: null },
  ];

  return (
    <section class="panel numbers-section" aria-labelledby="sla-heading">
      <h2 id="sla-heading">Marketing SLA calculator</h2>
      <p class="section-intro muted">
        Revenue goal = quota × marketing&rsquo;s share; customers = goal ÷ deal size; then SQLs, MQLs and leads from each stage&rsquo;s conversion rate.
      </p>
      <div class="sla-layout">
        <div class="grid-fields sla-inputs">
          <Input id="sla-quota" label={`Sales quota per month (${currency})`} inputMode="decimal" value={form.salesQuota} onValue={set('salesQuota')} />
          <Input
            id="sla-share"
            label="Share from marketing (%)"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            value={form.marketingShare}
            onValue={set('marketingShare')}
          />
          <Input id="sla-deal" label={`Average deal size (${currency})`} inputMode="decimal" value={form.averageDealSize} onValue={set('averageDealSize')} />
          <Input
            id="sla-lead-mql"
            label="Lead → MQL (%)"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            hint={`Measured: ${percentText(measuredLeadToMql)}`}
            value={form.leadToMql}
            onValue={set('leadToMql')}
          />
          <Input
            id="sla-mql-sql"
            label="MQL → SQL (%)"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            hint={`Measured: ${percentText(measuredMqlToSql)}`}
            value={form.mqlToSql}
            onValue={set('mqlToSql')}
          />
          <Input
            id="sla-sql-customer"
            label="SQL → customer (%)"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            value={form.sqlToCustomer}
            onValue={set('sqlToCustomer')}
          />
          <div class="sla-measured-btn">
            <button type="button" class="btn btn-small" onClick={useMeasured} disabled={!measuredLeadToMql && !measuredMqlToSql}>
              Use the measured rates
            </button>
          </div>
        </div>
        <div class="sla-out" aria-live="polite">
          {sla ? (
            <>
              <p class="sla-goal">
                Revenue goal from marketing: <strong>{formatMoney(sla.revenueGoal, currency)}</strong> a month
              </p>
              <div class="table-scroll">
                <table class="data-table sla-table">
                  <thead>
                    <tr>
                      <th scope="col">Per month</th>
                      <th scope="col" class="num">
                        Needed
                      </th>
                      <th scope="col" class="num">
                        Measured pace
                      </th>
                      <th scope="col" class="num">
                        In range
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => {
                      const pace = r.actual === null ? null : r.actual * monthly;
                      const short = pace !== null && r.needed !== null && pace < r.needed;
                      return (
                        <tr key={r.id} data-sla={r.id}>
                          <th scope="row">{r.label}</th>
                          <td class="num" data-figure={`needed-${r.id}`}>
                            {countText(r.needed)}
                          </td>
                          <td class={`num${short ? ' short' : pace !== null ? ' met' : ''}`}>{pace === null ? '—' : countText(Math.round(pace))}</td>
                          <td class="num" data-figure={`actual-${r.id}`}>
                            {r.actual === null ? '—' : countText(r.actual)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p class="muted kpi-note">Measured pace: the range&rsquo;s counts scaled to a month. Red: below what the quota needs.</p>
            </>
          ) : (
            <p class="warning">Enter a quota, a deal size above 0 and rates between 0 and 100% to work out the SLA.</p>
          )}
        </div>
      </div>
    </section>
  );
}
