import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type {
  RepClientToServer,
  RepServerToClient,
  VisitorClientToServer,
  VisitorServerToClient,
} from '../../shared/live-events';
import { REP_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/live-events';
import type { Notifier } from '../routing/router';

export type LiveServer = Server;

/** socket.io on the same HTTP server; room per rep (`rep:<id>`) and per lead (`lead:<id>`). */
export function createLive(http: HttpServer): Server {
  return new Server(http, {
    // Payloads are small; a large frame is an attack or a bug.
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    // Origins are checked per namespace in the auth middleware, not with blanket CORS.
    cors: { origin: true, credentials: true },
  });
}

export function liveNotifier(io: Server): Notifier {
  const reps = io.of(REP_NAMESPACE) as unknown as import('socket.io').Namespace<RepClientToServer, RepServerToClient>;
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as import('socket.io').Namespace<VisitorClientToServer, VisitorServerToClient>;
  return {
    offerNew: (repId, offer) => void reps.to(`rep:${repId}`).emit('offer:new', offer),
    offerClosed: (repId, offerId, reason) => void reps.to(`rep:${repId}`).emit('offer:closed', { offerId, reason }),
    leadUpdated: (repId, lead) => void reps.to(`rep:${repId}`).emit('lead:updated', lead),
    presenceChanged: (repId, presence, reason) =>
      void reps.to(`rep:${repId}`).emit('presence:changed', reason ? { presence, reason } : { presence }),
    visitorStatus: (leadId, status) => void visitors.to(`lead:${leadId}`).emit('lead:status', status),
  };
}
