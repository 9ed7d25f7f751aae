// What an erasure removed, table by table, in plain words.
import { useEffect, useRef } from 'preact/hooks';
import type { ErasureResult } from '../types';

/** The store's table names in the words of the product; unknown ones are shown as they are. */
const TABLE_LABELS: Record<string, string> = {
  leads: 'Leads',
  lead_events: 'Timeline entries',
  stage_changes: 'Stage changes',
  offers: 'Offers to reps',
  follow_ups: 'Follow-ups',
  sla_breaches: 'SLA breaches',
  idempotency_keys: 'Request records',
  callback_requests: 'Callback request records',
  events: 'Tracked events',
  visitors: 'Visitor profiles',
  outbox: 'Queued webhook events',
  webhook_deliveries: 'Webhook delivery logs',
};

const label = (table: string) => TABLE_LABELS[table] ?? table.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function ErasureReport({ who, result }: { who: string; result: ErasureResult }) {
  const box = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), [result]);
  const rows = Object.entries(result.removed).filter(([, n]) => n > 0);
  const total = rows.reduce((s, [, n]) => s + n, 0);
  return (
    <section class="panel erasure-report" aria-labelledby="erasure-heading" tabIndex={-1} ref={box}>
      <h2 id="erasure-heading">{total ? `Erased ${who}` : `Nothing stored about ${who}`}</h2>
      {total > 0 ? (
        <>
          <p class="section-intro muted">{total} records removed. The erasure itself is recorded without the personal data.</p>
          <table class="data-table erasure-table">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col" class="num">
                  Removed
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([table, n]) => (
                <tr key={table}>
                  <th scope="row">{label(table)}</th>
                  <td class="num">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p class="muted">No lead, visitor or event matched. Check the spelling, or try the other identifier.</p>
      )}
    </section>
  );
}
