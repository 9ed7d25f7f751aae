// The agreed monthly MQL and SQL targets against this month's pace, and which side is behind:
// marketing on volume or sales on follow-up (server/sla/sla-pace.core.ts judges it).
import type { SlaPace } from '../../../shared/schemas/sla.schema';
import { LoadState } from '../ui/LoadState';
import { useLoad } from '../ui/useLoad';
import { countText, percentText, speedText } from './figures';
import { browserZone, slaApi } from './sla-api';
import { TableCsv } from './TableCsv';

interface Props {
  /** Bumped when the SLA is saved, so the targets follow. */
  version: number;
  onSessionEnded: () => void;
}

const monthFormat = (timeZone: string) => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone });

export function SlaPaceSection({ version, onSessionEnded }: Props) {
  const zone = browserZone();
  const load = useLoad(() => slaApi.pace(zone), [version, zone], onSessionEnded);
  const pace = load.data?.pace;
  return (
    <section class="panel numbers-section" aria-labelledby="pace-heading" data-section="sla-pace">
      <h2 id="pace-heading">SLA targets this month</h2>
      <LoadState loading={load.loading && !load.data} error={load.error} onRetry={load.reload} />
      {load.data && !pace && (
        <p class="muted" data-pace="none">
          No SLA agreed yet. Save the calculator&rsquo;s inputs below and both teams see the monthly targets against the pace here.
        </p>
      )}
      {pace && <PaceView pace={pace} />}
    </section>
  );
}

function PaceView({ pace }: { pace: SlaPace }) {
  const verdicts = [pace.behind.marketing && 'Marketing is behind on volume', pace.behind.sales && 'Sales is behind on follow-up'].filter(Boolean);
  const rows = [
    { id: 'mqls', label: 'MQLs', t: pace.mqls },
    { id: 'sqls', label: 'SQLs', t: pace.sqls },
  ];
  return (
    <>
      <p class="section-intro muted">
        {monthFormat(pace.timeZone).format(pace.month.from)} ({pace.timeZone}), {percentText(pace.elapsed)} of the month gone. By today: the monthly target pro
        rata; month end: where the month ends at this pace.
      </p>
      <p class={`pace-verdict ${verdicts.length ? 'behind' : 'on-pace'}`} data-verdict={verdicts.length ? 'behind' : 'on-pace'}>
        {verdicts.length ? `${verdicts.join('. ')}.` : 'Both teams are on pace.'}
      </p>
      {pace.reasons.length > 0 && (
        <ul class="pace-reasons">
          {pace.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <TableCsv name="sla-pace" title="SLA targets this month">
        <div class="table-scroll">
          <table class="data-table sla-table pace-table">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">This month</span>
                </th>
                <th scope="col" class="num">
                  Target
                </th>
                <th scope="col" class="num">
                  So far
                </th>
                <th scope="col" class="num">
                  By today
                </th>
                <th scope="col" class="num">
                  Month end
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ id, label, t }) => (
                <tr key={id} data-pace={id}>
                  <th scope="row">{label}</th>
                  <td class="num" data-figure={`pace-target-${id}`}>
                    {countText(t.target)}
                  </td>
                  <td class={`num ${t.behind ? 'short' : 'met'}`} data-figure={`pace-actual-${id}`}>
                    {countText(t.actual)}
                  </td>
                  <td class="num" data-figure={`pace-expected-${id}`}>
                    {countText(Math.ceil(t.expected))}
                  </td>
                  <td class="num">{t.projected === null ? '—' : countText(Math.round(t.projected))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </TableCsv>
      <dl class="pace-follow-up">
        <div>
          <dt>MQL → SQL</dt>
          <dd class={pace.sqlRate.behind ? 'short' : ''}>
            {percentText(pace.sqlRate.actual)} <span class="muted">(agreed {percentText(pace.sqlRate.agreed)})</span>
          </dd>
        </div>
        <div>
          <dt>SLA breaches</dt>
          <dd class={pace.speed.manyBreaches ? 'short' : ''}>
            {countText(pace.speed.breaches)} of {countText(pace.speed.handRaised)} hand-raises
          </dd>
        </div>
        <div>
          <dt>Median time to accept</dt>
          <dd class={pace.speed.slowAccept ? 'short' : ''}>{speedText(pace.speed.medianAcceptMs)}</dd>
        </div>
      </dl>
    </>
  );
}
