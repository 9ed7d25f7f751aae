// The marketing SLA (DOMAIN.md), worked back from the sales quota: leads, MQLs and SQLs needed
// per month, beside what the funnel measured in the chosen range. Saved per workspace, so both
// teams argue from the one SLA; every save is listed with who made it and when.
import { formatMoney } from '../../../shared/money';
import { useEffect, useState } from 'preact/hooks';
import { marketingSla, type MarketingSlaInput } from '../../../shared/marketing-sla';
import type { SlaChange, SlaView } from '../../../shared/schemas/sla.schema';
import { Input } from '../ui/fields';
import { FormStatus, showFormFailure } from '../ui/form-failure';
import { useLoad } from '../ui/useLoad';
import type { FunnelReport } from '../types';
import { countText, percentText } from './figures';
import { rangeDays } from './range';
import { slaApi } from './sla-api';
import { TableCsv } from './TableCsv';

interface Form {
  salesQuota: string;
  marketingShare: string;
  averageDealSize: string;
  leadToMql: string;
  mqlToSql: string;
  sqlToCustomer: string;
}

/**
 * Where earlier versions kept the inputs, in one browser. Read once: when the workspace has no
 * saved SLA, they are offered as a draft to save (never saved silently); removed once saved.
 */
const STORAGE_KEY = 'sixty.marketingSla';
const DEFAULTS: Form = { salesQuota: '100000', marketingShare: '50', averageDealSize: '5000', leadToMql: '30', mqlToSql: '40', sqlToCustomer: '25' };
/** Average month, for turning a range's counts into a monthly pace. */
const DAYS_PER_MONTH = 30.44;

/** This browser's old inputs, if it has any. */
function browserDraft(): Form | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Form> | null;
    if (!saved || typeof saved !== 'object') return null;
    const known = Object.fromEntries(Object.entries(saved).filter(([k, v]) => k in DEFAULTS && typeof v === 'string'));
    return Object.keys(known).length ? { ...DEFAULTS, ...known } : null;
  } catch {
    return null;
  }
}

function forgetBrowserDraft() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused: the draft stays offered only while the workspace has no SLA.
  }
}

/** Percent text from a stored fraction, without float dust (0.3 * 100 is 30.000000000000004). */
const percentOf = (x: number) => String(Math.round(x * 100_000) / 1000);

function formOf(c: SlaChange): Form {
  return {
    salesQuota: String(c.salesQuota),
    marketingShare: percentOf(c.marketingShare),
    averageDealSize: String(c.averageDealSize),
    leadToMql: percentOf(c.leadToMql),
    mqlToSql: percentOf(c.mqlToSql),
    sqlToCustomer: percentOf(c.sqlToCustomer),
  };
}

/** The server's field names to the inputs' ids. */
const FIELD_IDS: Record<keyof Form, string> = {
  salesQuota: 'sla-quota',
  marketingShare: 'sla-share',
  averageDealSize: 'sla-deal',
  leadToMql: 'sla-lead-mql',
  mqlToSql: 'sla-mql-sql',
  sqlToCustomer: 'sla-sql-customer',
};

const changedFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

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
  /** After a save: the targets this month follow. */
  onSaved?: () => void;
  onSessionEnded: () => void;
  /** The workspace's currency: the quota, deal size and revenue goal are in it. */
  currency: string;
}

export function SlaCalculator({ funnel, from, to, onSaved, onSessionEnded, currency }: Props) {
  const [form, setForm] = useState<Form>(DEFAULTS);
  const saved = useLoad(() => slaApi.get(), [], onSessionEnded);
  /** Shown while the form holds this browser's old inputs rather than a saved SLA. */
  const [draft, setDraft] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const view = saved.data;
  useEffect(() => {
    if (!view) return;
    if (view.current) return setForm(formOf(view.current));
    const old = browserDraft();
    if (old) {
      setForm(old);
      setDraft(true);
    }
  }, [view]);

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    setNotice('');
    setError('');
    setFields({});
    try {
      const next: SlaView = await slaApi.save(inputOf(form));
      saved.setData(next);
      setDraft(false);
      forgetBrowserDraft();
      setNotice('Saved: both teams now see this SLA and its targets.');
      onSaved?.();
    } catch (err) {
      showFormFailure(err, onSessionEnded, e.currentTarget as HTMLFormElement, { setFields, setError });
    } finally {
      setSaving(false);
    }
  }
  const unsaved = view ? (view.current ? JSON.stringify(formOf(view.current)) !== JSON.stringify(form) : true) : false;
  const fieldError = (key: keyof Form) => fields[key];
  /** A stage conversion rate in percent, with the range's measured rate beside it when there is one. */
  const rateInput = (key: 'leadToMql' | 'mqlToSql' | 'sqlToCustomer', label: string, measured?: number | null) => (
    <Input
      id={FIELD_IDS[key]}
      error={fieldError(key)}
      label={label}
      type="number"
      inputMode="decimal"
      min={0}
      max={100}
      step="any"
      {...(measured === undefined ? {} : { hint: `Measured: ${percentText(measured)}` })}
      value={form[key]}
      onValue={set(key)}
    />
  );

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
      {draft && (
        <p class="warning sla-draft" role="status" data-sla-draft>
          This browser kept calculator inputs from before the SLA was saved for the workspace. They are shown as a draft: nothing is saved until you press
          &ldquo;Save the SLA&rdquo;.
        </p>
      )}
      <div class="sla-layout">
        <form class="sla-form" onSubmit={save} noValidate>
          <div class="grid-fields sla-inputs">
            <Input
              id="sla-quota"
              error={fieldError('salesQuota')}
              label={`Sales quota per month (${currency})`}
              inputMode="decimal"
              value={form.salesQuota}
              onValue={set('salesQuota')}
            />
            <Input
              id="sla-share"
              error={fieldError('marketingShare')}
              label="Share from marketing (%)"
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              value={form.marketingShare}
              onValue={set('marketingShare')}
            />
            <Input
              id="sla-deal"
              error={fieldError('averageDealSize')}
              label={`Average deal size (${currency})`}
              inputMode="decimal"
              value={form.averageDealSize}
              onValue={set('averageDealSize')}
            />
            {rateInput('leadToMql', 'Lead → MQL (%)', measuredLeadToMql)}
            {rateInput('mqlToSql', 'MQL → SQL (%)', measuredMqlToSql)}
            {rateInput('sqlToCustomer', 'SQL → customer (%)')}
            <div class="sla-measured-btn">
              <button type="button" class="btn btn-small" onClick={useMeasured} disabled={!measuredLeadToMql && !measuredMqlToSql}>
                Use the measured rates
              </button>
            </div>
          </div>
          <div class="sla-save">
            <button type="submit" class="btn btn-primary" disabled={saving || !view}>
              Save the SLA
            </button>
            {unsaved && !saving && <span class="muted">{view?.current ? 'Unsaved changes' : 'Not saved for the workspace yet'}</span>}
          </div>
          <FormStatus notice={notice} error={error} />
        </form>
        <div class="sla-out" aria-live="polite">
          {sla ? (
            <>
              <p class="sla-goal">
                Revenue goal from marketing: <strong>{formatMoney(sla.revenueGoal, currency)}</strong> a month
              </p>
              <TableCsv name="sla-targets" title="Marketing SLA targets">
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
              </TableCsv>
              <p class="muted kpi-note">Measured pace: the range&rsquo;s counts scaled to a month. Red: below what the quota needs.</p>
            </>
          ) : (
            <p class="warning">Enter a quota, a deal size above 0 and rates between 0 and 100% to work out the SLA.</p>
          )}
        </div>
      </div>
      {view && <SlaHistory history={view.history} />}
    </section>
  );
}

/** Who changed the SLA and when, newest first. */
function SlaHistory({ history }: { history: SlaChange[] }) {
  if (!history.length) return <p class="muted sla-history-empty">No saves yet: the SLA is agreed once someone saves it, and its changes are listed here.</p>;
  const pct = (x: number) => `${percentOf(x)}%`;
  return (
    <div class="sla-history">
      <h3>Changes</h3>
      <ol class="sla-history-list">
        {history.map((c, i) => (
          <li key={c.id} data-sla-change={i}>
            <strong>{c.changedByName}</strong> <span class="muted">{changedFormat.format(c.changedAt)}</span>
            {i === 0 && <span class="sla-in-force">In force</span>}
            <br />
            Quota {countText(c.salesQuota)}, marketing {pct(c.marketingShare)}, deal {countText(c.averageDealSize)}; lead → MQL {pct(c.leadToMql)}, MQL → SQL{' '}
            {pct(c.mqlToSql)}, SQL → customer {pct(c.sqlToCustomer)}
          </li>
        ))}
      </ol>
    </div>
  );
}
