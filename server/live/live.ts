import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RepClientToServer, RepServerToClient, VisitorClientToServer, VisitorServerToClient } from '../../shared/live-events';
import { REP_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/live-events';
import type { Notifier } from '../routing/router';
import type { RedisConnection } from '../cluster/redis';
import { localFirst } from '../cluster/local-first';

/** Longest a stream read blocks; also how long the adapter's reader lingers after close. */
const STREAM_BLOCK_MS = 2000;

/**
 * socket.io on the same HTTP server; room per rep (`rep:<id>`), per console session
 * (`session:<hash>`) and per lead (`lead:<id>`).
 *
 * With a cluster connection, rooms span every process through the Redis *streams* adapter,
 * not the classic pub/sub one: broadcasts are appended to a stream that each process reads
 * from its last offset, so a Redis blip delays packets instead of dropping them (pub/sub
 * forgets what a disconnected subscriber missed), and it is the adapter of the two that
 * supports connection state recovery. Sixty does not turn that recovery on: every rep
 * (re)connection re-syncs its offers from the database (`offers:sync`) and every visitor
 * connection re-reads its lead's status, so nothing depends on replaying missed packets;
 * recovery would add the stream offset to every packet and a session write per disconnect
 * (and the local-first delivery below does not stamp those offsets).
 */
export function createLive(http: HttpServer, cluster?: RedisConnection): Server {
  const options: Partial<ServerOptions> = {
    // Payloads are small; a large frame is an attack or a bug.
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    // Origins are checked per namespace in the auth middleware, not with blanket CORS.
    cors: { origin: true, credentials: true },
  };
  if (cluster) {
    const streams = createAdapter(cluster.client, {
      streamName: `${cluster.prefix}:socket.io`,
      channelPrefix: `${cluster.prefix}:socket.io`,
      sessionKeyPrefix: `${cluster.prefix}:socket.io:session:`,
      blockTimeInMs: STREAM_BLOCK_MS,
      // Every payload is JSON: skip the adapter's per-packet search for binary data.
      onlyPlaintext: true,
    });
    // socket.io calls this with `new`: a function, not an arrow.
    options.adapter = function clusterAdapter(nsp: Parameters<typeof streams>[0]) {
      return localFirst(streams(nsp));
    };
  }
  return new Server(http, options);
}

export function liveNotifier(io: Server): Notifier {
  const reps = io.of(REP_NAMESPACE) as unknown as import('socket.io').Namespace<RepClientToServer, RepServerToClient>;
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as import('socket.io').Namespace<VisitorClientToServer, VisitorServerToClient>;
  return {
    offerNew: (repId, offer) => void reps.to(`rep:${repId}`).emit('offer:new', offer),
    offerClosed: (repId, offerId, reason) => void reps.to(`rep:${repId}`).emit('offer:closed', { offerId, reason }),
    leadUpdated: (repId, lead) => void reps.to(`rep:${repId}`).emit('lead:updated', lead),
    presenceChanged: (repId, presence, reason) => void reps.to(`rep:${repId}`).emit('presence:changed', reason ? { presence, reason } : { presence }),
    visitorStatus: (leadId, status) => void visitors.to(`lead:${leadId}`).emit('lead:status', status),
  };
}
