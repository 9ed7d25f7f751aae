// `npm run backup [destination]`: a consistent copy of the live database, taken with SQLite's
// online backup API while the server keeps running (WAL lets it read a snapshot beside the writer).
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

const source = process.env.SIXTY_DB ?? './data/sixty.db';
if (!existsSync(source)) {
  process.stderr.write(`No database at ${source} (set SIXTY_DB).\n`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const destination = process.argv[2] ?? join(dirname(source), 'backups', `sixty-${stamp}.db`);
mkdirSync(dirname(destination), { recursive: true });
if (existsSync(destination)) {
  process.stderr.write(`${destination} already exists; choose another name.\n`);
  process.exit(1);
}

const db = new Database(source, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const started = performance.now();
await db.backup(destination);
db.close();
const check = new Database(destination, { readonly: true });
const ok = check.pragma('quick_check', { simple: true });
check.close();
if (ok !== 'ok') {
  process.stderr.write(`Backup written to ${destination} but its integrity check said: ${String(ok)}\n`);
  process.exit(1);
}
process.stdout.write(`Backup written to ${destination} in ${Math.round(performance.now() - started)} ms (integrity ok).\n`);
