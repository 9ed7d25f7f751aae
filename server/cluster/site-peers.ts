import type { SiteKeyCachePeers } from '../sites/site-key-cache';
import type { RedisConnection } from './redis';

/** The channel, under the install's prefix. */
const CHANNEL = 'sites';
/** Stands for "every key" on the wire (a site key is never empty). */
const ALL = '';

/** Site cache invalidations over Redis pub/sub; each process also hears its own, which is harmless. */
export async function siteCachePeers(redis: RedisConnection): Promise<SiteKeyCachePeers> {
  const listeners: Array<(siteKey: string | null) => void> = [];
  await redis.subscribe(CHANNEL, (message) => {
    for (const drop of listeners) drop(message === ALL ? null : message);
  });
  return {
    publish: (siteKey) => redis.publish(CHANNEL, siteKey ?? ALL),
    subscribe: (drop) => void listeners.push(drop),
  };
}
