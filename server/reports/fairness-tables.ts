// The speed-pays and rep-fairness reports as tables for the CSV export (csv.ts writes them). Pure.
import { CALL_BUCKET_LABELS } from '../../shared/call-buckets';
import type { RepFigures, RepsReport, SpeedPaysReport } from '../../shared/console-api';
import type { Cell, CellKind, ExportTable } from './export-table';

type Column<R> = { header: string; kind: CellKind; value: (r: R) => Cell };

function tableOf<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[]): ExportTable {
  return { columns: columns.map(({ header, kind }) => ({ header, kind })), rows: rows.map((r) => columns.map((c) => c.value(r))) };
}

export function speedPaysTable(r: SpeedPaysReport): ExportTable {
  return tableOf<SpeedPaysReport['buckets'][number]>(
    [
      { header: 'first_call', kind: 'text', value: (b) => CALL_BUCKET_LABELS[b.bucket] },
      { header: 'leads', kind: 'number', value: (b) => b.leads },
      { header: 'sql', kind: 'number', value: (b) => b.sql },
      { header: 'sql_rate', kind: 'number', value: (b) => b.sqlRate },
      { header: 'won', kind: 'number', value: (b) => b.won },
      { header: 'won_rate', kind: 'number', value: (b) => b.wonRate },
    ],
    r.buckets,
  );
}

/** The figures every rep and team row carries, after its name. */
function figureColumns(currency: string): Array<Column<RepFigures>> {
  return [
    { header: 'offers_received', kind: 'number', value: (f) => f.offers.received },
    { header: 'accepted', kind: 'number', value: (f) => f.offers.accepted },
    { header: 'declined', kind: 'number', value: (f) => f.offers.declined },
    { header: 'expired', kind: 'number', value: (f) => f.offers.expired },
    { header: 'taken_by_another', kind: 'number', value: (f) => f.offers.taken },
    { header: 'open', kind: 'number', value: (f) => f.offers.open },
    { header: 'declined_by_reason', kind: 'text', value: (f) => f.declineReasons.map((d) => `${d.reason}: ${d.count}`).join('; ') || null },
    { header: 'median_seconds_to_accept', kind: 'number', value: (f) => (f.medianMsToAccept === null ? null : f.medianMsToAccept / 1000) },
    { header: 'leads_owned', kind: 'number', value: (f) => f.leadsOwned },
    { header: 'sql_leads', kind: 'number', value: (f) => f.sqlLeads },
    { header: 'sql_rate', kind: 'number', value: (f) => f.sqlRate },
    { header: 'won_deals', kind: 'number', value: (f) => f.wonDeals },
    { header: `won_revenue_${currency.toLowerCase()}`, kind: 'number', value: (f) => f.wonRevenue },
  ];
}

export function repsTable(r: RepsReport): ExportTable {
  return tableOf<RepsReport['reps'][number]>([{ header: 'rep', kind: 'text', value: (x) => x.name }, ...figureColumns(r.currency)], r.reps);
}

export function teamsTable(r: RepsReport): ExportTable {
  return tableOf<RepsReport['teams'][number]>(
    [
      { header: 'team', kind: 'text', value: (t) => t.name },
      { header: 'strategies', kind: 'text', value: (t) => t.strategies.join('; ') || null },
      { header: 'rotation_offers', kind: 'number', value: (t) => t.rotationOffers },
      ...figureColumns(r.currency),
    ],
    r.teams,
  );
}

/** The round-robin spread: one row per team member, its share of the team's rotation offers beside the expected one. */
export function spreadTable(r: RepsReport): ExportTable {
  type Row = RepsReport['teams'][number]['members'][number] & { team: string };
  return tableOf<Row>(
    [
      { header: 'team', kind: 'text', value: (m) => m.team },
      { header: 'rep', kind: 'text', value: (m) => m.name },
      { header: 'weight', kind: 'number', value: (m) => m.weight },
      { header: 'expected_share', kind: 'number', value: (m) => m.expectedShare },
      { header: 'rotation_offers', kind: 'number', value: (m) => m.rotationOffers },
      { header: 'share', kind: 'number', value: (m) => m.share },
    ],
    r.teams.flatMap((t) => t.members.map((m) => ({ ...m, team: t.name }))),
  );
}
