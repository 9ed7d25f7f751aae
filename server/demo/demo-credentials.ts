// The demo workspace's password. Never one anyone can know in advance: a fresh one is generated
// when the demo is seeded and kept beside the database (file mode 0600), so `npm start` can print
// it and `npm run demo:credentials` can print it again. `SIXTY_DEMO_PASSWORD` sets it instead
// (tests, scripted demos).
import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The file holding the generated password, in the database's folder. */
export const DEMO_PASSWORD_FILE = 'demo-password';

/** Letters and digits a person reads and types without confusing them (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Three groups of five from 32 symbols: 75 bits, typed in a few seconds. */
const GROUPS = 3;
const GROUP_LEN = 5;

export function generateDemoPassword(): string {
  const group = () => Array.from({ length: GROUP_LEN }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: GROUPS }, group).join('-');
}

/** Where the password is kept for a database at `dbPath` (also for PostgreSQL: the data folder). */
export function demoPasswordPath(dbPath: string): string {
  return join(dirname(resolve(dbPath)), DEMO_PASSWORD_FILE);
}

/** The password set in the environment, else the one kept beside the database, else null. */
export function knownDemoPassword(config: { dbPath: string; demoPassword: string | null }): string | null {
  if (config.demoPassword) return config.demoPassword;
  const file = demoPasswordPath(config.dbPath);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

/**
 * The password to seed a new demo workspace with: the environment's, or a new one written beside
 * the database, readable by its owner only.
 */
export function newDemoPassword(config: { dbPath: string; demoPassword: string | null }): string {
  if (config.demoPassword) return config.demoPassword;
  const password = generateDemoPassword();
  const file = demoPasswordPath(config.dbPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  // A file left from an earlier database keeps its old mode through writeFileSync: set it again.
  chmodSync(file, 0o600);
  return password;
}
