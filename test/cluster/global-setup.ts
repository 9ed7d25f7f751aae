// Before the cluster suite: PostgreSQL and Redis must answer (else one clear message instead of
// every test failing alike). After it: drop the databases and Redis keys this run made, including
// those of servers a test restarted or killed without stopping.
import pg from 'pg';
import { createClient } from 'redis';
import { clearRedisPrefix, dropTestDatabases, TEST_DATABASE_PREFIX } from '../helpers/databases';

const HINT = 'start them with `bash scripts/cluster-services.sh` (as root), or point SIXTY_TEST_DATABASE_URL / SIXTY_TEST_REDIS_URL at yours';

/** The URL without its password, for messages. */
const shown = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function setup() {
  const databaseUrl = process.env.SIXTY_TEST_DATABASE_URL!;
  const redisUrl = process.env.SIXTY_TEST_REDIS_URL!;
  const run = process.env.SIXTY_TEST_RUN!;

  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`PostgreSQL at ${shown(databaseUrl)} does not answer (${(err as Error).message}): ${HINT}`);
  } finally {
    await client.end().catch(() => {});
  }

  const redis = createClient({ url: redisUrl, socket: { connectTimeout: 5000, reconnectStrategy: false } });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`Redis at ${shown(redisUrl)} does not answer (${(err as Error).message}): ${HINT}`);
  } finally {
    if (redis.isOpen) await redis.close();
  }

  return async function teardown() {
    await dropTestDatabases(databaseUrl, `${TEST_DATABASE_PREFIX}${run}_`);
    await clearRedisPrefix(redisUrl, `sixty-t-${run}-`);
  };
}
