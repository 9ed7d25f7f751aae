// The funnel: visitors -> leads -> MQL -> SAL -> SQL -> opportunity -> won, conversion between
// steps, the median time from one step to the next, and the won deals' revenue.
import type { FunnelReport } from '../types';
import { BarChart } from './BarChart';
import { STEP_LABELS, countText, moneyText, percentText, spanText } from './figures';
import { TableCsv } from './TableCsv';

export function FunnelSection({ funnel, currency }: { funnel: FunnelReport; currency: string }) {
  const steps = funnel.steps;
  return (
    <section class="panel numbers-section" aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Funnel</h2>
      <p class="section-intro muted">Reaching a later stage counts as passing the earlier ones (an SQL was an MQL).</p>
      <dl class="kpis kpis-two">
        <div class="kpi">
          <dt>Won revenue</dt>
          <dd data-figure="won-revenue">{moneyText(funnel.revenue, currency)}</dd>
        </div>
      </dl>
      <BarChart
        labels={steps.map((s) => STEP_LABELS[s.step] ?? s.step)}
        series={[{ label: 'People', values: steps.map((s) => s.count) }]}
        whole
        format={(n) => countText(n)}
        summary={`Funnel: ${steps.map((s) => `${STEP_LABELS[s.step] ?? s.step} ${s.count}`).join(', ')}`}
      />
      <TableCsv name="funnel" title="Funnel steps">
        <div class="table-scroll">
          <table class="data-table" aria-label="Funnel steps">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col" class="num">
                  Count
                </th>
                <th scope="col" class="num">
                  From previous
                </th>
                <th scope="col" class="num">
                  Median time from previous
                </th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.step} data-step={s.step}>
                  <th scope="row">{STEP_LABELS[s.step] ?? s.step}</th>
                  <td class="num" data-figure={`step-${s.step}`}>
                    {countText(s.count)}
                  </td>
                  <td class="num" data-figure={`conversion-${s.step}`}>
                    {percentText(s.conversionFromPrevious)}
                  </td>
                  <td class="num">{spanText(s.medianMsFromPrevious)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </TableCsv>
    </section>
  );
}
