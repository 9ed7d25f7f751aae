// Fairness and reps: per team (its members below it, then the team's own line), what each rep
// did with their offers and leads, and the share of the team's rotation each got beside the
// share its weights would give. Reps in no team who got offers (a broadcast to everyone) follow.
import type { RepsReport } from '../types';
import { countText, moneyText, percentText, speedText } from './figures';

type Figures = RepsReport['reps'][number];
type Member = RepsReport['teams'][number]['members'][number];

const STRATEGY_LABELS: Record<string, string> = { round_robin: 'round robin', weighted: 'weighted', account_owner: 'account owner, then round robin' };

/** The cells every rep and team line has after its spread. */
function FigureCells({ f, currency, id }: { f: Omit<Figures, 'repId' | 'name'>; currency: string; id: string }) {
  return (
    <>
      <td class="num" data-figure={`${id}-received`}>
        {countText(f.offers.received)}
      </td>
      <td class="num" data-figure={`${id}-accepted`}>
        {countText(f.offers.accepted)}
      </td>
      <td class="num" data-figure={`${id}-declined`}>
        {countText(f.offers.declined)}
      </td>
      <td class="num" data-figure={`${id}-expired`}>
        {countText(f.offers.expired)}
      </td>
      <td class="num">{speedText(f.medianMsToAccept)}</td>
      <td class="num" data-figure={`${id}-owned`}>
        {countText(f.leadsOwned)}
      </td>
      <td class="num" data-figure={`${id}-sql-rate`}>
        {f.leadsOwned === 0 ? '—' : `${percentText(f.sqlRate)} (${countText(f.sqlLeads)})`}
      </td>
      <td class="num" data-figure={`${id}-revenue`}>
        {moneyText(f.wonRevenue, currency)}
        {f.wonDeals > 0 && ` (${countText(f.wonDeals)})`}
      </td>
    </>
  );
}

/** A member's share of the rotation, marked when it is off the expected share by 10 points or more. */
function ShareCells({ m, id }: { m: Pick<Member, 'weight' | 'expectedShare' | 'share' | 'rotationOffers'> | null; id: string }) {
  if (!m) return <td class="num" colSpan={3} />;
  const off = m.share !== null && m.expectedShare !== null && Math.abs(m.share - m.expectedShare) >= 0.1;
  return (
    <>
      <td class="num" data-figure={`${id}-weight`}>
        {m.weight === null ? 'left' : countText(m.weight)}
      </td>
      <td class="num" data-figure={`${id}-expected`}>
        {percentText(m.expectedShare)}
      </td>
      <td class={`num${off ? ' share-off' : ''}`} data-figure={`${id}-share`} title={off ? 'Ten points or more from the expected share' : undefined}>
        {m.share === null ? '—' : `${percentText(m.share)} (${countText(m.rotationOffers)})`}
      </td>
    </>
  );
}

function Head() {
  const cols = [
    'Weight',
    'Expected share',
    'Got (offers)',
    'Offers',
    'Accepted',
    'Declined',
    'Expired',
    'Median to accept',
    'Leads owned',
    'SQL rate (SQLs)',
    'Won revenue (deals)',
  ];
  return (
    <thead>
      <tr>
        <th scope="col">Rep</th>
        {cols.map((c) => (
          <th key={c} scope="col" class="num">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function RepFairnessSection({ report, csvHref }: { report: RepsReport; csvHref: (table: 'reps' | 'teams' | 'spread') => string }) {
  const byId = new Map(report.reps.map((r) => [r.repId, r]));
  const inTeam = new Set(report.teams.flatMap((t) => t.members.map((m) => m.repId)));
  const loose = report.reps.filter((r) => !inTeam.has(r.repId) && (r.offers.received > 0 || r.leadsOwned > 0 || r.wonDeals > 0));
  const declines = report.reps.filter((r) => r.declineReasons.length > 0);
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <section class="panel numbers-section" aria-labelledby="reps-heading">
      <div class="section-head">
        <h2 id="reps-heading">Fairness and reps</h2>
        <span class="csv-links">
          {(['reps', 'teams', 'spread'] as const).map((t) => (
            <a key={t} class="btn btn-small" href={csvHref(t)} download>
              {t === 'spread' ? 'Spread' : t === 'reps' ? 'Reps' : 'Teams'} CSV
            </a>
          ))}
        </span>
      </div>
      <p class="section-intro muted">
        Offers made in this range and how they ended, leads captured in it that each rep owns and how many became SQL, and deals closed won in it. "Got" is the
        share of the team's own rotation (round robin or weighted picks) each member received; "Expected" is what the strategy and weights give. A rep in two
        teams shows under both.
      </p>
      {report.teams.length === 0 && loose.length === 0 ? (
        <p class="muted">No teams and no offers in this range.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table fairness-table" aria-label="Fairness and reps">
            <Head />
            {report.teams.map((t) => (
              <tbody key={t.teamId} data-team={t.name}>
                <tr class="group-row">
                  <th scope="colgroup" colSpan={12}>
                    <span class="group-label">
                      {t.name}
                      <span class="muted">
                        {' '}
                        ·{' '}
                        {t.rotationOffers === 0
                          ? 'no rotation offers in this range'
                          : `${t.strategies.map((s) => STRATEGY_LABELS[s] ?? s).join(', ')} · ${countText(t.rotationOffers)} rotation ${t.rotationOffers === 1 ? 'offer' : 'offers'}`}
                      </span>
                    </span>
                  </th>
                </tr>
                {t.members.map((m) => {
                  const id = `${slug(t.name)}-${slug(m.name)}`;
                  const rep = byId.get(m.repId);
                  return (
                    <tr key={m.repId} data-rep={m.name}>
                      <th scope="row">{m.name}</th>
                      <ShareCells m={m} id={id} />
                      {rep ? <FigureCells f={rep} currency={report.currency} id={id} /> : <td colSpan={8} />}
                    </tr>
                  );
                })}
                <tr class="total-row" data-team-total={t.name}>
                  <th scope="row">{t.name} total</th>
                  <ShareCells m={null} id="" />
                  <FigureCells f={t} currency={report.currency} id={`team-${slug(t.name)}`} />
                </tr>
              </tbody>
            ))}
            {loose.length > 0 && (
              <tbody data-team="none">
                <tr class="group-row">
                  <th scope="colgroup" colSpan={12}>
                    <span class="group-label">In no team</span>
                  </th>
                </tr>
                {loose.map((r) => (
                  <tr key={r.repId} data-rep={r.name}>
                    <th scope="row">{r.name}</th>
                    <ShareCells m={null} id="" />
                    <FigureCells f={r} currency={report.currency} id={`none-${slug(r.name)}`} />
                  </tr>
                ))}
              </tbody>
            )}
          </table>
        </div>
      )}
      <h3 class="subhead">Why offers were declined</h3>
      {declines.length === 0 ? (
        <p class="muted">No offer was declined in this range.</p>
      ) : (
        <ul class="decline-list">
          {declines.map((r) => (
            <li key={r.repId} data-declines={r.name}>
              <strong>{r.name}</strong>: {r.declineReasons.map((d) => `${d.reason} ${d.count}`).join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
