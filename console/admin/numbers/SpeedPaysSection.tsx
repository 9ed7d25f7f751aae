// Speed pays: conversion to SQL and to won by how soon the hand-raise was first called, with
// the count of every bucket beside its rates so a small sample reads as one, and the
// workspace's own "called fast converts N times better" comparison.
import { CALL_BUCKET_LABELS } from '../../../shared/call-buckets';
import type { SpeedPaysReport } from '../types';
import { BarChart } from './BarChart';
import { countText, percentText, timesText } from './figures';

type Bucket = SpeedPaysReport['buckets'][number];

/** "60%" over "6 of 10": a rate is never shown without what it is out of. */
function Rate({ part, b, rate }: { part: number; b: Bucket; rate: number | null }) {
  if (b.leads === 0) return <>—</>;
  return (
    <>
      {percentText(rate)}
      <span class="rate-of">
        {countText(part)} of {countText(b.leads)}
      </span>
    </>
  );
}

function Lift({ report }: { report: SpeedPaysReport }) {
  const lift = report.lift;
  if (!lift)
    return (
      <p class="muted" data-figure="speed-pays-lift">
        Not enough called leads in this range to compare fast and slow first calls.
      </p>
    );
  const fast = report.buckets.find((b) => b.bucket === lift.fast)!;
  const slow = report.buckets.find((b) => b.bucket === lift.slow)!;
  const line = (what: string, c: typeof lift.sql, fastN: number, slowN: number) =>
    c.ratio === null
      ? `${what}: ${percentText(c.fastRate)} (${fastN} of ${fast.leads}) against none of ${slow.leads}.`
      : `${what}: ${timesText(c.ratio)} as likely (${percentText(c.fastRate)} of ${fast.leads} against ${percentText(c.slowRate)} of ${slow.leads}).`;
  return (
    <div class="speed-pays-lift" data-figure="speed-pays-lift">
      <p>
        Called <strong>{CALL_BUCKET_LABELS[lift.fast].toLowerCase()}</strong> against <strong>{CALL_BUCKET_LABELS[lift.slow].toLowerCase()}</strong>:
      </p>
      <ul>
        <li data-figure="lift-sql">{line('To SQL', lift.sql, fast.sql, slow.sql)}</li>
        <li data-figure="lift-won">{line('To won', lift.won, fast.won, slow.won)}</li>
      </ul>
    </div>
  );
}

export function SpeedPaysSection({ report, csvHref }: { report: SpeedPaysReport; csvHref: string }) {
  const labelled = report.buckets.map((b) => `${CALL_BUCKET_LABELS[b.bucket]} (${b.leads})`);
  const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
  return (
    <section class="panel numbers-section" aria-labelledby="speed-pays-heading">
      <div class="section-head">
        <h2 id="speed-pays-heading">Speed pays</h2>
        <a class="btn btn-small" href={csvHref} download>
          CSV
        </a>
      </div>
      <p class="section-intro muted">
        Hand-raises in this range by how soon a rep first called, and how many became SQL and closed won so far. The number after each bucket is its leads: read
        small ones with care.
      </p>
      {report.leads === 0 ? (
        <p class="muted">No hand-raises in this range.</p>
      ) : (
        <>
          <Lift report={report} />
          <BarChart
            labels={labelled}
            series={[
              { label: 'To SQL', values: report.buckets.map((b) => percent(b.sqlRate)) },
              { label: 'To won', values: report.buckets.map((b) => percent(b.wonRate)), tone: 2 },
            ]}
            format={(v) => `${Math.round(v)}%`}
            summary={`Conversion by first call: ${report.buckets.map((b) => `${CALL_BUCKET_LABELS[b.bucket]}, ${b.leads} leads, ${percentText(b.sqlRate)} to SQL, ${percentText(b.wonRate)} won`).join('; ')}`}
          />
          <div class="table-scroll">
            <table class="data-table" aria-label="Speed pays">
              <thead>
                <tr>
                  <th scope="col">First call</th>
                  <th scope="col" class="num">
                    Leads
                  </th>
                  <th scope="col" class="num">
                    To SQL
                  </th>
                  <th scope="col" class="num">
                    To won
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.buckets.map((b) => (
                  <tr key={b.bucket} data-bucket={b.bucket}>
                    <th scope="row">{CALL_BUCKET_LABELS[b.bucket]}</th>
                    <td class="num" data-figure={`bucket-${b.bucket}-leads`}>
                      {countText(b.leads)}
                    </td>
                    <td class="num" data-figure={`bucket-${b.bucket}-sql`}>
                      <Rate part={b.sql} b={b} rate={b.sqlRate} />
                    </td>
                    <td class="num" data-figure={`bucket-${b.bucket}-won`}>
                      <Rate part={b.won} b={b} rate={b.wonRate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
