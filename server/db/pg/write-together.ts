// Several writes of one transaction sent as one statement: every write but the last becomes a
// data-modifying WITH, which PostgreSQL runs even though nothing refers to it. One round trip
// instead of one per write. All of them see the snapshot the statement started with, so they
// must not read each other's effects nor touch the same rows; foreign keys are checked at the
// end of the statement, so a row may refer to one inserted beside it.
import { sql, type SQLWrapper } from 'drizzle-orm';
import type { PgConn } from './open';

/** Runs `writes` as one statement; the rows the last one returns, keyed by SQL column names (see decodeRow). */
export async function writeTogether(conn: PgConn, writes: readonly SQLWrapper[]): Promise<Array<Record<string, unknown>>> {
  const last = writes.at(-1);
  if (!last) return [];
  // getSQL(), not the builder itself: drizzle wraps an embedded builder in parentheses, which a WITH body may not have.
  const ctes = writes.slice(0, -1).map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
  return (await conn.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${last.getSQL()}` : last.getSQL())).rows;
}
