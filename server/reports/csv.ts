// CSV that is safe to open in a spreadsheet: values that a spreadsheet would run as a formula
// (starting with = + - @, tab or carriage return) are neutralised with a leading apostrophe,
// except a value that is exactly an E.164 phone number, which stays as it is so it is not
// mangled. A spreadsheet may still read "+14155552671" as the number 14155552671, and no CSV
// spelling prevents that without showing an apostrophe or becoming a formula: the .xlsx export
// (./xlsx.ts) is the one whose phones open as text.

import type { Cell, CellKind, ExportTable } from './export-table';

const E164 = /^\+[1-9]\d{6,14}$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !E164.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** The export table as CSV: times as ISO instants (UTC), flags as true/false. */
export function csvOf(table: ExportTable): string {
  const cell = (kind: CellKind, v: Cell) =>
    v === null ? null : kind === 'time' && typeof v === 'number' ? new Date(v).toISOString() : typeof v === 'boolean' ? String(v) : v;
  let body = csvLine(table.columns.map((c) => c.header));
  for (const row of table.rows) body += csvLine(row.map((v, i) => cell(table.columns[i]!.kind, v)));
  return body;
}
