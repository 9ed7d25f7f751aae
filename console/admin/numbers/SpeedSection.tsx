// Speed-to-lead: hand-raise to accept and to first call attempt, overall, by rep and by team,
// and the SLA breaches with their causes.
import type { Distribution, SpeedReport } from '../types';
import { BarChart } from './BarChart';
import { SLA_CAUSE_LABELS, countText, percentText, speedText } from './figures';
import { TableCsv } from './TableCsv';

/** `of`: what the hand-raises counted are (the note under the figures). */
function Kpis({ title, d, id, of = 'hand-raises' }: { title: string; d: Distribution; id: string; of?: string }) {
  return (
    <div class="kpi-group" data-kpis={id}>
      <h3>{title}</h3>
      <dl class="kpis">
        <div class="kpi">
          <dt>Median</dt>
          <dd data-figure={`${id}-median`}>{speedText(d.medianMs)}</dd>
        </div>
        <div class="kpi">
          <dt>90th percentile</dt>
          <dd data-figure={`${id}-p90`}>{speedText(d.p90Ms)}</dd>
        </div>
        <div class="kpi">
          <dt>Within 60 s</dt>
          <dd data-figure={`${id}-60s`}>{percentText(d.within60s)}</dd>
        </div>
        <div class="kpi">
          <dt>Within 5 min</dt>
          <dd data-figure={`${id}-5m`}>{percentText(d.within5m)}</dd>
        </div>
      </dl>
      <p class="muted kpi-note" data-figure={`${id}-reached`}>
        {countText(d.reached)} of {countText(d.leads)} {of} reached this step.
      </p>
    </div>
  );
}

type Row = SpeedReport['byRep'][number];

function ByTable({ caption, who, rows }: { caption: string; who: string; rows: Row[] }) {
  if (rows.length === 0) return null;
  return (
    <TableCsv name={`speed-${who.toLowerCase()}`} title={caption}>
      <div class="table-scroll">
        <table class="data-table" aria-label={caption}>
          <thead>
            <tr>
              <th scope="col">{who}</th>
              <th scope="col" class="num">
                Hand-raises
              </th>
              <th scope="col" class="num">
                Median to accept
              </th>
              <th scope="col" class="num">
                p90 to accept
              </th>
              <th scope="col" class="num">
                Accepted ≤ 60 s
              </th>
              <th scope="col" class="num">
                Median to call
              </th>
              <th scope="col" class="num">
                Called ≤ 5 min
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td class="num">{countText(r.toAccept.leads)}</td>
                <td class="num">{speedText(r.toAccept.medianMs)}</td>
                <td class="num">{speedText(r.toAccept.p90Ms)}</td>
                <td class="num">{percentText(r.toAccept.within60s)}</td>
                <td class="num">{speedText(r.toFirstCall.medianMs)}</td>
                <td class="num">{percentText(r.toFirstCall.within5m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </TableCsv>
  );
}

export function SpeedSection({ speed }: { speed: SpeedReport }) {
  const reps = speed.byRep;
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return (
    <section class="panel numbers-section" aria-labelledby="speed-heading">
      <h2 id="speed-heading">Speed-to-lead</h2>
      <p class="section-intro muted">
        From the hand-raise (callback request, or turning hot) to a rep accepting, and to the first call attempt (the tel: click, a connected browser call or
        the first logged outcome); for visitors who asked to talk in the browser, to voice connected.
      </p>
      {speed.toAccept.leads === 0 ? (
        <p class="muted">No hand-raises in this range.</p>
      ) : (
        <>
          <div class="kpi-row">
            <Kpis title="Hand-raise to accept" d={speed.toAccept} id="accept" />
            <Kpis title="Hand-raise to first call" d={speed.toFirstCall} id="call" />
            {speed.toVoice.leads > 0 && <Kpis title="Hand-raise to voice connected" d={speed.toVoice} id="voice" of="browser-call hand-raises" />}
          </div>
          {reps.length > 0 && (
            <>
              <h3 class="subhead">By rep</h3>
              <BarChart
                labels={reps.map((r) => r.name)}
                series={[
                  { label: 'Median to accept', values: reps.map((r) => seconds(r.toAccept.medianMs)) },
                  { label: 'Median to first call', values: reps.map((r) => seconds(r.toFirstCall.medianMs)) },
                ]}
                format={(s) => speedText(s * 1000)}
                summary={`Median seconds to accept and to first call by rep: ${reps.map((r) => `${r.name} ${speedText(r.toAccept.medianMs)} and ${speedText(r.toFirstCall.medianMs)}`).join('; ')}`}
              />
              <ByTable caption="Speed by rep" who="Rep" rows={reps} />
            </>
          )}
          {speed.byTeam.length > 0 && (
            <>
              <h3 class="subhead">By team</h3>
              <ByTable caption="Speed by team" who="Team" rows={speed.byTeam} />
            </>
          )}
        </>
      )}
      <h3 class="subhead">SLA breaches</h3>
      {speed.breaches.total === 0 ? (
        <p class="muted" data-figure="breaches">
          No breaches: every hand-raise in this range was accepted within its SLA.
        </p>
      ) : (
        <>
          <p data-figure="breaches">
            <strong>{countText(speed.breaches.total)}</strong> {speed.breaches.total === 1 ? 'lead' : 'leads'} waited past the SLA.
          </p>
          <BarChart
            labels={speed.breaches.byCause.map((c) => SLA_CAUSE_LABELS[c.cause] ?? c.cause)}
            series={[{ label: 'Breaches', values: speed.breaches.byCause.map((c) => c.count), tone: 2 }]}
            whole
            format={(n) => countText(n)}
            summary={`SLA breaches by cause: ${speed.breaches.byCause.map((c) => `${SLA_CAUSE_LABELS[c.cause] ?? c.cause} ${c.count}`).join(', ')}`}
          />
        </>
      )}
    </section>
  );
}
