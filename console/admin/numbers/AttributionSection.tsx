// Attribution: which channels, sources and campaigns brought the range's leads and how far they
// got (MQL, SQL, opportunity, won, revenue), under the model the reader picks: all credit to the
// first touch, to the last, or split equally (linear, so figures may be fractions); and cohorts
// by week of first touch. Both tables export as CSV.
import { useState } from 'preact/hooks';
import type { AttributionBy, AttributionFigures, AttributionModel } from '../types';
import { adminApi, type ReportRange } from '../admin-api';
import { LoadState } from '../ui/LoadState';
import { useLoad } from '../ui/useLoad';
import { BarChart } from './BarChart';
import { countText, creditText, moneyText } from './figures';

const MODELS: Array<{ key: AttributionModel; label: string; hint: string }> = [
  { key: 'first', label: 'First touch', hint: 'All credit to the touch that first brought each lead.' },
  { key: 'last', label: 'Last touch', hint: 'All credit to the last touch before each lead asked.' },
  { key: 'linear', label: 'Linear', hint: 'Credit split equally over every touch of each lead, so figures can be fractions.' },
];
const GROUPINGS: Array<{ key: AttributionBy; label: string }> = [
  { key: 'channel', label: 'Channel' },
  { key: 'source', label: 'Source' },
  { key: 'campaign', label: 'Campaign' },
];

/** Buttons that pick one of a few options, the chosen one pressed. */
function Switch<K extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Array<{ key: K; label: string }>;
  value: K;
  onChange: (k: K) => void;
}) {
  return (
    <div class="range-presets attribution-switch" role="group" aria-label={label}>
      <span class="muted attribution-switch-label">{label}</span>
      {options.map((o) => (
        <button key={o.key} type="button" class="btn btn-small" aria-pressed={value === o.key} data-option={o.key} onClick={() => onChange(o.key)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

function FigureCells({ f, currency, credit }: { f: AttributionFigures; currency: string; credit: (n: number) => string }) {
  return (
    <>
      <td class="num" data-col="leads">
        {credit(f.leads)}
      </td>
      <td class="num" data-col="mql">
        {credit(f.mql)}
      </td>
      <td class="num" data-col="sql">
        {credit(f.sql)}
      </td>
      <td class="num" data-col="opportunities">
        {credit(f.opportunities)}
      </td>
      <td class="num" data-col="won">
        {credit(f.won)}
      </td>
      <td class="num" data-col="revenue">
        {moneyText(f.revenue, currency)}
      </td>
    </>
  );
}

function FigureHeads({ first }: { first: string }) {
  return (
    <tr>
      <th scope="col">{first}</th>
      {['Leads', 'MQLs', 'SQLs', 'Opps', 'Won', 'Revenue'].map((h) => (
        <th key={h} scope="col" class="num">
          {h}
        </th>
      ))}
    </tr>
  );
}

export function AttributionSection({ range, onSessionEnded }: { range: ReportRange; onSessionEnded: () => void }) {
  const [model, setModel] = useState<AttributionModel>('first');
  const [by, setBy] = useState<AttributionBy>('channel');
  const loaded = useLoad(() => adminApi.attribution(range, model, by), [range.from, range.to, model, by], onSessionEnded);
  const r = loaded.data;
  const byLabel = GROUPINGS.find((g) => g.key === by)!.label;
  return (
    <section class="panel numbers-section attribution" aria-labelledby="attribution-heading" data-model={r?.model} data-by={r?.by}>
      <h2 id="attribution-heading">Attribution</h2>
      <p class="section-intro muted">
        Leads of the range credited to the touches that brought them: every session of their visitor up to the request, and the page they asked from.{' '}
        {MODELS.find((m) => m.key === model)!.hint}
      </p>
      <div class="attribution-switches">
        <Switch label="Model" options={MODELS} value={model} onChange={setModel} />
        <Switch label="By" options={GROUPINGS} value={by} onChange={setBy} />
      </div>
      <LoadState loading={loaded.loading && !r} error={loaded.error} onRetry={loaded.reload} />
      {r && (
        <div class={loaded.loading ? 'numbers-stale' : ''} aria-busy={loaded.loading}>
          {r.groups.length === 0 ? (
            <p class="muted">No leads in this range.</p>
          ) : (
            <>
              <BarChart
                labels={r.groups.map((g) => g.label)}
                series={[
                  { label: 'Leads', values: r.groups.map((g) => g.leads) },
                  { label: 'Won', values: r.groups.map((g) => g.won), tone: 2 },
                ]}
                format={creditText}
                summary={`Leads and won deals by ${byLabel.toLowerCase()}, ${model} touch: ${r.groups.map((g) => `${g.label} ${creditText(g.leads)} leads, ${creditText(g.won)} won`).join('; ')}`}
              />
              <div class="table-scroll">
                <table class="data-table" aria-label={`Attribution by ${byLabel.toLowerCase()}`} data-table="attribution">
                  <thead>
                    <FigureHeads first={byLabel} />
                  </thead>
                  <tbody>
                    {r.groups.map((g) => (
                      <tr key={g.key} data-group={g.key}>
                        <th scope="row">{g.label}</th>
                        <FigureCells f={g} currency={r.currency} credit={creditText} />
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr data-group="total">
                      <th scope="row">All leads</th>
                      <FigureCells f={r} currency={r.currency} credit={creditText} />
                    </tr>
                  </tfoot>
                </table>
              </div>
              <p class="attribution-links">
                <a class="btn btn-small" href={adminApi.attributionCsvHref(range, model, by, 'groups')} download>
                  This table (CSV)
                </a>
              </p>
              <h3 class="attribution-subhead">Cohorts by week of first touch</h3>
              <p class="muted section-intro">Each lead once, in the week (from Monday, UTC) its first touch happened, and how far it got.</p>
              <div class="table-scroll">
                <table class="data-table" aria-label="Cohorts by week of first touch" data-table="cohorts">
                  <thead>
                    <FigureHeads first="Week of" />
                  </thead>
                  <tbody>
                    {r.cohorts.map((c) => (
                      <tr key={c.week} data-week={c.week}>
                        <th scope="row">{c.week}</th>
                        <FigureCells f={c} currency={r.currency} credit={countText} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="attribution-links">
                <a class="btn btn-small" href={adminApi.attributionCsvHref(range, model, by, 'cohorts')} download>
                  Cohorts (CSV)
                </a>
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
