// The raw bytes of a test server's SQLite database and its WAL, as someone holding the files
// would read them: erasure tests look for a person's data in them. On PostgreSQL the files are
// the database server's, out of reach: empty, and such tests check rows instead.
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../../server/config';

export function rawDatabaseText(server: { deps: { config: Pick<Config, 'dbPath' | 'databaseUrl'> } }): string {
  if (server.deps.config.databaseUrl) return '';
  const path = server.deps.config.dbPath;
  return [path, `${path}-wal`]
    .filter(existsSync)
    .map((p) => readFileSync(p).toString('latin1'))
    .join('');
}
