import type { Namespace } from 'socket.io';
import type { VisitorClientToServer, VisitorServerToClient } from '../../shared/live-events';
import type { AppDeps } from '../app';
import { leadOfToken } from '../callbacks/visitor-token';
import { originAllowed } from '../http/origin';
import { registerCallSignalling } from '../calls/call-signal.socket';

type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, Record<string, never>, { leadId: string }>;

/**
 * Visitors present the token scoped to their one lead and see only that lead's status.
 * The current status is sent on every (re)connection, so a drop loses nothing.
 */
export function registerVisitorNamespace(nsp: VisitorNamespace, deps: AppDeps) {
  const { store, router, log } = deps;

  nsp.use(async (socket, next) => {
    try {
      const leadId = leadOfToken(deps.visitorSecret, (socket.handshake.auth as { token?: unknown } | undefined)?.token);
      if (!leadId) return next(new Error('forbidden'));
      const site = await store.siteOfLead(leadId);
      if (!site) return next(new Error('forbidden'));
      const origin = socket.handshake.headers.origin;
      // Browsers always send Origin; when present it must be one of the site's pages.
      if (origin !== undefined && !originAllowed(origin, site.allowedOrigins)) return next(new Error('forbidden'));
      socket.data.leadId = leadId;
      next();
    } catch (err) {
      log.error({ err }, 'visitor handshake failed');
      next(new Error('internal'));
    }
  });

  nsp.on('connection', async (socket) => {
    const leadId = socket.data.leadId;
    // Browser calls: the token's lead is the only call this socket may signal for.
    registerCallSignalling(socket, { kind: 'visitor', leadId }, nsp.server, deps);
    // Joined before the read, so no change is missed; but a push that reaches this socket while
    // the read is under way (an accept committed meanwhile, on PostgreSQL where the read awaits)
    // may be newer than what the read returns, and must not be overwritten by it.
    let pushed = false;
    const onPush = () => (pushed = true);
    socket.onAnyOutgoing(onPush);
    await socket.join(`lead:${leadId}`);
    try {
      const status = await router.statusOf(leadId);
      if (status && !pushed) socket.emit('lead:status', status);
    } catch (err) {
      log.error({ err }, 'visitor status failed');
    } finally {
      socket.offAnyOutgoing(onPush);
    }
  });
}
