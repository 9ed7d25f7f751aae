// The SQLite and PostgreSQL schemas describe one database: same tables, columns, keys, indexes
// and foreign keys, and column types of the same family (so rows read the same on both). Each
// table is reduced to sorted lines per dialect and compared, so a drift shows as a line diff.
import { describe, expect, it } from 'vitest';
import { getTableColumns, getTableName, is, SQL, StringChunk, Table, type Column } from 'drizzle-orm';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import * as sqliteCore from '../../server/db/schema';
import * as sqliteTracking from '../../server/db/tracking-schema';
import * as sqliteAdmin from '../../server/db/admin-schema';
import * as sqliteAbuse from '../../server/db/abuse-schema';
import * as sqliteForms from '../../server/db/forms-schema';
import * as sqliteCalendar from '../../server/db/calendar-schema';
import * as sqliteBooking from '../../server/db/booking-schema';
import * as sqliteSla from '../../server/db/sla-schema';
import * as sqlitePush from '../../server/db/push-schema';
import * as sqliteCall from '../../server/db/call-schema';
import * as pgCore from '../../server/db/pg/schema';
import * as pgTracking from '../../server/db/pg/tracking-schema';
import * as pgAdmin from '../../server/db/pg/admin-schema';
import * as pgAbuse from '../../server/db/pg/abuse-schema';
import * as pgForms from '../../server/db/pg/forms-schema';
import * as pgCalendar from '../../server/db/pg/calendar-schema';
import * as pgBooking from '../../server/db/pg/booking-schema';
import * as pgSla from '../../server/db/pg/sla-schema';
import * as pgPush from '../../server/db/pg/push-schema';
import * as pgCall from '../../server/db/pg/call-schema';

/** Each SQLite schema module beside its PostgreSQL mirror. */
const MODULES: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['schema', sqliteCore, pgCore],
  ['tracking-schema', sqliteTracking, pgTracking],
  ['admin-schema', sqliteAdmin, pgAdmin],
  ['abuse-schema', sqliteAbuse, pgAbuse],
  ['forms-schema', sqliteForms, pgForms],
  ['calendar-schema', sqliteCalendar, pgCalendar],
  ['booking-schema', sqliteBooking, pgBooking],
  ['sla-schema', sqliteSla, pgSla],
  ['push-schema', sqlitePush, pgPush],
  ['call-schema', sqliteCall, pgCall],
];

/** The type families that read back as the same JS value through drizzle. */
const SQLITE_FAMILY: Record<string, string> = {
  SQLiteText: 'text',
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteReal: 'real',
};
const PG_FAMILY: Record<string, string> = {
  PgText: 'text',
  PgVarchar: 'text',
  PgInteger: 'integer',
  PgSmallInt: 'integer',
  PgBigInt53: 'integer',
  PgSerial: 'serial',
  PgBigSerial53: 'serial',
  PgBoolean: 'boolean',
  PgDoublePrecision: 'real',
  PgReal: 'real',
};

function tablesOf(mod: Record<string, unknown>, kind: typeof SQLiteTable | typeof PgTable): Map<string, Table> {
  const found = new Map<string, Table>();
  for (const [exportName, value] of Object.entries(mod)) if (is(value, kind)) found.set(exportName, value as Table);
  return found;
}

/** Index `where` clauses and the like, as text (they are written as plain sql`...` strings). */
function sqlText(value: SQL): string {
  return value.queryChunks.map((c) => (is(c, StringChunk) ? c.value.join('') : is(c, SQL) ? sqlText(c) : `<${(c as object).constructor.name}>`)).join('');
}

function defaultOf(col: Column, family: string): string {
  if (family === 'serial') return 'auto';
  if (col.defaultFn || col.onUpdateFn) return 'fn';
  if (!col.hasDefault && col.default === undefined) return 'none';
  if (is(col.default, SQL)) return 'sql';
  return JSON.stringify(col.default);
}

/** Normalized config common to both dialects' getTableConfig results. */
interface Config {
  name: string;
  columns: Column[];
  indexes: { config: { name?: string; columns: unknown[]; unique: boolean; where?: SQL } }[];
  foreignKeys: { onDelete?: string; onUpdate?: string; reference(): { columns: Column[]; foreignColumns: Column[]; foreignTable: Table } }[];
  primaryKeys: { columns: Column[] }[];
  uniqueConstraints: { name?: string; columns: Column[] }[];
}

function columnName(c: unknown): string {
  if (c && typeof c === 'object' && 'name' in c && typeof c.name === 'string') return c.name;
  if (is(c, SQL)) return `(${sqlText(c)})`;
  return '?';
}

/** One table as sorted lines; `family` names the column's type family for its dialect. */
function shape(table: Table, config: Config, family: (col: Column) => string): string[] {
  const lines: string[] = [];
  const propOf = new Map(Object.entries(getTableColumns(table)).map(([prop, col]) => [col, prop]));
  for (const col of config.columns) {
    const fam = family(col);
    const enumValues = col.enumValues?.length ? ` enum[${col.enumValues.join(',')}]` : '';
    lines.push(
      `column ${propOf.get(col)} -> ${col.name}: ${fam}${enumValues}, ${col.notNull ? 'not null' : 'nullable'}, default ${defaultOf(col, fam)}${col.primary ? ', primary key' : ''}`,
    );
    if (col.isUnique) lines.push(`unique (${col.name})`);
  }
  for (const pk of config.primaryKeys) lines.push(`primary key (${pk.columns.map((c) => c.name).join(', ')})`);
  for (const u of config.uniqueConstraints) lines.push(`unique (${u.columns.map((c) => c.name).join(', ')})`);
  for (const { config: idx } of config.indexes) {
    const where = idx.where ? ` where ${sqlText(idx.where)}` : '';
    lines.push(`${idx.unique ? 'unique index' : 'index'} ${idx.name} (${idx.columns.map(columnName).join(', ')})${where}`);
  }
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const target = `${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(', ')})`;
    lines.push(
      `foreign key (${ref.columns.map((c) => c.name).join(', ')}) -> ${target} on delete ${fk.onDelete ?? 'no action'} on update ${fk.onUpdate ?? 'no action'}`,
    );
  }
  return lines.sort();
}

function sqliteShape(table: Table): string[] {
  const config = sqliteConfig(table as SQLiteTable) as unknown as Config;
  return shape(table, config, (col) => {
    const fam = SQLITE_FAMILY[col.columnType] ?? `unmapped ${col.columnType}`;
    return fam === 'integer' && (col as Column & { autoIncrement?: boolean }).autoIncrement ? 'serial' : fam;
  });
}

function pgShape(table: Table): string[] {
  const config = pgConfig(table as PgTable) as unknown as Config;
  return shape(table, config, (col) => PG_FAMILY[col.columnType] ?? `unmapped ${col.columnType}`);
}

describe('the SQLite and PostgreSQL schemas', () => {
  it.each(MODULES)('%s exports the same tables in both dialects', (_, sqliteMod, pgMod) => {
    const sqliteTables = tablesOf(sqliteMod, SQLiteTable);
    const pgTables = tablesOf(pgMod, PgTable);
    expect(sqliteTables.size).toBeGreaterThan(0);
    const names = (m: Map<string, Table>) => [...m].map(([exportName, t]) => `${exportName} -> ${getTableName(t)}`).sort();
    expect(names(pgTables)).toEqual(names(sqliteTables));
  });

  const pairs = MODULES.flatMap(([module, sqliteMod, pgMod]) => {
    const pgTables = tablesOf(pgMod, PgTable);
    return [...tablesOf(sqliteMod, SQLiteTable)].map(([exportName, table]) => ({
      label: `${module}: ${getTableName(table)}`,
      sqlite: table,
      pg: pgTables.get(exportName),
    }));
  });

  it.each(pairs)('$label has the same columns, keys, indexes and foreign keys', ({ sqlite, pg }) => {
    // A missing PostgreSQL table shows up in the diff as this line against the SQLite shape.
    expect(pg ? pgShape(pg) : ['(no PostgreSQL table under this export name)']).toEqual(sqliteShape(sqlite));
  });

  it('maps every column type it meets', () => {
    const lines = pairs.flatMap(({ sqlite, pg }) => [...sqliteShape(sqlite), ...(pg ? pgShape(pg) : [])]);
    expect(lines.filter((l) => l.includes('unmapped'))).toEqual([]);
  });
});
