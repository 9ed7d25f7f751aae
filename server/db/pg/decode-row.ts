// Rows that did not come through a drizzle select, decoded as drizzle decodes one: rows read as
// JSON (`to_json`, `json_agg`), so one statement can bring a row together with its related rows
// instead of a round trip for each, and rows a raw statement returns (see write-together.ts).
import { getTableColumns, type Table } from 'drizzle-orm';

/** A row of `table` from an object keyed by SQL column names. */
export function decodeRow<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}
