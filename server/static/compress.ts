import type { Context } from 'hono';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Compressed bodies by a key that changes with the body (a file's path, a body's ETag). */
export type Compressed = Map<string, { br: Buffer; gzip: Buffer }>;

/**
 * The body in the best encoding the client accepts (brotli, gzip, none), compressed once per key
 * and kept in `cache`: visitors on slow networks download the gzip/brotli bytes the size report
 * promises, not the raw ones. Sets Content-Encoding; the caller says `Vary: Accept-Encoding`.
 */
export function negotiated(c: Context, cache: Compressed, key: string, raw: Buffer): Buffer {
  const accept = c.req.header('accept-encoding') ?? '';
  const br = /\bbr\b/.test(accept);
  if (!br && !/\bgzip\b/.test(accept)) return raw;
  let hit = cache.get(key);
  if (!hit) {
    hit = { br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(raw, { level: 9 }) };
    cache.set(key, hit);
  }
  c.header('Content-Encoding', br ? 'br' : 'gzip');
  return br ? hit.br : hit.gzip;
}
