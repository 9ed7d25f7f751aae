// Why leads left (nurture, disqualification and lost-deal reasons), where they came from (sources and
// campaigns), and how hard they were worked (follow-up attempts).
import type { FunnelReport } from '../types';
import { countText, decimalText } from './figures';
import { TableCsv } from './TableCsv';

function Reasons({ title, rows, id }: { title: string; rows: Array<{ reason: string; count: number }>; id: string }) {
  return (
    <section class="panel numbers-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">None in this range.</p>
      ) : (
        <TableCsv name={`${id}-reasons`} title={title}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" class="num">
                  Leads
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.reason}>
                  <th scope="row">{r.reason}</th>
                  <td class="num">{countText(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableCsv>
      )}
    </section>
  );
}

function Origins({ title, who, rows, id }: { title: string; who: string; rows: Array<{ name: string; leads: number; mql: number; sql: number }>; id: string }) {
  return (
    <section class="panel numbers-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p class="muted">No leads in this range.</p>
      ) : (
        <TableCsv name={id} title={title}>
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{who}</th>
                  <th scope="col" class="num">
                    Leads
                  </th>
                  <th scope="col" class="num">
                    MQLs
                  </th>
                  <th scope="col" class="num">
                    SQLs
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <td class="num">{countText(r.leads)}</td>
                    <td class="num">{countText(r.mql)}</td>
                    <td class="num">{countText(r.sql)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </TableCsv>
      )}
    </section>
  );
}

export function Breakdowns({ funnel }: { funnel: FunnelReport }) {
  return (
    <div class="numbers-grid">
      <Reasons title="Nurture reasons" id="nurture" rows={funnel.nurtureReasons} />
      <Reasons title="Disqualification reasons" id="disqualify" rows={funnel.disqualifyReasons} />
      <Reasons title="Lost deal reasons" id="lost" rows={funnel.lostReasons} />
      <Origins title="Sources" who="Source" id="sources" rows={funnel.sources.map((s) => ({ name: s.source, ...s }))} />
      <Origins title="Campaigns" who="Campaign" id="campaigns" rows={funnel.campaigns.map((c) => ({ name: c.campaign, ...c }))} />
      <section class="panel numbers-section" aria-labelledby="followups-heading">
        <h2 id="followups-heading">Follow-up attempts</h2>
        <dl class="kpis kpis-two">
          <div class="kpi">
            <dt>Leads worked</dt>
            <dd data-figure="leads-worked">{countText(funnel.followUps.leadsWorked)}</dd>
          </div>
          <div class="kpi">
            <dt>Attempts per lead</dt>
            <dd data-figure="mean-attempts">{decimalText(funnel.followUps.meanAttempts)}</dd>
          </div>
        </dl>
        <p class="muted kpi-note">Most sales need several touches: 6 to 9 attempts before a lead goes back to nurture is the usual advice.</p>
      </section>
    </div>
  );
}
