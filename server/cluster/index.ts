// Cluster mode (SIXTY_REDIS_URL): what several processes behind one load balancer share through Redis.
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { SiteKeyCachePeers } from '../sites/site-key-cache';
import { connectRedis, type RedisConnection } from './redis';
import { ClusterOnlineReps } from './cluster-online';
import { RedisRateLimiter } from './redis-rate-limit';
import { RedisBotFilter } from './redis-bot-filter';
import { siteCachePeers } from './site-peers';

export { connectRedis, redactedUrl, type RedisConnection } from './redis';
export { ClusterOnlineReps } from './cluster-online';
export { RedisRateLimiter } from './redis-rate-limit';
export { RedisBotFilter } from './redis-bot-filter';
export { siteCachePeers } from './site-peers';

export interface Cluster {
  /** For `createLive(http, cluster.redis)`: the socket.io streams adapter. */
  redis: RedisConnection;
  online: ClusterOnlineReps;
  limiter: RedisRateLimiter;
  botFilter: RedisBotFilter;
  sitePeers: SiteKeyCachePeers;
  /** After `io.close()` (the adapter publishes through this connection while it closes). */
  close(): Promise<void>;
}

/** Connects to Redis (StartupError when it cannot) and joins the presence registry. */
export async function startCluster(config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'nodeId'>, log: Logger): Promise<Cluster> {
  if (!config.redisUrl) throw new Error('startCluster needs SIXTY_REDIS_URL');
  const redis = await connectRedis(config.redisUrl, { prefix: config.redisPrefix, log, name: `${config.redisPrefix}:${config.nodeId}` });
  try {
    const online = await ClusterOnlineReps.start(redis, { nodeId: config.nodeId, log });
    const sitePeers = await siteCachePeers(redis);
    return {
      redis,
      online,
      limiter: new RedisRateLimiter(redis, log),
      botFilter: new RedisBotFilter(redis, log),
      sitePeers,
      async close() {
        await online.close();
        await redis.close();
      },
    };
  } catch (err) {
    await redis.close();
    throw err;
  }
}
